package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's temporary folder is cleared when the session closes, or later when nobody holds it any more. */
class TemporaryDirectoriesTest {
    @TempDir
    Path root;

    @Test
    void clearsTheFoldersNobodyHolds() throws Exception {
        Path abandoned = Files.createDirectories(root.resolve("run-1"));
        Files.writeString(abandoned.resolve("duckdb_temp_storage-0.tmp"), "spilled rows");
        Files.writeString(abandoned.resolve(TemporaryDirectories.LOCK), "");

        try (TemporaryDirectories.Held held = TemporaryDirectories.hold(root.resolve("run-2"))) {
            assertThat(TemporaryDirectories.clearAbandoned(root)).isEqualTo(1);
            assertThat(abandoned).doesNotExist();
            assertThat(held.directory()).isDirectory();
        }
        assertThat(root.resolve("run-2")).doesNotExist();
        assertThat(TemporaryDirectories.clearAbandoned(root.resolve("none"))).isZero();
    }
}
