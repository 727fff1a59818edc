package io.polder.registry.runs;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One build or contract run of a product.
 *
 * @param productVersion the product version the run built or tested
 * @param port the port a test checked ({@code product/port/vMAJOR}); null for a build, which covers every output port
 * @param snapshot the snapshot a test checked; null for a build (its snapshots are per port, in {@link RunPort})
 * @param stage the last stage reported (provision, load-sources, write, check, publish...), or null before the first;
 *              {@code waiting: build} or {@code waiting: test} while the run waits for a build or a contract run of
 *              its product to end (queued, or running and held in the engine)
 * @param rows the rows written (a build) or checked (a test) so far, as progress reports them
 * @param queryCount the queries over the data the contract checks issued
 * @param requestedBy the principal who asked for the run ({@code polder} for the scheduler)
 * @param errorCode why the run failed before its checks could decide (an error code), or null
 * @param errorMessage that failure in one readable message (it names file, line and field where there is one), or null
 * @param warnings what did not fail the run but is worth knowing (a lineage endpoint that did not answer)
 */
public record Run(String id, RunKind kind, String productId, String productVersion, String port, String snapshot,
                  RunState state, String stage, long rows, int queryCount, RunTrigger trigger, String requestedBy,
                  Instant createdAt, Instant startedAt, Instant finishedAt, String errorCode, String errorMessage,
                  List<String> warnings) {
    public Run {
        requireNonNull(id, "id is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(productId, "productId is null");
        requireNonNull(state, "state is null");
        warnings = List.copyOf(warnings);
    }
}
