package io.polder.engine.duckdb;

import static io.polder.spi.testkit.KitFixtures.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.spi.Engine;
import io.polder.spi.EngineConfig;
import io.polder.spi.EngineContext;
import io.polder.spi.SnapshotId;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.SnapshotState;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.BuildResult;
import io.polder.spi.build.InputBinding;
import io.polder.spi.build.PortBuild;
import io.polder.spi.build.PortOutcome;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import io.polder.spi.settings.ProductSettingsReader;
import io.polder.spi.testkit.KitFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's promise on bad input, case by case, each after a good build of kit-orders: SQL that fails, reads
 * an undeclared input, another product's internals or a file; a source file that is missing, empty, of other
 * columns or with bad rows; a contract naming a column the data lacks, all-null columns, NaN and infinities,
 * an invalid regex. Each run fails with an error that names the build file, source, rule or column, and the last
 * good snapshot stays published, byte for byte, and readable with its ten rows; a candidate that failed its
 * contract is kept in quarantine with its failed rows.
 */
class BadInputTest {
    private static final String SETTINGS = """
            apiVersion: polder/v1
            kind: ProductSettings
            sources:
            """;

    @TempDir
    Path data;
    private Path csv;
    private Engine engine;
    private SnapshotId good;
    private Map<String, String> goodFiles;

    @BeforeEach
    void buildAGoodSnapshot() {
        csv = KitFixtures.write(data.resolve("sources/orders.csv"), KitFixtures.GOOD_ORDERS);
        engine = new DuckDbEngineFactory().create(EngineConfig.empty(), EngineContext.of(data));
        BuildResult first = engine.build(KitFixtures.buildOrders(csv), null);
        assertThat(first.succeeded()).as(String.valueOf(first.failure())).isTrue();
        good = first.port(ORDERS).orElseThrow().snapshot();
        goodFiles = fingerprint(warehouse().snapshotDirectory(ORDERS, good));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    // --- build SQL

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a column that does not exist|SELECT order_id, no_such_column FROM source.orders_csv"
                    + "|INVALID_DOCUMENT|write|no_such_column",
            "a syntax error|SELECT order_id,, status FROM source.orders_csv|INVALID_DOCUMENT|write|syntax error",
            "a value that does not cast|SELECT CAST(status AS INTEGER) AS order_id, customer_email, status, amount,"
                    + " ordered_on FROM source.orders_csv|INVALID_DOCUMENT|write|table orders of kit-orders/orders/v1",
            "a division by zero|SELECT order_id // 0 AS order_id, customer_email, status, amount, ordered_on"
                    + " FROM source.orders_csv WHERE order_id // (order_id - order_id) > 0|INVALID_DOCUMENT|write|zero",
            "an input the product does not declare|SELECT * FROM \"kit-daily\".daily|INVALID_DOCUMENT|write"
                    + "|not declared",
            "a file by its path|SELECT * FROM '/etc/passwd'|FORBIDDEN|write|reads the file",
            "a file by a table function|SELECT * FROM read_csv('/etc/passwd')|FORBIDDEN|write|read_csv",
            "the published snapshot's own file|SELECT * FROM read_parquet('PUBLISHED')|FORBIDDEN|write"
                    + "|read_parquet"})
    void buildSqlThatFails(String title, String sql, ErrorCode code, String stage, String mentions) {
        String published = warehouse().snapshotDirectory(ORDERS, good).resolve("orders.parquet").toString();

        BuildResult result = buildOrders(sql.replace("PUBLISHED", published));

        assertThat(result.failure()).as(title).isNotNull();
        assertThat(result.failure().code()).as(result.failure().message()).isEqualTo(code);
        assertThat(result.failure().stage().value()).as(result.failure().message()).isEqualTo(stage);
        assertThat(result.failure().message()).contains("kit-orders/build/orders.sql").containsIgnoringCase(mentions);
        assertThat(result.port(ORDERS).orElseThrow().outcome()).isEqualTo(PortOutcome.FAILED);
        assertThat(result.port(ORDERS).orElseThrow().published()).isEqualTo(good);
        assertGoodSnapshotStays();
    }

    @Test
    void anErrorOnALaterLineOfTheBuildFileNamesTheLine() {
        BuildResult result = buildOrders("""
                SELECT order_id,
                       customer_email,
                       statuz AS status,
                       amount,
                       ordered_on
                FROM source.orders_csv
                """);

        assertThat(result.failure().message()).startsWith("kit-orders/build/orders.sql:3: ").contains("statuz");
        assertGoodSnapshotStays();
    }

    @Test
    void anotherProductsPrivateRelation() {
        ProductDefinition withPrivate = EngineSafetyTest.withPrivateRelation(csv);
        BuildResult second = engine.build(BuildRequest.of(withPrivate, List.of()), null);
        good = second.port(ORDERS).orElseThrow().snapshot();
        goodFiles = fingerprint(warehouse().snapshotDirectory(ORDERS, good));
        BuildResult daily = engine.build(KitFixtures.buildDaily(), null);
        assertThat(daily.succeeded()).isTrue();
        ProductDefinition kit = KitFixtures.daily();
        ProductDefinition readsPrivate = new ProductDefinition(kit.product(), kit.contracts(), List.of(new BuildFile(
                "daily", "SELECT ordered_on, count(*) AS order_count, sum(amount) AS revenue FROM cleaned GROUP BY 1",
                "kit-daily/build/daily.sql")), null);
        SnapshotId goodDaily = daily.port(KitFixtures.DAILY).orElseThrow().snapshot();

        BuildResult result = engine.build(BuildRequest.of(readsPrivate, List.of(new InputBinding("orders", ORDERS))), null);

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).contains("kit-daily/build/daily.sql").contains("`cleaned`")
                .contains("declare an input port");
        assertThat(engine.published(KitFixtures.DAILY)).map(SnapshotInfo::id).contains(goodDaily);
        assertThat(engine.describe(KitFixtures.DAILY, "daily").rows()).isEqualTo(4);
        assertGoodSnapshotStays();
    }

    // --- sources

    @Test
    void aMissingSourceFile() {
        BuildResult result = buildWithSource("- {name: orders_csv, format: csv, path: gone.csv}");

        assertThat(result.failure().code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(result.failure().stage()).isEqualTo(Stage.LOAD_SOURCES);
        assertThat(result.failure().message()).contains("source orders_csv").contains("gone.csv").contains("does not exist")
                .contains("polder.yaml");
        assertGoodSnapshotStays();
    }

    @Test
    void anEmptySourceFile() {
        KitFixtures.write(data.resolve("sources/empty.csv"), "");

        BuildResult result = buildWithSource("- {name: orders_csv, format: csv, path: empty.csv}");

        assertThat(result.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).contains("source orders_csv").contains("empty.csv").contains("is empty");
        assertGoodSnapshotStays();
    }

    @Test
    void aSourceFileWithOnlyAHeader() {
        KitFixtures.write(data.resolve("sources/header.csv"), "order_id,customer_email,status,amount,ordered_on\n");

        BuildResult result = buildWithSource("- {name: orders_csv, format: csv, path: header.csv}");

        assertThat(result.failure()).as("no rows is not an error of the build").isNull();
        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).isEqualTo(PortOutcome.QUARANTINED);
        assertThat(port.checks().result("orders_row_count").orElseThrow().outcome()).isEqualTo(CheckOutcome.FAILED);
        assertGoodSnapshotStays();
    }

    @Test
    void aSourceFileWithOtherColumnsThanDeclared() {
        KitFixtures.write(data.resolve("sources/other.csv"), "id,email\n1,a@example.com\n");

        BuildResult declared = buildWithSource("""
                - name: orders_csv
                  format: csv
                  path: other.csv
                  columns: {order_id: BIGINT, customer_email: VARCHAR}
                """);
        assertThat(declared.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(declared.failure().stage()).isEqualTo(Stage.LOAD_SOURCES);
        assertThat(declared.failure().message()).contains("source orders_csv").contains("id, email")
                .contains("order_id, customer_email");

        BuildResult undeclared = buildWithSource("- {name: orders_csv, format: csv, path: other.csv}");
        assertThat(undeclared.failure().code()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(undeclared.failure().message()).contains("kit-orders/build/orders.sql").contains("order_id");
        assertGoodSnapshotStays();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a value of the wrong type|csv|declared|twelve,zed@example.com,paid,1.00,2025-01-05|twelve",
            "a row with a field too many|csv|declared|12,zed@example.com,paid,1.00,2025-01-05,extra|Line: 12",
            "an unquoted comma in a value|csv|undeclared|12,\"zed@example.com\",paid,1,00,2025-01-05|Line: 12",
            "a row with a field too few|csv|undeclared|12,zed@example.com,paid,2025-01-05|Line: 12",
            "malformed JSON|json|undeclared|{\"order_id\": 12, \"status\": |orders_bad.json"})
    void aSourceFileWithBadRows(String title, String format, String columns, String badRow, String mentions) {
        String content = format.equals("json")
                ? "{\"order_id\": 1, \"customer_email\": \"a@x.com\", \"status\": \"paid\", \"amount\": 1.5,"
                + " \"ordered_on\": \"2025-01-01\"}\n" + badRow + "\n"
                : KitFixtures.GOOD_ORDERS + badRow + "\n";
        KitFixtures.write(data.resolve("sources/orders_bad." + format), content);
        String declared = columns.equals("declared") ? ", columns: {order_id: BIGINT, customer_email: VARCHAR,"
                + " status: VARCHAR, amount: 'DECIMAL(10,2)', ordered_on: DATE}" : "";

        BuildResult result = buildWithSource("- {name: orders_csv, format: " + format + ", path: orders_bad." + format
                + declared + "}");

        assertThat(result.failure()).as(title).isNotNull();
        assertThat(result.failure().code()).as(result.failure().message()).isEqualTo(ErrorCode.INVALID_DOCUMENT);
        assertThat(result.failure().message()).contains("orders_bad." + format).contains(mentions)
                .as("DuckDB's reader options are not a source's settings").doesNotContain("Possible fixes");
        assertGoodSnapshotStays();
    }

    @Test
    void aBadValueInAColumnWhoseTypeDuckDbGuessesQuarantinesTheCandidate() {
        KitFixtures.write(csv, KitFixtures.GOOD_ORDERS + "12,zed@example.com,paid,1.00,2025-13-45\n");

        BuildResult result = engine.build(KitFixtures.buildOrders(csv), null);

        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).as(String.valueOf(result.failure())).isEqualTo(PortOutcome.QUARANTINED);
        assertThat(port.checks().result("orders.ordered_on:schema").orElseThrow().message()).contains("ordered_on")
                .containsIgnoringCase("varchar");
        assertQuarantined(port.snapshot(), "orders.ordered_on:schema");
        assertGoodSnapshotStays();
    }

    // --- contracts

    @Test
    void aContractColumnTheDataLacksQuarantinesTheCandidate() {
        BuildResult result = buildOrders("SELECT order_id, customer_email, status, amount FROM source.orders_csv");

        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).isEqualTo(PortOutcome.QUARANTINED);
        assertThat(port.checks().result("orders.ordered_on:schema").orElseThrow().message()).contains("ordered_on")
                .contains("missing");
        assertQuarantined(port.snapshot(), "orders.ordered_on:schema");
        assertGoodSnapshotStays();
    }

    @Test
    void anAllNullColumnQuarantinesTheCandidateWithFailedRows() {
        BuildResult result = buildOrders("SELECT order_id, NULL AS customer_email, NULL AS status, amount, ordered_on"
                + " FROM source.orders_csv");

        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).as(String.valueOf(result.failure())).isEqualTo(PortOutcome.QUARANTINED);
        assertThat(port.checks().result("orders.status:schema").orElseThrow().outcome())
                .as("a column of nulls is written as the contract's type").isEqualTo(CheckOutcome.PASSED);
        CheckResult required = port.checks().result("orders.status:required").orElseThrow();
        assertThat(required.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(required.value()).isEqualTo(10L);
        assertThat(required.failedRows().rows()).isNotEmpty();
        assertThat(required.failedRows().columns()).contains("order_id").doesNotContain("customer_email");
        assertQuarantined(port.snapshot(), "orders.status:required");
        assertGoodSnapshotStays();
    }

    @Test
    void nanAndInfinitiesInADecimalColumn() {
        BuildResult result = buildOrders("SELECT order_id, customer_email, status,"
                + " CASE order_id WHEN 1 THEN 'NaN'::DOUBLE WHEN 2 THEN 'Infinity'::DOUBLE ELSE amount END AS amount,"
                + " ordered_on FROM source.orders_csv");

        assertThat(result.succeeded()).isFalse();
        String said = result.failure() != null ? result.failure().message()
                : result.port(ORDERS).orElseThrow().checks().problems().toString();
        assertThat(said).as("the column and the value are named").contains("amount").containsIgnoringCase("nan");
        assertGoodSnapshotStays();
    }

    @Test
    void anInvalidRegexOfAnErrorRuleQuarantinesTheCandidateWithDuckDbsReason() {
        String contract = KitFixtures.ORDERS_CONTRACT.replace("pattern: \"^[0-9]\\\\.\"", "pattern: \"([0-9\"")
                .replace("severity: warning", "severity: error");

        BuildResult result = engine.build(BuildRequest.of(KitFixtures.orders(csv, KitFixtures.ORDERS_SQL, contract),
                List.of()), null);

        PortBuild port = result.port(ORDERS).orElseThrow();
        assertThat(port.outcome()).isEqualTo(PortOutcome.QUARANTINED);
        CheckResult broken = port.checks().result("amount_not_huge").orElseThrow();
        assertThat(broken.outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(broken.message()).containsIgnoringCase("missing");
        assertQuarantined(port.snapshot(), "amount_not_huge");
        assertGoodSnapshotStays();
    }

    // --- helpers

    private BuildResult buildOrders(String sql) {
        return engine.build(BuildRequest.of(KitFixtures.orders(csv, sql, KitFixtures.ORDERS_CONTRACT), List.of()), null);
    }

    private BuildResult buildWithSource(String sourceYaml) {
        ProductDefinition kit = KitFixtures.orders(csv);
        ProductDefinition product = new ProductDefinition(kit.product(), kit.contracts(), kit.buildFiles(),
                ProductSettingsReader.parse(SETTINGS + sourceYaml.strip().indent(2), "kit-orders/polder.yaml"));
        return engine.build(BuildRequest.of(product, List.of()), null);
    }

    private void assertQuarantined(SnapshotId candidate, String ruleId) {
        SnapshotInfo info = engine.snapshots(ORDERS).stream().filter(snapshot -> snapshot.id().equals(candidate))
                .findFirst().orElseThrow();
        assertThat(info.state()).isEqualTo(SnapshotState.QUARANTINED);
        assertThat(info.note()).contains(ruleId);
        assertThat(engine.checks(ORDERS, candidate).orElseThrow().result(ruleId)).isPresent();
    }

    /** The good snapshot is still the published one, its files unchanged, and it reads as the ten good orders. */
    private void assertGoodSnapshotStays() {
        assertThat(engine.published(ORDERS)).map(SnapshotInfo::id).contains(good);
        assertThat(fingerprint(warehouse().snapshotDirectory(ORDERS, good))).isEqualTo(goodFiles);
        assertThat(engine.describe(ORDERS, "orders").rows()).isEqualTo(10);
        assertThat(readIds(engine.describe(ORDERS, "orders").location())).isEqualTo("1,2,3,4,5,6,7,8,9,10");
        assertThat(leftovers()).as("no partial snapshot is left behind").isEmpty();
    }

    private static String readIds(String parquet) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT string_agg(order_id::VARCHAR, ',' ORDER BY order_id)"
                     + " FROM read_parquet(" + Sql.literal(Path.of(parquet)) + ")")) {
            result.next();
            return result.getString(1);
        } catch (SQLException e) {
            throw new AssertionError("the published snapshot cannot be read: " + e.getMessage(), e);
        }
    }

    private Warehouse warehouse() {
        return ((DuckDbEngine) engine).warehouse();
    }

    private List<Path> leftovers() {
        try (Stream<Path> walk = Files.walk(data.resolve("warehouse"))) {
            return walk.filter(path -> path.getFileName().toString().endsWith(Warehouse.PARTIAL)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each file of a folder with the SHA-256 of its bytes. */
    static Map<String, String> fingerprint(Path directory) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
