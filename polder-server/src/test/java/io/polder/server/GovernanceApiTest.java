package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.auth.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Governance over HTTP: the example mesh's policies uploaded with the bundle; plan and apply with per-product
 * policy results and refusals; bad policies refused with file and line while the server keeps serving;
 * preview; the compliance view and its history; the audit log of every refusal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GovernanceApiTest {
    private static final String HEADER = """
            apiVersion: polder/v1
            kind: Policy
            id: broken
            version: 1.0.0
            target: product
            severity: error
            """;

    private TestServer server;
    private ApiClient api;
    private String admin;
    private MeshBundle example;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.sqlite());
        api = server.api();
        admin = server.adminToken();
        example = Meshes.exampleWithPolicies();
        Answer applied = api.post("/api/v1/apply", admin, example);
        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void thePlanShowsPerProductWhichPoliciesPassWarnOrFail() {
        Answer plan = api.post("/api/v1/plan", admin, Meshes.withProduct(example, "sales/sales-orders",
                text -> text.replace("version: 1.2.0\nstatus", "version: 1.3.7\nstatus")
                        .replaceFirst("(?s)description:\n  purpose: >-\n.*?\n  usage: >-",
                                "description:\n  purpose: Orders.\n  usage: >-")));
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        JsonNode governance = plan.json().path("governance");
        assertThat(governance.path("policies").asInt()).isEqualTo(13);
        assertThat(governance.path("refused").toString()).isEqualTo("[\"sales-orders\"]");
        JsonNode orders = product(governance, "sales-orders");
        assertThat(orders.path("blocking").asBoolean()).isTrue();
        JsonNode failed = check(orders, "product-has-description");
        assertThat(failed.path("outcome").asText()).isEqualTo("fail");
        assertThat(failed.path("findings").path(0).path("message").asText()).contains("description.purpose");
        assertThat(failed.path("findings").path(0).path("file").asText()).isEqualTo("sales/sales-orders/product.odps.yaml");
        assertThat(failed.path("findings").path(0).path("line").asInt()).as("the product document").isEqualTo(1);
        assertThat(check(orders, "product-has-owner").path("outcome").asText()).isEqualTo("pass");
        assertThat(product(governance, "customer-360").path("blocking").asBoolean()).isFalse();
    }

    @Test
    void badPoliciesAreRefusedWithFileAndLineAndTheServerKeepsServing() {
        String tens = "[0,1,2,3,4,5,6,7,8,9]";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("syntax error", HEADER + "rule: product.id ==\nmessage: m\n");
        cases.put("type error", HEADER + "rule: product.id + 1 == 2\nmessage: m\n");
        cases.put("unknown variable", HEADER + "rule: consumer.id == 'x'\nmessage: m\n");
        cases.put("a rule returning a string", HEADER + "rule: product.id\nmessage: m\n");
        cases.put("a message naming a missing field", HEADER + "rule: 'true'\nmessage: '{{ product.owner }}'\n");
        cases.put("a duplicate policy id", HEADER.replace("id: broken", "id: product-has-owner") + "rule: 'true'\nmessage: m\n");
        cases.put("an exemption without expiry", """
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: product-has-owner
                product: sales-orders
                reason: none
                approver: governance@acme.example
                """);
        List<String> refusals = new ArrayList<>();
        cases.forEach((name, text) -> {
            for (String route : List.of("/api/v1/plan", "/api/v1/apply")) {
                Answer answer = api.post(route, admin, Meshes.withPolicy(example, "policies/broken.yaml", text));
                assertThat(answer.status()).as(name + " " + answer).isEqualTo(422);
                assertThat(answer.code()).isEqualTo("INVALID_DOCUMENT");
                JsonNode problem = answer.json().path("details").path("problems").path(0);
                assertThat(problem.path("file").asText()).as(name).isEqualTo("policies/broken.yaml");
                assertThat(problem.path("line").asInt()).as(name).isPositive();
                refusals.add(name);
            }
            Answer preview = api.post("/api/v1/policies/preview", admin, Map.of("path", "policies/broken.yaml", "text", text));
            assertThat(preview.status()).as(name + " preview " + preview).isEqualTo(name.contains("duplicate") ? 200 : 422);
            assertThat(api.get("/api/v1/health", null).status()).isEqualTo(200);
        });
        Answer runaway = api.post("/api/v1/plan", admin, Meshes.withPolicy(example, "policies/broken.yaml", HEADER
                + "rule: \"" + tens + ".map(a, " + tens + ".map(b, " + tens + ".map(c, " + tens + ".map(d, " + tens
                + ".map(e, [a, b, c, d, e]))))).size() > 0\"\nmessage: m\n"));
        assertThat(runaway.status()).as("a runaway expression is contained: " + runaway).isEqualTo(200);
        JsonNode runawayCheck = check(runaway.json().path("governance").path("products").path(0), "broken");
        assertThat(runawayCheck.path("outcome").asText()).isEqualTo("error");
        assertThat(runawayCheck.path("findings").path(0).path("message").asText()).contains("could not be evaluated")
                .contains("policies/broken.yaml");
        assertThat(api.get("/api/v1/policies", admin).json().path("policies").size()).as("nothing was stored").isEqualTo(13);
        Answer audit = api.get("/api/v1/audit?outcome=failed&limit=1000", admin);
        assertThat(audit.json().path("items").findValuesAsText("target")).contains("mesh", "policies/preview");
        assertThat(refusals).hasSize(cases.size() * 2);
    }

    @Test
    void previewListsTheCurrentProductsANewRuleWouldFail() {
        String governance = server.token("preview-governance", Role.GOVERNANCE, null, null);
        Answer preview = api.post("/api/v1/policies/preview", governance, Map.of("path", "policies/new-rule.yaml",
                "text", """
                        apiVersion: polder/v1
                        kind: Policy
                        id: logistics-products-are-gold
                        version: 1.0.0
                        target: product
                        severity: error
                        when: product.domain == 'logistics'
                        rule: has(product.tags) && 'gold' in product.tags
                        message: product {{ product.id }} is not tagged gold
                        """));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        JsonNode policy = preview.json().path("policies").path(0);
        assertThat(policy.path("failing").asInt()).isEqualTo(2);
        assertThat(policy.path("passing").asInt()).as("the products of other domains are not applicable").isZero();
        assertThat(policy.path("notApplicable").asInt()).isEqualTo(5);
        assertThat(preview.json().path("outcomes").findValues("reason")).hasSize(7)
                .allMatch(reason -> reason.isNull() || reason.asText().equals("when"))
                .anyMatch(JsonNode::isNull);
        assertThat(preview.json().path("affected").findValuesAsText("product"))
                .containsExactlyInAnyOrder("logistics-shipments", "logistics-delivery-performance");
        assertThat(preview.json().path("affected").path(0).path("policies").path(0).path("findings").path(0)
                .path("message").asText()).contains("is not tagged gold");
        String consumer = server.token("preview-consumer", Role.CONSUMER, null, null);
        assertThat(api.post("/api/v1/policies/preview", consumer, Map.of("text", "x: 1")).status()).isEqualTo(403);
    }

    @Test
    void complianceIsOpenToEveryoneAndKeepsItsHistory() {
        String consumer = server.token("compliance-consumer", Role.CONSUMER, null, null);
        Answer report = api.get("/api/v1/compliance?domain=sales", consumer);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode body = report.json();
        assertThat(body.path("domain").asText()).isEqualTo("sales");
        assertThat(body.path("domains").findValuesAsText("domain")).containsExactly("sales");
        assertThat(body.path("total").path("products").asInt()).isEqualTo(2);
        assertThat(body.path("total").path("counts").path("passRate").asDouble()).isEqualTo(1.0);
        assertThat(body.path("policyRates").size()).isPositive();
        JsonNode whole = api.get("/api/v1/compliance", consumer).json();
        int before = whole.path("history").size();
        assertThat(before).isPositive();
        long evaluations = server.server().registry().compliance().evaluations();
        assertThat(api.get("/api/v1/compliance", consumer).json().path("evaluatedAt"))
                .as("nothing changed: the kept evaluation is served again").isEqualTo(whole.path("evaluatedAt"));
        assertThat(server.server().registry().compliance().evaluations()).isEqualTo(evaluations);
        assertThat(api.post("/api/v1/compliance", consumer, null).status()).isEqualTo(403);
        Answer recorded = api.post("/api/v1/compliance", admin, null);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        JsonNode history = api.get("/api/v1/compliance", consumer).json().path("history");
        assertThat(history.size()).isEqualTo(before + 1);
        assertThat(history.path(history.size() - 1).path("cause").asText()).isEqualTo("on-demand");
        assertThat(api.get("/api/v1/compliance?domain=nowhere", consumer).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/compliance?domain=Bad%20Id", consumer).status()).isEqualTo(400);
    }

    private static JsonNode product(JsonNode governance, String id) {
        for (JsonNode product : governance.path("products")) {
            if (product.path("product").asText().equals(id)) {
                return product;
            }
        }
        throw new AssertionError("no product " + id + " in " + governance);
    }

    private static JsonNode check(JsonNode product, String policy) {
        for (JsonNode check : product.path("policies")) {
            if (check.path("policy").asText().equals(policy)) {
                return check;
            }
        }
        throw new AssertionError("no policy " + policy + " in " + product);
    }
}
