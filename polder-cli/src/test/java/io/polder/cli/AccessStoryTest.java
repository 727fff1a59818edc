package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's access story with the real CLI against a real server: the ports and their relation names, a
 * consumer's request, the owner's inbox, approval with a row filter, the grants, a revocation, a rejection, and
 * the errors a person meets on the way.
 */
class AccessStoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestServer server;
    private String carla;
    private String dana;
    private String chen;

    @BeforeEach
    void startServer() {
        server = TestServer.start(dir.resolve("polder-data"));
        CliRun apply = server.admin("apply", CliRun.repo("examples/mesh"));
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        carla = token("carla", "consumer");
        dana = token("dana", "domain-owner", "--domain", "sales");
        chen = token("chen", "domain-owner", "--domain", "customer");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void getPortsListsEveryOutputPortTableWithItsRelationName() throws Exception {
        CliRun table = server.as(carla, "get", "ports");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("(?m)^PRODUCT +PORT +VERSION +RELATION$")
                .containsPattern("(?m)^sales-orders +orders +1\\.2\\.0 +\"sales-orders/orders\"\\.\"orders\"$")
                .containsPattern("(?m)^sales-orders +orders +1\\.2\\.0 +\"sales-orders/orders\"\\.\"order_lines\"$");
        assertThat(table.out()).as("a relation is printed whole, however long: it is copied into a query")
                .containsPattern("(?m) \"logistics-delivery-performance/carrier-daily\"\\.\"carrier_daily_performance\"$");
        CliRun json = server.as(carla, "get", "ports", "--product", "customer-profiles", "-o", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode ports = JSON.readTree(json.out());
        assertThat(ports).hasSize(1);
        assertThat(ports.get(0).path("product").asText()).isEqualTo("customer-profiles");
        assertThat(ports.get(0).path("port").asText()).isEqualTo("customers");
        assertThat(ports.get(0).path("version").asText()).isEqualTo("2.1.0");
        assertThat(ports.get(0).path("relation").asText()).isEqualTo("\"customer-profiles/customers\".\"customers\"");
        CliRun inputs = server.as(carla, "get", "ports", "--product", "sales-daily-revenue", "--direction", "input");
        assertThat(inputs.out()).contains("input").contains("sales-orders-orders");
        assertThat(server.as(carla, "get", "ports", "--direction", "sideways").exitCode()).isEqualTo(2);
    }

    @Test
    void requestInboxApproveGrantsRevoke() throws Exception {
        CliRun requested = server.as(carla, "access", "request", "customer-profiles/customers", "--purpose",
                "churn model", "--days", "90", "--unmask", "email,phone", "--row-scope", "Dutch customers");
        assertThat(requested.exitCode()).as(requested.err()).isZero();
        assertThat(requested.out()).startsWith("Requested access to customer-profiles/customers for carla (request ")
                .contains("pending").contains("polder access inbox").contains("polder access approve ");
        String id = requestIds(server.as(carla, "access", "requests", "-o", "json").out()).getFirst();

        CliRun danasInbox = server.as(dana, "access", "inbox");
        assertThat(danasInbox.out()).isEqualTo("No pending access requests.\n");
        CliRun inbox = server.as(chen, "access", "inbox");
        assertThat(inbox.exitCode()).as(inbox.err()).isZero();
        assertThat(inbox.out()).containsPattern("(?m)^ID +PORT +GRANTEE +PURPOSE +DAYS +UNMASK +ROW SCOPE")
                .contains(id).contains("customer-profiles/customers").contains("churn model").contains("email,phone")
                .contains("Dutch customers");

        CliRun refused = server.as(dana, "access", "approve", id);
        assertThat(refused.exitCode()).as("not an owner of customer-profiles").isEqualTo(5);
        assertThat(refused.err()).contains("decide-access");
        CliRun badFilter = server.as(chen, "access", "approve", id, "--row-filter", "region = 'EU'");
        assertThat(badFilter.exitCode()).isEqualTo(2);
        assertThat(badFilter.err()).contains("region").contains("country_code");

        CliRun approved = server.as(chen, "access", "approve", id, "--unmask", "email", "--row-filter",
                "country_code = 'NL'", "--days", "30");
        assertThat(approved.exitCode()).as(approved.err()).isZero();
        assertThat(approved.out()).startsWith("Approved request " + id + ": grant ")
                .contains("lets carla read customer-profiles/customers").contains("unmasked: email")
                .contains("rows where country_code = 'NL'");
        assertThat(server.as(chen, "access", "approve", id).exitCode()).as("decided already").isEqualTo(4);

        CliRun grants = server.as(carla, "access", "grants");
        assertThat(grants.exitCode()).as(grants.err()).isZero();
        assertThat(grants.out()).containsPattern("(?m)^ID +PORT +GRANTEE +PURPOSE +UNMASKED +ROW FILTER +EXPIRES +STATE$")
                .contains("customer-profiles/customers").contains("country_code = 'NL'").contains("active");
        JsonNode grantList = JSON.readTree(server.as(carla, "access", "grants", "-o", "json").out());
        String grantId = grantList.get(0).path("id").asText();

        CliRun noReason = server.as(chen, "access", "revoke", grantId);
        assertThat(noReason.exitCode()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
        CliRun revoked = server.as(chen, "access", "revoke", grantId, "--reason", "the model is retired");
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("Revoked grant " + grantId).contains("carla no longer reads");
        assertThat(server.as(carla, "access", "grants").out()).startsWith("No active grants");
        assertThat(server.as(carla, "access", "grants", "--all").out()).contains("revoked");
        CliRun typo = server.as(carla, "access", "grants", "--product", "customer-profile");
        assertThat(typo.exitCode()).as("a product that is not there is not found, not \"No active grants.\"")
                .isEqualTo(3);
        assertThat(typo.err()).contains("no product 'customer-profile'");
        assertThat(server.as(carla, "access", "requests", "--product", "customer-profile").exitCode()).isEqualTo(3);
    }

    @Test
    void aRejectionReachesTheRequester() {
        server.as(carla, "access", "request", "sales-orders/orders", "--purpose", "curiosity", "--days", "7");
        String id = requestIds(server.as(carla, "access", "requests", "-o", "json").out()).getFirst();
        CliRun rejected = server.as(dana, "access", "reject", id, "--reason", "use sales-daily-revenue");
        assertThat(rejected.exitCode()).as(rejected.err()).isZero();
        assertThat(rejected.out()).isEqualTo("Rejected request " + id + " of carla for sales-orders/orders: use"
                + " sales-daily-revenue\n");
        CliRun mine = server.as(carla, "access", "requests", "--state", "rejected");
        assertThat(mine.out()).contains(id).contains("rejected").contains("use sales-daily-revenue");
    }

    @Test
    void mistakesGetClearErrors() {
        CliRun noDays = server.as(carla, "access", "request", "sales-orders/orders", "--purpose", "x");
        assertThat(noDays.exitCode()).isEqualTo(2);
        assertThat(noDays.err()).contains("--days");
        CliRun noSuchPort = server.as(carla, "access", "request", "sales-orders/lines", "--purpose", "x", "--days", "3");
        assertThat(noSuchPort.exitCode()).isEqualTo(3);
        assertThat(noSuchPort.err()).contains("no output port 'lines'").contains("its output ports: orders");
        CliRun notAnAddress = server.as(carla, "access", "request", "sales-orders", "--purpose", "x", "--days", "3");
        assertThat(notAnAddress.exitCode()).isEqualTo(2);
        assertThat(notAnAddress.err()).contains("PRODUCT/PORT").contains("polder get ports");
        server.as(carla, "access", "request", "sales-orders/orders", "--purpose", "x", "--days", "3");
        CliRun twice = server.as(carla, "access", "request", "sales-orders/orders", "--purpose", "y", "--days", "3");
        assertThat(twice.exitCode()).isEqualTo(4);
        assertThat(twice.err()).contains("pending request");
        assertThat(server.as(carla, "access", "approve", "nonsense").exitCode()).isEqualTo(2);
        CliRun help = CliRun.of("access", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("request").contains("inbox").contains("approve").contains("reject")
                .contains("grants").contains("revoke").contains("polder access request sales-orders/orders");
        CliRun noVerb = CliRun.of("access");
        assertThat(noVerb.exitCode()).isEqualTo(2);
    }

    private String token(String name, String role, String... scope) {
        List<String> args = new ArrayList<>(List.of("token", "create", "--name", name, "--role", role));
        args.addAll(List.of(scope));
        CliRun created = server.admin(args.toArray(String[]::new));
        assertThat(created.exitCode()).as(created.err()).isZero();
        return created.out().lines().toList().getLast();
    }

    private static List<String> requestIds(String json) {
        try {
            List<String> ids = new ArrayList<>();
            JSON.readTree(json).forEach(item -> ids.add(item.path("id").asText()));
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
