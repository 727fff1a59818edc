package io.polder.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.spi.EngineConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options both engine benchmarks read, and the dataset and engine configuration they make of them. */
class EngineWorkloadTest {
    @TempDir
    Path directory;

    @Test
    void readsTheOptionsWithEachSuitesDefaults() {
        EngineWorkload given = EngineWorkload.of(BenchOptions.parse(new String[] {"--rows=1_500", "--runs=5",
                "--threads=1", "--memory=512MB"}), 10_000_000L, 3);
        assertThat(given).isEqualTo(new EngineWorkload(1_500, 5, 1, "512MB"));
        EngineWorkload defaults = EngineWorkload.of(new BenchOptions(Map.of()), 1_000L, 21);
        assertThat(defaults).isEqualTo(new EngineWorkload(1_000, 21, Runtime.getRuntime().availableProcessors(), "4GB"));
    }

    @Test
    void writesTheDatasetAndConfiguresTheEngineToReadItWithTheSameThreadsAndMemory() throws Exception {
        EngineWorkload workload = new EngineWorkload(250, 1, 1, "256MB");
        Path source = workload.writeDataset(directory);
        assertThat(source).isEqualTo(directory.resolve("sources/big.parquet")).isRegularFile();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duckdb.createStatement();
             ResultSet counted = statement.executeQuery("SELECT count(*), count(DISTINCT id) FROM read_parquet('" + source
                     + "')")) {
            counted.next();
            assertThat(counted.getLong(1)).isEqualTo(250);
            assertThat(counted.getLong(2)).isEqualTo(250);
        }
        EngineConfig config = workload.engineConfig(source);
        assertThat(config.properties()).containsEntry("threads", "1").containsEntry("memory-limit", "256MB")
                .containsEntry("source-directory", directory.resolve("sources").toString());
    }
}
