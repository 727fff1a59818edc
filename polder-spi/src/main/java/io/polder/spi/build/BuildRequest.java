package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Build a product: run its SQL over its inputs and sources, write a candidate snapshot per output port,
 * check each against its contract, and publish the ones that pass.
 *
 * @param runId the id of the run (the registry's), or null to have one made; an OpenLineage run id must be
 *              a UUID, so a non-UUID id is mapped to a name-based UUID in lineage
 * @param inputs one binding per input port of the product (see {@link MeshBuildPlan})
 * @param publish false to stop after the checks, keeping a passing candidate unpublished; the caller then publishes,
 *                and ends the run's lineage: the engine emits START only and returns the final event prepared
 *                ({@link BuildResult#pendingFinalEvent()})
 */
public record BuildRequest(String runId, ProductDefinition product, List<InputBinding> inputs, boolean publish) {
    public BuildRequest {
        requireNonNull(product, "product is null");
        inputs = List.copyOf(inputs);
    }

    public static BuildRequest of(ProductDefinition product, List<InputBinding> inputs) {
        return new BuildRequest(null, product, inputs, true);
    }

    public BuildRequest withRunId(String id) {
        return new BuildRequest(id, product, inputs, publish);
    }

    public BuildRequest withoutPublishing() {
        return new BuildRequest(runId, product, inputs, false);
    }
}
