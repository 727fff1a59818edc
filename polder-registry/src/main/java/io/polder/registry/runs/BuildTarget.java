package io.polder.registry.runs;

import static java.util.Objects.requireNonNull;

import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.InputBinding;
import io.polder.spi.build.ProductDefinition;
import java.util.List;

/**
 * A product's current version as an engine builds it: its definition (product, contracts of its output ports,
 * polder.yaml, build SQL, all as published in the registry) and its input ports bound to the output ports of
 * the products whose contracts they name.
 */
public record BuildTarget(String productId, String version, ProductDefinition definition, List<InputBinding> inputs) {
    public BuildTarget {
        requireNonNull(productId, "productId is null");
        requireNonNull(version, "version is null");
        requireNonNull(definition, "definition is null");
        inputs = List.copyOf(inputs);
    }

    public BuildRequest request(String runId) {
        return BuildRequest.of(definition, inputs).withRunId(runId);
    }
}
