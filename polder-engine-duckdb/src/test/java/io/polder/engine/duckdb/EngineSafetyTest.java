package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.InputBinding;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.exceptions.ForbiddenSqlException;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine is locked down: build SQL reads its inputs and sources only, and runs within time and memory limits. */
class EngineSafetyTest {
    @TempDir
    Path data;
    private Path csv;
    private Engine engine;

    @BeforeEach
    void setUp() {
        csv = KitFixtures.write(data.resolve("kit-sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        engine = engine(EngineConfig.empty());
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private Engine engine(EngineConfig config) {
        return new DuckDbEngineFactory().create(config, EngineContext.of(data));
    }

    private BuildResult buildOrders(Engine with, String sql) {
        return with.build(BuildRequest.of(KitFixtures.orders(csv, sql, KitFixtures.ORDERS_CONTRACT), List.of()), null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM '/etc/passwd'|FORBIDDEN|reads the file",
            "SELECT * FROM read_text('/etc/hostname')|FORBIDDEN|read_text",
            "SELECT * FROM read_parquet('warehouse/kit-daily/daily/v1/snapshots/x/daily.parquet')|FORBIDDEN|read_parquet",
            "SELECT getenv('HOME') AS order_id|FORBIDDEN|getenv",
            "SELECT * FROM duckdb_settings()|FORBIDDEN|duckdb_settings",
            "SELECT * FROM information_schema.tables|FORBIDDEN|information_schema.tables",
            "SELECT * FROM system.main.duckdb_tables|FORBIDDEN|catalog",
            "SELECT * FROM \"kit-daily\".daily|INVALID_DOCUMENT|not declared",
            "SELECT * FROM orders_internal|INVALID_DOCUMENT|not declared",
            "SELECT 1 AS order_id; SELECT 2|INVALID_DOCUMENT|2 statements",
            "CREATE TABLE x AS SELECT 1|INVALID_DOCUMENT|one SELECT",
            "ATTACH '/tmp/other.duckdb'|INVALID_DOCUMENT|one SELECT",
            "INSTALL httpfs|INVALID_DOCUMENT|one SELECT",
            "COPY (SELECT 1) TO '/tmp/out.csv'|INVALID_DOCUMENT|one SELECT",
            "SET enable_external_access = true|INVALID_DOCUMENT|one SELECT",
            "SELEC order_id FROM source.orders_csv|INVALID_DOCUMENT|syntax error"})
    void buildSqlReadsItsInputsAndSourcesOnly(String sql, ErrorCode code, String message) {
        BuildResult result = buildOrders(engine, sql);

        assertThat(result.failure()).isNotNull();
        assertThat(result.failure().code()).as(result.failure().message()).isEqualTo(code);
        assertThat(result.failure().message()).contains(message).contains("kit-orders/build/orders.sql");
        assertThat(engine.snapshots(ORDERS)).isEmpty();
    }

    /**
     * A CTE hides a relation of its name only where DuckDB binds the name to it: not outside the subquery that
     * defines it, not before it, not in its own (non-recursive) body. Anywhere else the name is the catalog's.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM (WITH duckdb_columns AS (SELECT 1 AS x) SELECT * FROM duckdb_columns) AS a, duckdb_columns",
            "SELECT (WITH duckdb_views AS (SELECT 1) SELECT count(*) FROM duckdb_views) AS n, * FROM duckdb_views",
            "WITH duckdb_views AS (SELECT * FROM duckdb_views) SELECT * FROM duckdb_views",
            "WITH a AS (SELECT * FROM duckdb_tables), duckdb_tables AS (SELECT 1 AS x) SELECT * FROM a",
            "SELECT * FROM source.orders_csv UNION ALL BY NAME (WITH duckdb_tables AS (SELECT 1 AS x) SELECT * FROM"
                    + " duckdb_tables) UNION ALL BY NAME SELECT * FROM duckdb_tables"})
    void aCteNameReachesNoSystemViewOutsideItsScope(String sql) {
        BuildResult result = buildOrders(engine, sql);

        assertThat(result.failure()).isNotNull();
        assertThat(result.failure().code()).as(result.failure().message()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(result.failure().message()).containsPattern("reads `duckdb_(columns|views|tables)`");
        assertThat(engine.snapshots(ORDERS)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "WITH o AS (SELECT * FROM source.orders_csv) SELECT order_id, customer_email, status, amount, ordered_on FROM O",
            "WITH a AS (SELECT * FROM source.orders_csv), b AS (SELECT * FROM a) SELECT order_id, customer_email, status,"
                    + " amount, ordered_on FROM b",
            "SELECT order_id, customer_email, status, amount, ordered_on FROM (WITH x AS (SELECT * FROM orders_csv)"
                    + " SELECT * FROM x)",
            "WITH x AS (SELECT * FROM source.orders_csv) SELECT order_id, customer_email, status, amount, ordered_on"
                    + " FROM (WITH y AS (SELECT * FROM x) SELECT * FROM y)",
            "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT order_id, customer_email,"
                    + " status, amount, ordered_on FROM source.orders_csv WHERE order_id > (SELECT min(n) - 100 FROM r)"})
    void aCteInScopeIsRead(String sql) {
        BuildResult result = buildOrders(engine, sql);

        assertThat(result.failure()).as(String.valueOf(result.failure())).isNull();
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void anotherProductsPrivateRelationsAreNotVisible() {
        ProductDefinition withPrivate = withPrivateRelation(csv);
        assertThat(engine.build(BuildRequest.of(withPrivate, List.of()), null).succeeded()).isTrue();
        ProductDefinition daily = KitFixtures.daily();
        ProductDefinition readsPrivate = new ProductDefinition(daily.product(), daily.contracts(), List.of(new BuildFile(
                "daily", "SELECT ordered_on, count(*) AS order_count, sum(amount) AS revenue FROM cleaned GROUP BY 1",
                "kit-daily/build/daily.sql")), null);

        BuildResult result = engine.build(BuildRequest.of(readsPrivate, List.of(new InputBinding("orders", ORDERS))), null);

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).contains("`cleaned`").contains("orders.orders");
    }

    @Test
    void aSessionRefusesExtensionsFilesAndSettingChangesWhateverTheSql() throws Exception {
        DuckDbSettings settings = DuckDbSettings.of(EngineConfig.empty(), EngineContext.of(data));
        try (QueryGuard guard = new QueryGuard(Duration.ofMinutes(1));
             DuckDbSession session = DuckDbSession.open(settings, guard, data.resolve("tmp/probe"))) {
            session.lockDown(List.of(), List.of());
            for (String sql : List.of("INSTALL httpfs", "LOAD httpfs", "SELECT * FROM read_csv('/etc/passwd')",
                    "ATTACH '/tmp/probe.duckdb'", "COPY (SELECT 1) TO '/tmp/probe.csv'", "SET enable_external_access = true",
                    "SET autoinstall_known_extensions = true", "SET lock_configuration = false")) {
                assertThatThrownBy(() -> session.execute(sql, "probing")).as(sql).isInstanceOf(RuntimeException.class);
            }
            assertThatThrownBy(() -> session.execute("SELECT * FROM read_csv('/etc/passwd')", "probing"))
                    .isInstanceOf(ForbiddenSqlException.class);
            assertThat(session.scalar("SELECT current_setting('autoinstall_known_extensions')")).isEqualTo("false");
            assertThat(session.scalar("SELECT current_setting('autoload_known_extensions')")).isEqualTo("false");
            assertThat(session.scalar("SELECT current_setting('extension_directory')")).startsWith(data.toString());
        }
        assertThat(Files.exists(data.resolve("duckdb/extensions"))).as("nothing was ever installed").isFalse();
    }

    @Test
    void aStatementThatRunsTooLongIsCancelled() {
        SnapshotId good = buildOrders(engine, KitFixtures.ORDERS_SQL).port(ORDERS).orElseThrow().snapshot();
        try (Engine limited = engine(EngineConfig.empty().with("statement-timeout", "1s"))) {
            long started = System.nanoTime();
            BuildResult result = buildOrders(limited, """
                    SELECT a.range AS order_id, 'x' AS customer_email, 'paid' AS status, 1.0 AS amount,
                           DATE '2025-01-01' AS ordered_on
                    FROM range(100000) a, range(100000) b
                    """);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(result.failure().code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(result.failure().stage()).isEqualTo(Stage.WRITE);
            assertThat(result.failure().message()).contains("statement timeout");
            assertThat(limited.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        }
        assertThat(partials()).isEmpty();
    }

    @Test
    void aBuildOverTheMemoryLimitFailsClearly() {
        try (Engine limited = engine(EngineConfig.empty().with("memory-limit", "64MB").with("temp-directory-limit", "1MB")
                .with("threads", "1"))) {
            BuildResult result = buildOrders(limited, """
                    SELECT range AS order_id, repeat('x', 2000) || range AS customer_email, 'paid' AS status,
                           1.0 AS amount, DATE '2025-01-01' AS ordered_on
                    FROM range(3000000)
                    ORDER BY customer_email DESC
                    """);

            assertThat(result.failure().code()).as(result.failure().message()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(result.failure().message()).containsAnyOf("memory", "temp");
        }
    }

    @Test
    void configurationIsChecked() {
        for (var setting : List.of(List.of("memory-limit", "lots"), List.of("threads", "0"), List.of("statement-timeout", "soon"),
                List.of("failed-row-samples", "-1"))) {
            assertThatThrownBy(() -> engine(EngineConfig.empty().with(setting.get(0), setting.get(1))))
                    .as(setting.toString()).hasMessageContaining(setting.get(0));
        }
    }

    private List<Path> partials() {
        try (Stream<Path> walk = Files.walk(data.resolve("warehouse"))) {
            return walk.filter(path -> path.getFileName().toString().endsWith(Warehouse.PARTIAL)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The kit's orders built in two steps: a private relation {@code cleaned}, then the port's table from it. */
    static ProductDefinition withPrivateRelation(Path csv) {
        ProductDefinition orders = KitFixtures.orders(csv);
        return new ProductDefinition(orders.product(), orders.contracts(), List.of(
                new BuildFile("cleaned", "SELECT * FROM source.orders_csv", "kit-orders/build/cleaned.sql"),
                new BuildFile("orders", "SELECT * FROM cleaned", "kit-orders/build/orders.sql")), orders.settings());
    }
}
