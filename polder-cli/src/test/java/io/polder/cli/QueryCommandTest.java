package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polder query} against a real server with sales-orders built: the sales domain's owner reads its own
 * product's port (owners need no grant) as a table, CSV and JSON; a wide result prints one record per block; the
 * row cap cuts with a note; an ungranted port, several statements and bad options exit 1 and 2.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCommandTest {
    private static final String ORDERS = "\"sales-orders/orders\".orders";
    private TestServer server;
    private String owner;

    @BeforeAll
    void start(@TempDir Path directory) {
        Path data = directory.resolve("polder-data");
        ExampleMeshData.generate(data.resolve("sources"), new DemoOptions(5, 2_000, 1_000, Instant.now()));
        server = TestServer.start(data);
        CliRun apply = server.admin("apply", CliRun.repo("examples/mesh"));
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        CliRun build = server.admin("build", "sales-orders");
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        CliRun token = server.admin("token", "create", "--name", "sales-owner", "--role", "domain-owner", "--domain", "sales");
        assertThat(token.exitCode()).as(token.err()).isZero();
        List<String> lines = token.out().lines().toList();
        owner = lines.getLast().strip();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aTableForPeopleWithARowCount() {
        CliRun run = server.as(owner, "query", "SELECT sales_channel, count(*) AS orders FROM " + ORDERS
                + " GROUP BY 1 ORDER BY 1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("sales_channel +orders");
        assertThat(lines.get(1)).matches("-+  -+");
        assertThat(lines.get(2)).matches("[a-z_]+ +[0-9]+");
        assertThat(lines.getLast()).matches("\\([0-9] rows?\\)");
    }

    @Test
    void aWideResultPrintsOneRecordPerBlock() {
        CliRun run = server.as(owner, "query", "SELECT * FROM " + ORDERS + " ORDER BY order_id", "--row-cap", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("-[ row 1 ]").contains("-[ row 2 ]").containsPattern("(?m)^order_id +\\| [0-9]+$");
        assertThat(run.out()).contains("(2 rows, cut at the row cap)");
        assertThat(run.err()).contains("cut at the row cap of 2 rows");
    }

    @Test
    void csvAndJsonForPrograms() throws Exception {
        CliRun csv = server.as(owner, "query", "SELECT order_id, gross_amount FROM " + ORDERS + " ORDER BY order_id",
                "--row-cap", "3", "-o", "csv");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.getFirst()).isEqualTo("order_id,gross_amount");
        assertThat(lines.get(1)).matches("[0-9]+,[0-9]+\\.[0-9]{2}");

        CliRun json = server.as(owner, "query", "SELECT count(*) AS n FROM \"sales-orders/orders/v1\".order_lines",
                "-o", "json", "--timeout", "1m");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode answer = new ObjectMapper().readTree(json.out());
        assertThat(answer.path("columns").get(0).path("name").asText()).isEqualTo("n");
        assertThat(answer.path("rows").get(0).get(0).asLong()).isGreaterThan(2_000);
        assertThat(answer.path("rowCount").asLong()).isEqualTo(1);
        assertThat(answer.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void refusalsExitOneAndMisuseTwo() {
        CliRun ungranted = server.as(owner, "query", "SELECT * FROM \"customer-profiles/customers\".customers");
        assertThat(ungranted.exitCode()).isEqualTo(1);
        assertThat(ungranted.err()).contains("polder access request customer-profiles/customers");
        CliRun several = server.as(owner, "query", "SELECT 1; SELECT 2");
        assertThat(several.exitCode()).isEqualTo(1);
        assertThat(several.err()).contains("statements");
        assertThat(server.as(owner, "query", "SELECT 1", "--timeout", "soon").exitCode()).isEqualTo(2);
        assertThat(server.as(owner, "query").exitCode()).isEqualTo(2);
        assertThat(server.as(owner, "query", "SELECT 1", "-o", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void limitsOutOfRangeAreUsageErrorsNamingTheRange() {
        CliRun columns = server.as(owner, "query", "SELECT 1 AS one", "--row-cap", "0");
        assertThat(columns.exitCode()).as(columns.err()).isEqualTo(0);
        CliRun negative = server.as(owner, "query", "SELECT 1", "--row-cap=-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--row-cap must be between 0 (the columns alone) and the server's maximum")
                .contains("found -1");
        CliRun many = server.as(owner, "query", "SELECT 1", "--row-cap", "2000000");
        assertThat(many.exitCode()).isEqualTo(2);
        assertThat(many.err()).contains("--row-cap must be between 0 and 1,000,000 (the server's maximum), found 2000000");
        assertThat(many.out()).isEmpty();
        CliRun long_ = server.as(owner, "query", "SELECT 1", "--timeout", "10m");
        assertThat(long_.exitCode()).isEqualTo(2);
        assertThat(long_.err()).contains("--timeout must be between 1s and 5m (the server's maximum), found 10m");
        CliRun highest = server.as(owner, "query", "SELECT 1", "--row-cap", "1000000", "--timeout", "5m");
        assertThat(highest.exitCode()).as(highest.err()).isZero();
    }

    @Test
    void theCommandARefusalSuggestsRunsAsPrinted() {
        CliRun ungranted = server.as(owner, "query", "SELECT * FROM \"logistics-shipments/shipments\".shipments");
        assertThat(ungranted.exitCode()).isEqualTo(1);
        String line = ungranted.err().lines().filter(text -> text.contains("polder access request")).findFirst().orElseThrow();
        List<String> words = shellWords(line.substring(line.indexOf("polder access request") + "polder ".length()));
        assertThat(words).contains("--purpose", "--days");

        CliRun request = server.as(owner, words.toArray(String[]::new));
        assertThat(request.exitCode()).as(request.out() + request.err()).isZero();
        assertThat(request.out()).contains("logistics-shipments/shipments");
    }

    @Test
    void aPortOrColumnThatIsNotThereIsNamedSo() {
        CliRun port = server.as(owner, "query", "SELECT * FROM \"sales-orders/ordrs\".orders");
        assertThat(port.exitCode()).isEqualTo(1);
        assertThat(port.err()).contains("product sales-orders has no output port ordrs").contains("its output ports: orders")
                .doesNotContain("grant");
        CliRun product = server.as(owner, "query", "SELECT * FROM \"sales-ordrs/orders\".orders");
        assertThat(product.exitCode()).isEqualTo(1);
        assertThat(product.err()).contains("there is no product sales-ordrs").doesNotContain("grant");
        CliRun column = server.as(owner, "query", "SELECT order_id,\n       nosuchcol FROM " + ORDERS);
        assertThat(column.exitCode()).isEqualTo(1);
        assertThat(column.err()).contains("2:8: no column \"nosuchcol\"").contains("did you mean")
                .doesNotContain("Binder Error");
    }

    /** Splits a command as a shell would: spaces separate words, double quotes keep spaces in one. */
    private static List<String> shellWords(String command) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : command.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void helpTeachesTheRelationNames() {
        CliRun help = CliRun.of("query", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("\"PRODUCT/PORT\".TABLE").contains("\"PRODUCT/PORT/vMAJOR\".TABLE")
                .contains("polder get ports").contains("polder access request");
    }
}
