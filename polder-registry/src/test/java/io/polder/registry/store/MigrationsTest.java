package io.polder.registry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.PolderException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shortcut that skips Flyway on a current store: taken exactly when Flyway would have nothing to do. */
class MigrationsTest {
    @TempDir
    Path directory;

    @Test
    void aStoreMigratedByFlywayIsCurrentSoItsChecksumsAreFlywaysOwn() {
        String url = url();
        Database.open(url).close();
        assertThat(current(url)).as("every migration applied, with the checksums Flyway stored").isTrue();
        try (Database reopened = Database.open(url)) {
            long products = reopened.read(handle -> handle.createQuery("SELECT COUNT(*) FROM products")
                    .mapTo(Long.class).one());
            assertThat(products).isZero();
        }
    }

    @Test
    void aNewStoreIsNotCurrent() {
        assertThat(current(url())).isFalse();
    }

    @Test
    void anEditedMigrationIsLeftToFlywayWhichRefusesIt() {
        String url = url();
        try (Database database = Database.open(url)) {
            database.writeVoid(handle -> handle.createUpdate(
                    "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'").execute());
        }
        assertThat(current(url)).isFalse();
        assertThatThrownBy(() -> Database.open(url)).isInstanceOf(PolderException.class)
                .hasMessageContaining("cannot migrate");
    }

    @Test
    void aMissingOrFailedMigrationIsNotCurrent() {
        String url = url();
        try (Database database = Database.open(url)) {
            database.writeVoid(handle -> handle.createUpdate(
                    "UPDATE flyway_schema_history SET success = false WHERE version = '1'").execute());
        }
        assertThat(current(url)).isFalse();
    }

    @Test
    void theChecksumIgnoresLineEndingsAndAByteOrderMark() throws Exception {
        int unix = Migrations.checksum(stream("CREATE TABLE t (a INT);\nSELECT 1;\n"));
        assertThat(Migrations.checksum(stream("CREATE TABLE t (a INT);\r\nSELECT 1;\r\n"))).isEqualTo(unix);
        assertThat(Migrations.checksum(stream("\uFEFFCREATE TABLE t (a INT);\nSELECT 1;"))).isEqualTo(unix);
        assertThat(Migrations.checksum(stream("CREATE TABLE t (a INT);\nSELECT 2;\n"))).isNotEqualTo(unix);
    }

    @Test
    void theBuildCarriesItsVersionedMigrations() {
        assertThat(Migrations.onClassPath(Migrations.LOCATION)).containsKey("1").doesNotContainValue(null);
        for (String dialect : java.util.List.of("sqlite", "postgresql")) {
            assertThat(Migrations.onClassPath(Migrations.DIALECT_LOCATION + dialect)).as(dialect).containsKey("7")
                    .doesNotContainValue(null);
        }
    }

    private String url() {
        return "jdbc:sqlite:" + directory.resolve("polder.db");
    }

    private static boolean current(String url) {
        Dialect dialect = Dialect.forUrl(url);
        DataSource dataSource = dialect.createDataSource(url);
        try {
            return Migrations.current(dataSource, Migrations.locations(dialect));
        } finally {
            if (dataSource instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
