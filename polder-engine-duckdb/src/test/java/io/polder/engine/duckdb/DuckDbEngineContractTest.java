package io.polder.engine.duckdb;

import io.polder.spi.EngineFactory;
import io.polder.spi.testkit.EngineContractTests;

/** The DuckDB engine passes the engine contract-test kit. */
class DuckDbEngineContractTest extends EngineContractTests {
    @Override
    protected EngineFactory factory() {
        return new DuckDbEngineFactory();
    }
}
