package io.polder.spi.lineage;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Makes the OpenLineage events of builds, the same way for every engine: a product is a job (its name is
 * the product id), a build is a run, the upstream ports and sources are its inputs, and the snapshots it
 * writes are its outputs.
 */
public final class LineageEvents {
    /** The namespace of Polder's jobs. */
    public static final String JOB_NAMESPACE = "polder";

    private final String producer;
    private final Clock clock;

    /** @param producer a URI naming the engine that emits, e.g. https://github.com/polder/polder/polder-engine-duckdb */
    public LineageEvents(String producer, Clock clock) {
        this.producer = requireNonNull(producer, "producer is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public String producer() {
        return producer;
    }

    /** OpenLineage wants a UUID run id: a UUID is kept, any other id is turned into a name-based UUID. */
    public static String runUuid(String runId) {
        try {
            return UUID.fromString(runId).toString();
        } catch (IllegalArgumentException notUuid) {
            return UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    public RunEvent start(String runId, String product, String sql, List<RunEvent.Dataset> inputs,
                          List<RunEvent.Dataset> outputs) {
        return event(RunEvent.EventType.START, runId, product, sql, null, inputs, outputs);
    }

    public RunEvent complete(String runId, String product, String sql, List<RunEvent.Dataset> inputs,
                             List<RunEvent.Dataset> outputs) {
        return event(RunEvent.EventType.COMPLETE, runId, product, sql, null, inputs, outputs);
    }

    public RunEvent fail(String runId, String product, String sql, String message, List<RunEvent.Dataset> inputs,
                         List<RunEvent.Dataset> outputs) {
        return event(RunEvent.EventType.FAIL, runId, product, sql, Facets.ErrorMessage.of(producer, message),
                inputs, outputs);
    }

    /**
     * A dataset with a schema facet and, when known, its version (a snapshot id) and what was written.
     *
     * @param rows rows written, or null for an input or an output not yet written
     */
    public RunEvent.Dataset dataset(String namespace, String name, List<Facets.Field> schema, String version,
                                    String sourceUri, Long rows, Long bytes) {
        RunEvent.DatasetFacets facets = new RunEvent.DatasetFacets(
                schema == null ? null : Facets.Schema.of(producer, schema),
                sourceUri == null ? null : Facets.DataSource.of(producer, namespace, sourceUri),
                version == null ? null : Facets.Version.of(producer, version));
        RunEvent.OutputFacets output = rows == null ? null
                : new RunEvent.OutputFacets(Facets.OutputStatistics.of(producer, rows, bytes == null ? 0 : bytes));
        return new RunEvent.Dataset(namespace, name, facets, output);
    }

    private RunEvent event(RunEvent.EventType type, String runId, String product, String sql,
                           Facets.ErrorMessage error, List<RunEvent.Dataset> inputs, List<RunEvent.Dataset> outputs) {
        RunEvent.JobFacets jobFacets = new RunEvent.JobFacets(Facets.JobType.build(producer),
                sql == null || sql.isBlank() ? null : Facets.Sql.of(producer, sql));
        return new RunEvent(type, DateTimeFormatter.ISO_INSTANT.format(clock.instant()), producer,
                RunEvent.SCHEMA_URL, new RunEvent.Run(runUuid(runId), error == null ? null : new RunEvent.RunFacets(error)),
                new RunEvent.Job(JOB_NAMESPACE, product, jobFacets), inputs, outputs);
    }
}
