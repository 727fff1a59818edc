package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The governance story of the issue, with the real CLI against a real server: plan shows per product which
 * policies pass, warn and fail and exits 1 when an error-level policy fails; apply refuses those products with
 * the fix and lets the others through; policy preview (on the server, and locally without one); policy test;
 * compliance per domain with its history.
 */
class GovernanceStoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_RULE = """
            apiVersion: polder/v1
            kind: Policy
            id: logistics-products-are-gold
            version: 1.0.0
            description: Logistics products carry the gold tag.
            target: product
            severity: error
            when: product.domain == 'logistics'
            rule: has(product.tags) && 'gold' in product.tags
            message: product {{ product.id }} is not tagged gold; add gold to its tags
            """;

    @TempDir
    Path dir;

    private TestServer server;
    private Path mesh;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(dir.resolve("polder-data"));
        mesh = dir.resolve("mesh");
        CliRun.copyExampleMesh(mesh);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void planShowsPoliciesPerProductAndApplyRefusesWhatFailsWithTheFix() throws IOException {
        assertThat(server.admin("apply", mesh.toString()).exitCode()).isZero();
        Path orders = mesh.resolve("sales/sales-orders/product.odps.yaml");
        Files.writeString(orders, Files.readString(orders).replaceFirst("(?m)^version: 1.2.0$", "version: 1.3.0")
                .replaceFirst("(?s)description:\n  purpose: >-\n.*?\n  usage: >-", "description:\n  purpose: Orders.\n  usage: >-"));
        Path report = mesh.resolve("finance/finance-revenue-report/product.odps.yaml");
        Files.writeString(report, Files.readString(report).replaceFirst("(?m)^version: 1.0.0$", "version: 1.0.1"));

        CliRun plan = server.admin("plan", mesh.toString());
        assertThat(plan.exitCode()).as(plan.err()).isEqualTo(1);
        assertThat(plan.out()).containsPattern("(?m)^sales-orders +sales +6 +0 +1 +0 +0 +would be refused$")
                .containsPattern("(?m)^finance-revenue-report +finance +8 +0 +0 +0 +0 +ok$")
                .contains(orders + ":1:1: fail: product sales-orders does not say what it is for: write at least a"
                        + " sentence in description.purpose");
        assertThat(plan.err()).contains("an error-level policy fails on sales-orders; apply would refuse sales-orders");

        CliRun apply = server.admin("apply", mesh.toString());
        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.out()).contains("x product sales-orders 1.2.0 -> 1.3.0: refused by policy, not applied (new version)")
                .contains("~ product finance-revenue-report 1.0.0 -> 1.0.1")
                .contains("Applied: 0 added, 1 changed, 0 deprecated, 0 retired. Refused by policy: sales-orders.")
                .contains("[policy product-has-description]");
        assertThat(apply.err()).contains("refused by policy: sales-orders; the other products were applied");
        assertThat(server.admin("get", "product", "sales-orders", "-o", "json").out()).contains("\"currentVersion\" : \"1.2.0\"");
        assertThat(server.admin("get", "product", "finance-revenue-report", "-o", "json").out())
                .contains("\"currentVersion\" : \"1.0.1\"");
        assertThat(server.admin("audit", "--outcome", "failed").out()).contains("product/sales-orders")
                .contains("policies=product-has-description");
    }

    @Test
    void applyOfSelectedProductsSaysThatThePolicyFilesWaitForTheWholeMesh() {
        assertThat(server.admin("apply", mesh.toString()).exitCode()).isZero();
        CliRun selected = server.admin("apply", mesh.toString(), "--product", "sales-orders");
        assertThat(selected.exitCode()).as(selected.err()).isZero();
        assertThat(selected.err()).as("the server's warnings are sentences about the folder, not file names")
                .contains(mesh + ": warning: policy files are applied with the whole mesh only;");
    }

    @Test
    void aBrokenPolicyIsReportedWithFileAndLineBeforeAnythingIsSent() throws IOException {
        Path broken = mesh.resolve("policies/broken.yaml");
        Files.writeString(broken, NEW_RULE.replace("rule: has(product.tags)", "rule: has(product.tagz)"));
        CliRun plan = server.admin("plan", mesh.toString());
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains(broken + ":9:10:").contains("tagz").contains("nothing was sent to the server");
        assertThat(plan.out()).isEmpty();
    }

    @Test
    void previewOnTheServerAndLocally() throws IOException {
        assertThat(server.admin("apply", mesh.toString()).exitCode()).isZero();
        Path rule = mesh.resolve("policies/new-rule.yaml");
        Files.writeString(rule, NEW_RULE);
        CliRun preview = server.admin("policy", "preview", rule.toString());
        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out()).startsWith("Previewed against the registry at " + server.url() + ": 7 current products.")
                .containsPattern("(?m)^logistics-products-are-gold +error +global +0 +2 +0 +0 +0 +5 ")
                .containsPattern("(?m)^sales-orders +sales +logistics-products-are-gold +not applicable \\(excluded by its when\\)$")
                .containsPattern("(?m)^logistics-shipments +logistics +logistics-products-are-gold +fail$")
                .contains("logistics-shipments (logistics): fail: product logistics-shipments is not tagged gold");
        assertThat(server.admin("get", "products").exitCode()).isZero();
        JsonNode policies = JSON.readTree(server.admin("policy", "preview", rule.toString(), "-o", "json").out());
        assertThat(policies.path("affected").size()).isEqualTo(2);
        assertThat(policies.path("policies").path(0).path("passing").asInt()).isZero();
        assertThat(policies.path("policies").path(0).path("notApplicable").asInt()).isEqualTo(5);
        assertThat(policies.path("outcomes").findValuesAsText("outcome")).hasSize(7)
                .containsOnly("fail", "not-applicable");

        CliRun local = CliRun.of("policy", "preview", "--local", rule.toString());
        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.out()).startsWith("Previewed locally against the mesh folder ")
                .containsPattern("(?m)^logistics-products-are-gold +error +global +0 +2 +0 +0 +0 +5 ");

        Files.writeString(rule, NEW_RULE.replace("rule: has(product.tags)", "rule: has(product.tagz)"));
        CliRun broken = server.admin("policy", "preview", rule.toString());
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.err()).contains(rule + ":9:10:").contains("tagz");

        Path outside = dir.resolve("drafts/new-rule.yaml"); // in no mesh folder: the server knows it as policies/NAME
        Files.createDirectories(outside.getParent());
        Files.writeString(outside, NEW_RULE.replace("rule: has(product.tags)", "rule: has(product.tagz)"));
        CliRun draft = server.admin("policy", "preview", outside.toString());
        assertThat(draft.exitCode()).isEqualTo(1);
        assertThat(draft.err()).startsWith(outside + ":9:10: ").contains("tagz")
                .contains("polder: the server found 1 error in " + outside + "; nothing was previewed")
                .doesNotContain("policies/new-rule.yaml");
    }

    @Test
    void policyTestRunsTheGovernanceGroupsTests() throws IOException {
        CliRun tests = CliRun.of("policy", "test", mesh.resolve("policies").toString());
        assertThat(tests.exitCode()).as(tests.out() + tests.err()).isZero();
        assertThat(tests.out()).contains(": ok test \"");
        long expectations = tests.out().lines().filter(line -> line.contains(": ok test \"")).count();
        assertThat(tests.out()).as("the summary names what it counts: expectations, of which a test holds one or more")
                .endsWith("\n" + expectations + " expectations passed, 0 failed (in " + policyTests(mesh.resolve("policies"))
                        + " tests, against 11 policies).\n");
        Path ownership = mesh.resolve("policies/ownership.yaml");
        Files.writeString(ownership, Files.readString(ownership).replace(">= 20", ">= 2000"));
        CliRun failing = CliRun.of("policy", "test", mesh.toString());
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.out()).containsPattern("(?m)^.*policies/tests/ownership\\.yaml:\\d+:\\d+: FAILED test \"")
                .containsPattern("(?m)^\\d+ expectations passed, [1-9]\\d* failed \\(in \\d+ tests, against \\d+ policies\\)\\.$");
    }

    /** How many {@code kind: PolicyTest} documents the folder's files hold. */
    private static long policyTests(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            long count = 0;
            for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).toList()) {
                count += Files.readString(file).lines().filter(line -> line.strip().equals("kind: PolicyTest")).count();
            }
            return count;
        }
    }

    @Test
    void complianceShowsPassRatesPerDomainAndTheHistory() {
        assertThat(server.admin("apply", mesh.toString()).exitCode()).isZero();
        CliRun compliance = server.admin("compliance", "--domain", "sales");
        assertThat(compliance.exitCode()).as(compliance.err()).isZero();
        assertThat(compliance.out()).contains("Compliance of domain sales at ").contains("2 products, 13 policies in force,"
                + " pass rate 100.0%, 0 blocked.").containsPattern("(?m)^sales +2 +0 +100\\.0%")
                .contains("No failures.").contains("History (last 1 of 1 recorded):")
                .as("times to the second, as in the other listings")
                .containsPattern("at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: ")
                .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +apply ");
        assertThat(server.admin("compliance", "--record").out()).contains("(recorded)");
        CliRun json = server.admin("compliance", "-o", "json");
        assertThat(json.out()).contains("\"history\"").contains("\"on-demand\"");
        assertThat(server.admin("compliance", "--domain", "nowhere").exitCode()).isEqualTo(3);
    }
}
