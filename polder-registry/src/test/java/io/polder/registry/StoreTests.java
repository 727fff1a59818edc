package io.polder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.store.Database;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store itself: migrations, reopening, constraint detection. */
abstract class StoreTests extends RegistryTestBase {

    @Test
    void migrationsCreateEveryTable() {
        List<String> versions = registry.database().read(handle -> handle
                .createQuery("SELECT version FROM flyway_schema_history WHERE success = :ok ORDER BY installed_rank")
                .bind("ok", true).mapTo(String.class).list());
        assertThat(versions).contains("1");
        for (String table : List.of("domains", "teams", "team_members", "principals", "domain_owners", "products",
                "product_versions", "ports", "contracts", "contract_versions", "audit_events", "api_tokens",
                "registry_settings")) {
            Long count = registry.database().read(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table)
                    .mapTo(Long.class).one());
            assertThat(count).as(table).isZero();
        }
    }

    @Test
    void reopeningMigratesNothingAndKeepsData() {
        registry.database().writeVoid(handle -> handle.createUpdate(
                "INSERT INTO registry_settings (setting_key, setting_value) VALUES ('k', 'v')").execute());
        registry.close();
        registry = Registry.open(jdbcUrl, clock);
        String value = registry.database().read(handle -> handle.createQuery(
                "SELECT setting_value FROM registry_settings WHERE setting_key = 'k'").mapTo(String.class).one());
        assertThat(value).isEqualTo("v");
    }

    @Test
    void uniqueViolationsAreRecognised() {
        Database database = registry.database();
        String insert = "INSERT INTO registry_settings (setting_key, setting_value) VALUES ('same', 'v')";
        database.writeVoid(handle -> handle.createUpdate(insert).execute());
        assertThatThrownBy(() -> database.writeVoid(handle -> handle.createUpdate(insert).execute()))
                .satisfies(error -> assertThat(database.isUniqueViolation(error)).isTrue());
        assertThatThrownBy(() -> database.writeVoid(handle -> handle.createUpdate(
                "INSERT INTO teams (id, domain_id, digest, created_at, updated_at) VALUES ('t', 'nowhere', 'd', 0, 0)")
                .execute()))
                .as("a foreign key is enforced, and is not a unique violation")
                .satisfies(error -> assertThat(database.isUniqueViolation(error)).isFalse());
    }

    @Test
    void unsupportedUrlsAreRefused() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/polder?password=secret"))
                .isInstanceOf(PolderException.class)
                .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageNotContaining("secret");
    }
}
