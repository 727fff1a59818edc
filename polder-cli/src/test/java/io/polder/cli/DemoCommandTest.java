package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code polder demo}, end to end on small data: the source data is generated, the server started, the example
 * mesh applied, every product built in dependency order and its contracts run, and a summary printed.
 */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void theDemoBuildsAndTestsTheWholeExampleMesh() throws java.io.IOException {
        Path data = dir.resolve("polder-data");
        // the example mesh with one more rule, at warning level, that the demo's data cannot meet
        Path mesh = dir.resolve("mesh");
        CliRun.copyExampleMesh(mesh);
        Path contract = mesh.resolve("sales/sales-orders/contracts/orders.odcs.yaml");
        Files.writeString(contract, Files.readString(contract).replace("      - id: orders_gross_is_net_plus_tax\n",
                "      - id: orders_volume_target\n        metric: rowCount\n        mustBeGreaterThan: 100000000\n"
                        + "        severity: warning\n      - id: orders_gross_is_net_plus_tax\n"));
        java.io.PrintStream console = System.err;
        CliRun demo = CliRun.of("demo", "--rows", "2000", "--port", "0", "--flight-port", "0", "--data-dir", data.toString(),
                "--mesh", mesh.toString(), "--no-serve");
        assertThat(demo.exitCode()).as("a failed warning-level check does not fail the demo: " + demo.out() + demo.err())
                .isZero();
        assertThat(demo.out()).contains("1/5 Source data in ").contains("generated 5 files")
                .containsPattern("\n    [0-9]+ changes applied\\.").contains("5/5 Running every contract")
                .as("the summary does not claim that every contract passes, and names the check that failed")
                .doesNotContain("all contracts pass")
                .containsPattern("\nEvery product is built and published, but not every check passed: [0-9]+ passed, 0"
                        + " failed at error level, [1-9][0-9]* failed at warning level, [0-9]+ skipped\\.\n")
                .containsPattern("(?m)^  sales-orders orders/v1 orders_volume_target \\(warning\\): .*100000000")
                .contains(data.resolve("admin.token").toString()).contains("./polder get runs sales-orders")
                .contains("./polder access request sales-orders/orders");
        assertThat(demo.out()).as("--no-serve stops the server: no address of it to try, but how to serve it again")
                .doesNotContain("Polder is serving at").contains("and stops now (--no-serve); what it made stays in " + data)
                .contains("  ./polder serve --data-dir " + data + "\n")
                .contains("export POLDER_SERVER=http://127.0.0.1:8080 ")
                .contains("curl -s -H \"Authorization: Bearer $POLDER_TOKEN\" "
                        + "http://127.0.0.1:8080/api/v1/lineage?product=sales-orders");
        for (String product : new String[] {"customer-profiles", "sales-orders", "logistics-shipments",
                "sales-daily-revenue", "customer-360", "logistics-delivery-performance", "finance-revenue-report"}) {
            assertThat(demo.out()).containsPattern("(?m)^" + product + " +succeeded ");
        }
        assertThat(demo.out()).as("each port of the summary whole, named within its product")
                .containsPattern("(?m)^logistics-shipments +succeeded .* shipments/v1 published, tracking-events/v1 published ");
        assertThat(demo.out().indexOf("Building sales-orders")).isLessThan(demo.out().indexOf("Building sales-daily-revenue"));
        assertThat(demo.out().indexOf("Building sales-daily-revenue"))
                .isLessThan(demo.out().indexOf("Building finance-revenue-report"));
        assertThat(Files.isDirectory(data.resolve("warehouse/sales-orders"))).isTrue();
        assertThat(demo.out()).contains("(its log: " + data.resolve("polder.log") + ")");
        assertThat(Files.readString(data.resolve("polder.log"))).as("the server's log, not the terminal")
                .contains("Polder server ready at").contains("build ").contains(": succeeded");
        assertThat(System.err).as("the console is given back").isSameAs(console);

        DemoData again = DemoData.ensure(data.resolve("sources"), 2000, Instant.now());
        assertThat(again.reused()).as("the data of the same size is reused").isTrue();
        assertThat(again.largest()).isGreaterThan(2000);
    }

    @Test
    void whileServingTheDemoPrintsTheServersAddressesAndWhatToTry() {
        StringWriter text = new StringWriter();
        Optional<String> flight = Optional.of("jdbc:arrow-flight-sql://127.0.0.1:8815/?useEncryption=false");
        new DemoCommand.Place("http://127.0.0.1:9090", flight, dir.resolve("admin.token"), dir, 9090)
                .printServing(new PrintWriter(text, true));
        assertThat(text.toString()).contains("Polder is serving at http://127.0.0.1:9090\n")
                .contains("web UI       http://127.0.0.1:9090/ui (sign in with the admin token)")
                .contains("flight sql   jdbc:arrow-flight-sql://127.0.0.1:8815/?useEncryption=false&token=<the token> (JDBC)")
                .contains("export POLDER_SERVER=http://127.0.0.1:9090 POLDER_TOKEN=$(cat " + dir.resolve("admin.token") + ")")
                .contains("./polder access inbox");

        StringWriter stopped = new StringWriter();
        new DemoCommand.Place("http://127.0.0.1:9090", Optional.empty(), dir.resolve("admin.token"), dir, 9090)
                .printStopped(new PrintWriter(stopped, true));
        assertThat(stopped.toString()).as("a port given to the demo is the port to serve on again")
                .contains("  ./polder serve --data-dir " + dir + " --port 9090\n")
                .contains("export POLDER_SERVER=http://127.0.0.1:9090 ");
    }
}
