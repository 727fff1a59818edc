package io.polder.registry.runs;

import io.polder.registry.Names;

/** Which runs to list: of a product, of a kind, in a state; null means any. */
public record RunFilter(String product, RunKind kind, RunState state) {
    public RunFilter {
        if (product != null) {
            Names.requireId("product id", product);
        }
    }

    public static RunFilter all() {
        return new RunFilter(null, null, null);
    }

    public static RunFilter ofProduct(String product) {
        return new RunFilter(product, null, null);
    }
}
