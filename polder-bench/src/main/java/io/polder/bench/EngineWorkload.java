package io.polder.bench;

import io.polder.spi.EngineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * What the engine benchmarks ({@code ./bench engine} and its {@code --only=overhead}) read from their options, and
 * the dataset they run on: {@code --rows}, {@code --runs}, {@code --threads} (default: the processors) and
 * {@code --memory} (default 4GB), given to the engine and to the DuckDB baselines alike.
 */
record EngineWorkload(long rows, int runs, int threads, String memory) {
    static EngineWorkload of(BenchOptions options, long defaultRows, int defaultRuns) {
        return new EngineWorkload(options.number("rows", defaultRows), options.integer("runs", defaultRuns),
                options.integer("threads", Runtime.getRuntime().availableProcessors()),
                options.string("memory", "4GB"));
    }

    /** Writes the {@link BenchDataset} of {@link #rows()} rows below {@code directory}; returns the Parquet file. */
    Path writeDataset(Path directory) throws IOException, SQLException {
        Path source = directory.resolve("sources/big.parquet");
        Files.createDirectories(source.getParent());
        BenchDataset.write(source, rows);
        return source;
    }

    /** The engine's configuration: these threads and memory, reading its sources beside {@code source}. */
    EngineConfig engineConfig(Path source) {
        return EngineConfig.empty().with("threads", Integer.toString(threads)).with("memory-limit", memory)
                .with("source-directory", source.getParent().toString());
    }
}
