package io.polder.registry.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listings seek their index instead of scanning a table: with {@code (:after IS NULL OR id > :after)}
 * SQLite scanned the primary key from its start, so reading one product or a page deep in a listing cost
 * time in proportion to the registry's size (found by {@code ./bench registry} at 100,000 products).
 */
class SqliteQueryPlanTest {
    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:sqlite:" + dir.resolve("plan.db"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aPageOfProductsSeeksFromItsCursor() {
        assertThat(plan(CatalogService.LIST_PRODUCTS, Map.of("after", "product-5", "limit", 51)))
                .anyMatch(step -> step.startsWith("SEARCH products USING") && step.contains("(id>?)"));
    }

    @Test
    void aProductsContractsAreFoundByItsIndex() {
        assertThat(plan(CatalogService.LIST_PRODUCT_CONTRACTS, Map.of("product", "p", "after", "", "limit", 51)))
                .anyMatch(step -> step.contains("contracts_by_product (product_id=? AND id>?)"));
        assertThat(plan(CatalogService.LIST_CONTRACTS, Map.of("after", "c", "limit", 51)))
                .anyMatch(step -> step.startsWith("SEARCH contracts USING") && step.contains("(id>?)"));
    }

    private List<String> plan(String sql, Map<String, Object> parameters) {
        return database.read(handle -> {
            var query = handle.createQuery("EXPLAIN QUERY PLAN " + sql);
            // unset filters are null, as the service binds them
            query.bind("domain", (String) null).bind("team", (String) null).bind("status", (String) null);
            parameters.forEach(query::bind);
            return query.map((row, context) -> row.getString("detail")).list();
        });
    }
}
