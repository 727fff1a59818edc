package io.polder.engine.duckdb;

import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.EngineFactory;

/** The embedded engine, {@code duckdb}: a Parquet warehouse in the data directory, built and checked with DuckDB. */
public final class DuckDbEngineFactory implements EngineFactory {
    public static final String NAME = "duckdb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Engine create(EngineConfig config, EngineContext context) {
        return new DuckDbEngine(DuckDbSettings.of(config, context), context);
    }
}
