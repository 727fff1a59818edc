package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polder.error.ErrorCode;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.exceptions.EngineException;
import io.polder.spi.exceptions.ForbiddenSqlException;
import io.polder.spi.exceptions.ResourceLimitException;
import io.polder.spi.exceptions.SourceDataException;
import io.polder.spi.exceptions.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk and DuckDB's other errors become the engine's exceptions, with DuckDB's words kept. */
class StorageErrorsTest {
    @TempDir
    Path directory;

    @Test
    void aFullDiskUnderDuckDbIsAStorageErrorSayingSo() throws Exception {
        Path devFull = Path.of("/dev/full");
        assumeTrue(Files.exists(devFull), "needs /dev/full, a device that is always full");
        Path file = Files.createSymbolicLink(directory.resolve("out.parquet"), devFull);
        SQLException full = null;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT range AS n FROM range(100000)) TO " + Sql.literal(file) + " (FORMAT parquet)");
        } catch (SQLException e) {
            full = e;
        }
        assertThat((Object) full).as("writing to /dev/full fails").isNotNull();

        EngineException translated = DuckDbErrors.translate(full, "writing table orders");

        assertThat(translated).isInstanceOf(StorageException.class);
        assertThat(translated.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(translated.getMessage()).startsWith("no space left on device while writing table orders");
    }

    @Test
    void aFullDiskUnderJavaIsAStorageErrorSayingSo() {
        StorageException error = Warehouse.storageError("writing the manifest of snapshot x",
                new IOException("No space left on device"));

        assertThat(error.getMessage()).isEqualTo("no space left on device while writing the manifest of snapshot x");
        assertThatThrownBy(() -> Warehouse.writeAtomically(directory.resolve("missing/manifest.json"), "{}", "the manifest"))
                .isInstanceOf(StorageException.class).hasMessageContaining("writing the manifest");
    }

    @Test
    void duckDbErrorClassesMapToTheirCodes() {
        assertThat(DuckDbErrors.translate(new SQLException("Out of Memory Error: could not allocate"), "x"))
                .isInstanceOf(ResourceLimitException.class);
        assertThat(DuckDbErrors.translate(new SQLException("Permission Error: Cannot access file"), "x"))
                .isInstanceOf(ForbiddenSqlException.class);
        assertThat(DuckDbErrors.translate(new SQLException("Conversion Error: CSV Error on Line: 12"), "x"))
                .isInstanceOf(SourceDataException.class);
        assertThat(DuckDbErrors.translate(new SQLException("Binder Error: Referenced column \"a\" not found\n\nLINE 1: x"), "x"))
                .isInstanceOf(BuildDefinitionException.class).hasMessage("x: Binder Error: Referenced column \"a\" not found");
    }
}
