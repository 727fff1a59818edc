package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.polder.error.ErrorCode;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.SecretResolver;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.settings.ProductSettingsReader;
import io.polder.spi.testkit.KitFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources declared in polder.yaml: CSV, JSON and Parquet files (one, or many by a glob, relative to the
 * engine's source directory or absolute), and PostgreSQL tables over JDBC; and every way one can be wrong.
 */
class SourcesTest {
    private static final String SQL = "SELECT order_id, customer_email, status, amount, ordered_on FROM source.orders_in";
    /** The same from a CSV file in which DuckDB finds no header: the columns are named by their position. */
    private static final String POSITIONAL_SQL = "SELECT column0 AS order_id, column1 AS customer_email, column2 AS status,"
            + " column3 AS amount, column4 AS ordered_on FROM source.orders_in";

    @TempDir
    Path data;
    private Engine engine;

    @BeforeEach
    void setUp() {
        engine = engine(SecretResolver.none());
    }

    @AfterEach
    void tearDown() {
        engine.close();
    }

    private Engine engine(SecretResolver secrets) {
        return new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data).withSecrets(secrets));
    }

    private BuildResult build(String sourceYaml) {
        return build(engine, sourceYaml);
    }

    private static BuildResult build(Engine engine, String sourceYaml) {
        return build(engine, SQL, sourceYaml);
    }

    private static BuildResult build(Engine engine, String sql, String sourceYaml) {
        ProductDefinition kit = KitFixtures.orders(Path.of("/unused.csv"));
        ProductDefinition product = new ProductDefinition(kit.product(), kit.contracts(),
                List.of(new BuildFile("orders", sql, "kit-orders/build/orders.sql")),
                ProductSettingsReader.parse("apiVersion: polder/v1\nkind: ProductSettings\nsources:\n"
                        + sourceYaml.strip().indent(2), "kit-orders/polder.yaml"));
        return engine.build(BuildRequest.of(product, List.of()), null);
    }

    private Path source(String relative, String content) {
        return KitFixtures.write(data.resolve("sources").resolve(relative), content);
    }

    @Test
    void csvWithDeclaredColumnsRelativeToTheSourceDirectory() {
        source("orders/orders.csv", KitFixtures.GOOD_ORDERS);

        BuildResult result = build("""
                - name: orders_in
                  format: csv
                  path: orders/orders.csv
                  columns:
                    order_id: BIGINT
                    customer_email: VARCHAR
                    status: VARCHAR
                    amount: DECIMAL(10,2)
                    ordered_on: DATE
                """);

        assertThat(result.succeeded()).as(String.valueOf(result.failure())).isTrue();
        assertThat(result.lineage().getFirst().inputs()).singleElement()
                .satisfies(input -> assertThat(input.name()).endsWith("sources/orders/orders.csv"));
    }

    @Test
    void csvWithOtherColumnsThanDeclared() {
        source("orders.csv", KitFixtures.GOOD_ORDERS);

        BuildResult result = build("""
                - name: orders_in
                  format: csv
                  path: orders.csv
                  columns:
                    order_id: BIGINT
                    status: VARCHAR
                """);

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().stage()).isEqualTo(Stage.LOAD_SOURCES);
        assertThat(result.failure().message()).contains("orders.csv are order_id, customer_email")
                .contains("polder.yaml declares order_id, status");
    }

    @Test
    void csvWithABadRowNamesTheLine() {
        source("orders.csv", KitFixtures.GOOD_ORDERS + "eleven,x@example.com,paid,1.00,2025-01-05\n");

        BuildResult result = build("""
                - name: orders_in
                  format: csv
                  path: orders.csv
                  columns: {order_id: BIGINT, customer_email: VARCHAR, status: VARCHAR, amount: 'DECIMAL(10,2)', ordered_on: DATE}
                """);

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).containsIgnoringCase("line").contains("eleven");
        assertThat(engine.published(ORDERS)).isEmpty();
    }

    @Test
    void aCsvWithoutAHeaderIsReadByPositionWithItsFirstRow() {
        source("orders.csv", KitFixtures.GOOD_ORDERS.substring(KitFixtures.GOOD_ORDERS.indexOf('\n') + 1));

        BuildResult result = build(engine, POSITIONAL_SQL, "- {name: orders_in, format: csv, path: orders.csv}");

        assertThat(result.succeeded()).as(String.valueOf(result.failure())).isTrue();
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
    }

    @Test
    void anUnevenRowAmongTheLinesDuckDbSniffsIsNamedByItsLine() {
        source("orders.csv", manyOrders(1, 3000) + "3001,x@example.com,paid,1.00,2025-01-05,extra\n"
                + manyOrders(3002, 6000));

        BuildResult result = build("- {name: orders_in, format: csv, path: orders.csv}");

        assertThat(result.failure().code()).as(result.failure().message()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().stage()).isEqualTo(Stage.LOAD_SOURCES);
        assertThat(result.failure().message()).contains("source orders_in").contains("orders.csv").contains("Line: 3002");
        assertThat(engine.published(ORDERS)).isEmpty();
    }

    @Test
    void anUnevenRowPastTheLinesDuckDbSniffsInAFileWithoutAHeaderIsNamedByItsLine() {
        int past = SourceFiles.SNIFF_SAMPLE_ROWS + 1000;
        String rows = manyOrders(1, 30_000);
        String headerless = rows.substring(rows.indexOf('\n') + 1);
        int cut = nthLineStart(headerless, past);
        source("orders.csv", headerless.substring(0, cut) + "0,x@example.com,paid,1.00,2025-01-05,extra\n"
                + headerless.substring(cut));

        BuildResult result = build(engine, POSITIONAL_SQL, "- {name: orders_in, format: csv, path: orders.csv}");

        assertThat(result.failure().code()).as(result.failure().message()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).contains("orders.csv").contains("Line: " + past);
        assertThat(engine.published(ORDERS)).isEmpty();
    }

    /** The orders' header and orders {@code from} to {@code to}, one per line, all different. */
    private static String manyOrders(int from, int to) {
        StringBuilder csv = new StringBuilder(from == 1 ? "order_id,customer_email,status,amount,ordered_on\n" : "");
        for (int id = from; id <= to; id++) {
            csv.append(id).append(",c").append(id).append("@example.com,paid,").append(id % 100).append(".50,2025-01-0")
                    .append(1 + id % 9).append('\n');
        }
        return csv.toString();
    }

    /** Where line {@code line} (counted from 1) of {@code text} starts. */
    private static int nthLineStart(String text, int line) {
        int at = 0;
        for (int seen = 1; seen < line; seen++) {
            at = text.indexOf('\n', at) + 1;
        }
        return at;
    }

    @Test
    void anEmptyFileAndAMissingFile() {
        source("empty.csv", "");
        BuildResult empty = build("- {name: orders_in, format: csv, path: empty.csv}");
        assertThat(empty.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(empty.failure().message()).contains("is empty");

        BuildResult missing = build("- {name: orders_in, format: parquet, path: nowhere/*.parquet}");
        assertThat(missing.failure().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.failure().message()).contains("no file matches");
    }

    @Test
    void aFileThatIsNotWhatItSays() {
        source("orders.parquet", "order_id,status\n1,paid\n");

        BuildResult result = build("- {name: orders_in, format: parquet, path: orders.parquet}");

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).contains("source orders_in");
    }

    @Test
    void parquetFilesByAGlobAndJson() throws Exception {
        Path csv = source("orders.csv", KitFixtures.GOOD_ORDERS);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            Files.createDirectories(data.resolve("sources/parts"));
            statement.execute("CREATE TABLE o AS SELECT * FROM read_csv(" + Sql.literal(csv) + ")");
            statement.execute("COPY (SELECT * FROM o WHERE order_id <= 5) TO "
                    + Sql.literal(data.resolve("sources/parts/a.parquet")) + " (FORMAT parquet)");
            statement.execute("COPY (SELECT * FROM o WHERE order_id > 5) TO "
                    + Sql.literal(data.resolve("sources/parts/b.parquet")) + " (FORMAT parquet)");
            statement.execute("COPY o TO " + Sql.literal(data.resolve("sources/orders.json")) + " (FORMAT json)");
        }

        assertThat(build("- {name: orders_in, format: parquet, path: parts/*.parquet, columns: {order_id: BIGINT}}")
                .port(ORDERS).orElseThrow().tables().getFirst().rows()).isEqualTo(10);
        assertThat(build("- {name: orders_in, format: json, path: orders.json}").port(ORDERS).orElseThrow()
                .tables().getFirst().rows()).isEqualTo(10);
        BuildResult wrongColumn = build("- {name: orders_in, format: parquet, path: parts/*.parquet, columns: {id: BIGINT}}");
        assertThat(wrongColumn.failure().message()).contains("column id is missing");
        BuildResult wrongType = build("- {name: orders_in, format: parquet, path: parts/*.parquet, columns: {status: DATE}}");
        assertThat(wrongType.failure().message()).contains("column status is VARCHAR");
    }

    @Test
    void aPostgresqlTableOverJdbc() throws Exception {
        String url = System.getenv("POLDER_TEST_POSTGRES_URL");
        assumeTrue(url != null, "set POLDER_TEST_POSTGRES_URL (./run-tests starts a PostgreSQL) to read from PostgreSQL");
        String table = "orders_" + Long.toHexString(System.nanoTime());
        try (Connection postgres = DriverManager.getConnection(url); Statement statement = postgres.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (order_id bigint, customer_email text, status varchar(12),"
                    + " amount numeric(10,2), ordered_on date, created timestamptz, vip boolean)");
            statement.execute("INSERT INTO " + table + " SELECT i, 'c' || i || '@example.com', 'paid', i * 1.5,"
                    + " DATE '2025-01-01' + i, now(), i % 2 = 0 FROM generate_series(1, 2500) AS i");
        }
        try {
            BuildResult result = build("- {name: orders_in, format: jdbc, url: '" + url + "', table: public." + table + "}");

            assertThat(result.succeeded()).as(String.valueOf(result.failure())).isTrue();
            assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(2500);
            assertThat(result.lineage().getFirst().inputs().getFirst().namespace()).startsWith("postgres://");
            BuildResult query = build("- {name: orders_in, format: jdbc, url: '" + url + "', query: 'SELECT * FROM "
                    + table + " WHERE order_id <= 10'}");
            assertThat(query.port(ORDERS).orElseThrow().tables().getFirst().rows()).isEqualTo(10);
            BuildResult noSecret = build("- {name: orders_in, format: jdbc, url: '" + url + "', table: " + table
                    + ", passwordSecret: PG_PASSWORD}");
            assertThat(noSecret.failure().code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(noSecret.failure().message()).contains("PG_PASSWORD");
            try (Engine withSecret = engine(name -> Optional.of("irrelevant-with-trust-auth"))) {
                assertThat(build(withSecret, "- {name: orders_in, format: jdbc, url: '" + url + "', table: " + table
                        + ", passwordSecret: PG_PASSWORD}").succeeded()).isTrue();
            }
        } finally {
            try (Connection postgres = DriverManager.getConnection(url); Statement statement = postgres.createStatement()) {
                statement.execute("DROP TABLE " + table);
            }
        }
    }

    @Test
    void anUnreachableDatabase() {
        BuildResult result = build("- {name: orders_in, format: jdbc, url: 'jdbc:postgresql://127.0.0.1:1/none', table: x}");

        assertThat(result.failure().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(result.failure().message()).contains("cannot connect");
    }
}
