package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's story, run with the real CLI in-process against a real server on a loopback port. */
class RegistryStoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestServer server;
    private String mesh;

    @BeforeEach
    void startServer() {
        server = TestServer.start(dir.resolve("polder-data"));
        mesh = CliRun.repo("examples/mesh");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void planApplyApplyAgainGetTokenRevoke() throws IOException {
        CliRun plan = server.admin("plan", mesh);
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("+ domain sales: new domain")
                .contains("+ product sales-orders 1.2.0: new product")
                .contains("\n    + contract sales-orders-orders 1.2.0: new contract of product 'sales-orders'")
                .contains("+ policy-file policies/ownership.yaml: new global policy file")
                .contains("\nPlan: 37 to add, 0 to change, 0 to deprecate, 0 to retire.\n")
                .containsPattern("(?m)^sales-orders +sales +7 +0 +0 +0 +0 +ok$");

        CliRun apply = server.admin("apply", mesh);
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("\nApplied: 37 added, 0 changed, 0 deprecated, 0 retired.\n");
        assertThat(server.admin("apply", mesh).out()).isEqualTo("No changes.\n");
        assertThat(server.admin("plan", mesh).out()).isEqualTo("No changes.\n");

        CliRun products = server.admin("get", "products");
        assertThat(products.exitCode()).isZero();
        assertThat(products.out().lines().toList()).hasSize(8).first().asString()
                .matches("ID +DOMAIN +TEAM +VERSION +STATUS +SUNSET");
        assertThat(products.out()).containsPattern("(?m)^sales-orders +sales +sales-order-team +1\\.2\\.0 +active +-$");

        CliRun created = server.admin("token", "create", "--name", "ci-sales", "--role", "domain-owner", "--domain", "sales");
        assertThat(created.exitCode()).as(created.err()).isZero();
        List<String> lines = created.out().lines().toList();
        String token = lines.getLast();
        assertThat(token).startsWith("pld_").doesNotContain(" ");
        assertThat(created.err()).contains("Created token").contains("'ci-sales', role domain-owner of domain sales")
                .doesNotContain(token);

        CliRun unknownDomain = server.admin("token", "create", "--name", "ci-sails", "--role", "domain-owner", "--domain",
                "sails");
        assertThat(unknownDomain.exitCode()).as(unknownDomain.err()).isEqualTo(3);
        assertThat(unknownDomain.err()).contains("no domain 'sails'").contains("polder get domains");
        assertThat(unknownDomain.out()).isEmpty();
        CliRun unknownTeam = server.admin("token", "create", "--name", "omar", "--role", "member", "--team", "nobody");
        assertThat(unknownTeam.exitCode()).isEqualTo(3);
        assertThat(unknownTeam.err()).contains("no team 'nobody'").contains("polder get teams");
        CliRun noDomain = server.admin("token", "create", "--name", "ci-sales", "--role", "domain-owner");
        assertThat(noDomain.exitCode()).isEqualTo(2);
        assertThat(noDomain.err()).contains("a domain-owner is scoped to the domain it owns").contains("--domain DOMAIN");
        CliRun noTeam = server.admin("token", "create", "--name", "omar", "--role", "member");
        assertThat(noTeam.exitCode()).isEqualTo(2);
        assertThat(noTeam.err()).contains("--team TEAM");

        CliRun asOwner = server.as(token, "get", "products", "--domain", "sales");
        assertThat(asOwner.exitCode()).isZero();
        assertThat(asOwner.out().lines().count()).isEqualTo(3);
        CliRun list = server.admin("token", "list");
        assertThat(list.out()).contains("ci-sales").contains("domain-owner").contains("domain sales").doesNotContain(token);

        String id = tokenId(server.admin("token", "list", "-o", "json").out(), "ci-sales");
        CliRun revoke = server.admin("token", "revoke", id);
        assertThat(revoke.exitCode()).isZero();
        assertThat(revoke.out()).startsWith("Revoked token " + id);
        CliRun shouted = server.admin("token", "revoke", id.toUpperCase(java.util.Locale.ROOT));
        assertThat(shouted.exitCode()).isEqualTo(2);
        assertThat(shouted.err()).contains("not a valid token id").contains("26 lowercase letters and digits");
        CliRun again = server.admin("token", "revoke", id);
        assertThat(again.exitCode()).as("revoked already: nothing changes, as --help says").isZero();
        assertThat(again.out()).startsWith("Token " + id + " ('ci-sales'")
                .containsPattern("was already revoked \\(at [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\\); nothing changed")
                .doesNotContain("Revoked token");
        CliRun noSuchToken = server.admin("token", "revoke", "0" + id.substring(1).replaceAll("[0-9]", "z"));
        assertThat(noSuchToken.exitCode()).as(noSuchToken.err()).isEqualTo(3);

        CliRun refused = server.as(token, "get", "products");
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.err()).contains("not valid").contains("set POLDER_TOKEN or use --token").doesNotContain(token);
    }

    @Test
    void applyingAProductTheFolderDoesNotDeclareIsNotFound() {
        CliRun missing = server.admin("apply", mesh, "--product", "nosuch");
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(3);
        assertThat(missing.err()).contains("product 'nosuch' is not declared in this folder; it declares customer-360,");
    }

    @Test
    void aDomainOwnerChangesItsDomainOnly() throws IOException {
        assertThat(server.admin("apply", mesh).exitCode()).isZero();
        String token = server.admin("token", "create", "--name", "ci-sales", "--role", "domain-owner", "--domain", "sales")
                .out().lines().toList().getLast();
        Path copy = dir.resolve("mesh");
        CliRun.copyExampleMesh(copy);
        bumpVersion(copy.resolve("sales/sales-orders/product.odps.yaml"), "1.2.0", "1.3.0");

        CliRun plan = server.as(token, "plan", copy.toString());
        assertThat(plan.out()).startsWith("~ product sales-orders 1.2.0 -> 1.3.0: new version\n"
                + "Plan: 0 to add, 1 to change, 0 to deprecate, 0 to retire.\n\nPolicies: 13 in force");
        CliRun apply = server.as(token, "apply", copy.toString());
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("\nApplied: 0 added, 1 changed, 0 deprecated, 0 retired.\n");

        bumpVersion(copy.resolve("customer/customer-360/product.odps.yaml"), "1.0.0", "1.1.0");
        CliRun refused = server.as(token, "apply", copy.toString());
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.err()).contains("customer");
        assertThat(server.admin("get", "product", "customer-360", "-o", "json").out()).contains("\"currentVersion\" : \"1.0.0\"");
    }

    @Test
    void listingsFiltersLimitsAndMachineFormats() throws IOException {
        assertThat(server.admin("apply", mesh).exitCode()).isZero();
        JsonNode all = JSON.readTree(server.admin("get", "products", "-o", "json").out());
        assertThat(all).hasSize(7);
        assertThat(all.get(0).get("id").asText()).isEqualTo("customer-360");
        JsonNode limited = JSON.readTree(server.admin("get", "products", "--limit", "3", "-o", "json").out());
        assertThat(limited).hasSize(3);
        JsonNode yaml = new YAMLMapper().readTree(server.admin("get", "products", "--status", "active", "-o", "yaml").out());
        assertThat(yaml).hasSize(7);
        assertThat(server.admin("get", "teams", "--domain", "sales").out().lines().count()).isEqualTo(3);
        assertThat(server.admin("get", "members", "--team", "sales-order-team").out())
                .contains("dana@acme.example").contains("omar@acme.example").doesNotContain("chen@");
        assertThat(server.admin("get", "ports", "--product", "sales-daily-revenue", "--direction", "input").out())
                .contains("sales-orders-orders").doesNotContain("daily-revenue  1.1.0");
        assertThat(server.admin("get", "contracts", "--product", "logistics-shipments").out().lines().count()).isEqualTo(3);
        assertThat(server.admin("get", "domain", "sales").out()).contains("dana@acme.example");
        assertThat(server.admin("get", "contract", "sales-orders-orders", "-o", "json").out()).contains("\"productId\"");
        assertThat(server.admin("get", "contract", "sales-orders-orders").out()).as("the contract, then its versions")
                .containsPattern("(?m)^sales-orders-orders +sales-orders +Orders +1\\.2\\.0 +active$")
                .containsPattern("(?m)^1\\.2\\.0 +sales/sales-orders/contracts/orders\\.odcs\\.yaml +\\S+Z +admin$");

        CliRun detail = server.admin("get", "product", "sales-daily-revenue");
        assertThat(detail.out()).contains("Versions:").contains("Ports:").contains("Contracts:")
                .containsPattern("(?m)^input +orders +1\\.2\\.0");
        assertThat(server.admin("get", "domains").out()).contains("customer").contains("finance");
    }

    @Test
    void anEmptyListingOfAProductDomainOrTeamTheRegistryDoesNotHoldIsNotFound() {
        assertThat(server.admin("apply", mesh).exitCode()).isZero();
        CliRun known = server.admin("get", "runs", "sales-orders");
        assertThat(known.exitCode()).as(known.err()).isZero();
        assertThat(known.out()).isEqualTo("No runs." + System.lineSeparator());
        for (String[] args : new String[][] {{"get", "runs", "sales-ordres"}, {"get", "runs", "--product", "sales-ordres"},
                {"get", "ports", "--product", "sales-ordres"}, {"get", "ports", "--product", "sales-ordres", "--direction",
                    "input"}}) {
            CliRun typo = server.admin(args);
            assertThat(typo.exitCode()).as(String.join(" ", args)).isEqualTo(3);
            assertThat(typo.out()).as(String.join(" ", args)).isEmpty();
            assertThat(typo.err()).as(String.join(" ", args)).isEqualTo("polder: no product 'sales-ordres'" + System.lineSeparator());
        }
        CliRun domain = server.admin("get", "products", "--domain", "sails");
        assertThat(domain.exitCode()).isEqualTo(3);
        assertThat(domain.err()).contains("no domain 'sails'");
        CliRun team = server.admin("get", "members", "--team", "sales-team");
        assertThat(team.exitCode()).isEqualTo(3);
        assertThat(team.err()).contains("no team 'sales-team'");
    }

    @Test
    void paginationFollowsCursorsToTheEnd() throws IOException {
        assertThat(server.admin("apply", mesh).exitCode()).isZero();
        // members: 12 named principals; pages of 1000 hold them all, so --limit makes several pages of 5
        JsonNode five = JSON.readTree(server.admin("get", "members", "--limit", "5", "-o", "json").out());
        JsonNode all = JSON.readTree(server.admin("get", "members", "-o", "json").out());
        assertThat(five).hasSize(5);
        assertThat(all.size()).isGreaterThan(5);
        JsonNode audit = JSON.readTree(server.admin("audit", "--all", "-o", "json").out());
        JsonNode firstTen = JSON.readTree(server.admin("audit", "--limit", "10", "-o", "json").out());
        assertThat(audit.size()).isGreaterThan(10);
        assertThat(firstTen).hasSize(10);
        assertThat(firstTen.get(0)).isEqualTo(audit.get(0));
    }

    @Test
    void lifecycleUsesTheEtagAndRefusesWhatTheLifecycleForbids() {
        assertThat(server.admin("apply", mesh).exitCode()).isZero();
        // far ahead, as in the help's example: the server refuses a sunset in the past
        CliRun deprecate = server.admin("lifecycle", "sales-orders", "--status", "deprecated", "--sunset", "2099-12-31");
        assertThat(deprecate.exitCode()).as(deprecate.err()).isZero();
        assertThat(deprecate.out()).isEqualTo("sales-orders: active -> deprecated, sunset 2099-12-31 (revision 2)\n");
        assertThat(server.admin("get", "products", "--status", "deprecated").out())
                .containsPattern("(?m)^sales-orders +sales +sales-order-team +1\\.2\\.0 +deprecated +2099-12-31$");
        CliRun again = server.admin("lifecycle", "sales-orders", "--status", "deprecated", "--sunset", "2099-12-31");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("sales-orders is deprecated already, sunset 2099-12-31: nothing changed"
                + " (revision 2)\n");
        CliRun backwards = server.admin("lifecycle", "sales-orders", "--status", "active");
        assertThat(backwards.exitCode()).as("a move the lifecycle does not allow is a conflict, as --help says")
                .isEqualTo(4);
        assertThat(backwards.err()).isEqualTo("polder: product 'sales-orders' is deprecated and cannot become active;"
                + " it can become retired\n");
        CliRun past = server.admin("lifecycle", "sales-orders", "--status", "deprecated", "--sunset", "2020-01-01");
        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.err()).contains("2020-01-01 is in the past");
        CliRun unknown = server.admin("lifecycle", "no-such-product", "--status", "deprecated");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("no-such-product");
    }

    @Test
    void exitCodesFollowTheServersErrors() throws IOException {
        CliRun notFound = server.admin("get", "product", "nope");
        assertThat(notFound.exitCode()).isEqualTo(3);
        assertThat(notFound.err()).startsWith("polder: ").contains("nope");
        CliRun noToken = server.as("", "get", "products");
        assertThat(noToken.exitCode()).isEqualTo(5);
        CliRun consumer = server.as(server.admin("token", "create", "--name", "reader", "--role", "consumer").out()
                .lines().toList().getLast(), "audit");
        assertThat(consumer.exitCode()).isEqualTo(5);
        CliRun badId = server.admin("get", "product", "../../etc/passwd");
        assertThat(badId.exitCode()).isIn(2, 3);
        CliRun badRole = server.admin("token", "create", "--name", "x", "--role", "superuser");
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err()).contains("superuser");

        assertThat(server.admin("apply", mesh).exitCode()).isZero();
        Path copy = dir.resolve("mesh");
        CliRun.copyExampleMesh(copy);
        Path product = copy.resolve("sales/sales-orders/product.odps.yaml");
        Files.writeString(product, Files.readString(product).replace("tags: [sales, orders, source-aligned]",
                "tags: [sales, orders]"));
        CliRun immutable = server.admin("apply", copy.toString());
        assertThat(immutable.exitCode()).isEqualTo(4);
        assertThat(immutable.err()).contains("1.2.0").contains("sales-orders");
    }

    @Test
    void problemsTheServerFindsArePrintedAsFileLineColumn() throws IOException {
        Path copy = dir.resolve("mesh");
        CliRun.copyExampleMesh(copy);
        Path meshYaml = copy.resolve("mesh.yaml");
        // a principal name the registry cannot store (a space); the model alone accepts it
        Files.writeString(meshYaml, Files.readString(meshYaml).replace("owners: [dana@acme.example]", "owners: [dana diaz]"));
        CliRun plan = server.admin("plan", copy.toString());
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).containsPattern(java.util.regex.Pattern.quote(meshYaml.toString())
                + ":\\d+:\\d+: .*principal.*\\(at /domains/0/owners/0\\)");
        assertThat(plan.err()).contains("nothing was changed");
        assertThat(plan.out()).isEmpty();
    }

    @Test
    void auditShowsChangesAndRefusals() throws IOException {
        assertThat(server.admin("apply", mesh).exitCode()).isZero();
        server.as("pld_wrong", "get", "products");
        CliRun audit = server.admin("audit", "--action", "apply-product", "--since", "1h");
        assertThat(audit.exitCode()).isZero();
        assertThat(audit.out()).contains("product/sales-orders").contains("succeeded").doesNotContain("authenticate");
        JsonNode denied = JSON.readTree(server.admin("audit", "--outcome", "denied", "-o", "json").out());
        assertThat(denied).isNotEmpty();
        assertThat(denied.toString()).doesNotContain("pld_wrong");

        CliRun bogus = server.admin("audit", "--action", "bogus");
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err()).contains("unknown audit action 'bogus'").contains("apply-product").contains("query-data");
        assertThat(bogus.out()).doesNotContain("No audit events");
        assertThat(CliRun.of("audit", "--help").out()).contains("--action=ACTION", "apply-product, authenticate,",
                "query-data", "sign-in");
    }

    private static String tokenId(String json, String name) throws IOException {
        List<String> ids = new ArrayList<>();
        JSON.readTree(json).forEach(token -> {
            if (token.get("name").asText().equals(name)) {
                ids.add(token.get("id").asText());
            }
        });
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }

    private static void bumpVersion(Path product, String from, String to) throws IOException {
        String text = Files.readString(product);
        String bumped = text.replaceFirst("(?m)^version: " + java.util.regex.Pattern.quote(from) + "$", "version: " + to);
        assertThat(bumped).isNotEqualTo(text);
        Files.writeString(product, bumped);
    }
}
