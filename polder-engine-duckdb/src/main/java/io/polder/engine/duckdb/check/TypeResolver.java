package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.DuckDbTypes;

/** Resolves a contract's physicalType to the DuckDB type it names, or null when it names none. */
@FunctionalInterface
public interface TypeResolver {
    String resolve(String physicalType);

    static TypeResolver none() {
        return physicalType -> null;
    }

    static TypeResolver using(DuckDbTypes types) {
        return types::resolve;
    }
}
