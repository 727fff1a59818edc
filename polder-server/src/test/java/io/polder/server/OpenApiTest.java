package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.catalog.Product;
import io.polder.server.http.Route;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The OpenAPI document describes exactly the routes the server serves, and those are the shared spec's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {
    /** The routes of the shared HTTP API spec (api-spec.md), which the command line is written against. */
    private static final Set<String> SPEC = Set.of(
            "GET /api/v1/health", "GET /api/openapi.json", "GET /metrics",
            "GET /api/v1/domains", "GET /api/v1/domains/{id}", "GET /api/v1/teams", "GET /api/v1/teams/{id}",
            "GET /api/v1/members", "GET /api/v1/members/{username}", "GET /api/v1/products", "GET /api/v1/products/{id}",
            "GET /api/v1/products/{id}/versions", "GET /api/v1/products/{id}/versions/{version}",
            "POST /api/v1/products/{id}/lifecycle", "GET /api/v1/ports", "GET /api/v1/contracts",
            "GET /api/v1/contracts/{id}", "GET /api/v1/contracts/{id}/versions",
            "GET /api/v1/contracts/{id}/versions/{version}", "POST /api/v1/plan", "POST /api/v1/apply",
            "GET /api/v1/tokens", "POST /api/v1/tokens", "GET /api/v1/tokens/{id}", "DELETE /api/v1/tokens/{id}",
            "GET /api/v1/audit",
            "GET /api/v1/policies", "POST /api/v1/policies/preview", "GET /api/v1/compliance", "POST /api/v1/compliance",

            // builds, contract runs and lineage
            "POST /api/v1/products/{id}/builds", "POST /api/v1/products/{id}/tests", "GET /api/v1/runs",
            "GET /api/v1/runs/{id}", "GET /api/v1/products/{id}/ports/{port}/snapshots", "GET /api/v1/lineage",

            // access requests, grants and the relations consumers query
            "POST /api/v1/access/requests", "GET /api/v1/access/requests", "GET /api/v1/access/requests/{id}",
            "POST /api/v1/access/requests/{id}/approve", "POST /api/v1/access/requests/{id}/reject",
            "GET /api/v1/access/inbox", "GET /api/v1/access/grants", "GET /api/v1/access/grants/{id}",
            "POST /api/v1/access/grants/{id}/revoke", "GET /api/v1/relations",


            // queries through the gateway, and their usage
            "POST /api/v1/query", "GET /api/v1/usage", "GET /api/v1/products/{id}/usage");

    private TestServer server;
    private JsonNode document;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.sqlite());
        Answer answer = server.api().get("/api/openapi.json", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        document = answer.json();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void documentsExactlyTheServedRoutesWhichAreTheSpecsRoutes() {
        Set<String> documented = documentedOperations();
        Set<String> served = new TreeSet<>(server.server().servedEndpoints());
        Set<String> table = new TreeSet<>(server.server().routes().stream().map(Route::key).toList());
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(documented).isEqualTo(served).isEqualTo(table).isEqualTo(new TreeSet<>(SPEC));
    }

    @Test
    void everyDocumentedOperationIsAnsweredAndNoOtherMethodIs() {
        for (String operation : documentedOperations()) {
            String method = operation.split(" ")[0];
            String path = operation.split(" ")[1].replaceAll("\\{[a-zA-Z]+}", "x");
            JsonNode described = document.path("paths").path(operation.split(" ")[1]).path(method.toLowerCase());
            boolean isPublic = described.path("security").isEmpty();
            Answer answer = server.api().send(method, path, null, method.equals("GET") ? null : "{}", Map.of());
            assertThat(answer.status()).as(operation).isEqualTo(isPublic ? 200 : 401);
        }
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String template = paths.next();
            Set<String> methods = new HashSet<>();
            document.path("paths").path(template).fieldNames().forEachRemaining(methods::add);
            for (String method : List.of("GET", "POST", "DELETE", "PUT", "PATCH")) {
                if (!methods.contains(method.toLowerCase())) {
                    Answer answer = server.api().send(method, template.replaceAll("\\{[a-zA-Z]+}", "x"), null,
                            method.equals("GET") || method.equals("DELETE") ? null : "{}", Map.of());
                    assertThat(answer.status()).as(method + " " + template).isEqualTo(405);
                    assertThat(answer.code()).isEqualTo("METHOD_NOT_ALLOWED");
                }
            }
        }
    }

    @Test
    void operationsSayWhoMayCallThemAndWhatTheyTakeAndAnswer() {
        Set<String> operationIds = new HashSet<>();
        for (String operation : documentedOperations()) {
            String[] parts = operation.split(" ");
            JsonNode described = document.path("paths").path(parts[1]).path(parts[0].toLowerCase());
            assertThat(operationIds.add(described.path("operationId").asText())).as(operation).isTrue();
            assertThat(described.path("description").asText()).startsWith("Who may call it: ");
            assertThat(described.path("responses").fieldNames()).toIterable().anyMatch(status -> status.startsWith("2"));
            if (!described.path("security").isEmpty()) {
                assertThat(described.path("responses").has("401")).as(operation).isTrue();
                assertThat(described.path("responses").has("403")).as(operation).isTrue();
            }
            List<String> pathParameters = new ArrayList<>();
            described.path("parameters").forEach(parameter -> {
                if (parameter.path("in").asText().equals("path")) {
                    pathParameters.add("{" + parameter.path("name").asText() + "}");
                }
            });
            assertThat(pathParameters).as(operation)
                    .containsExactlyElementsOf(Arrays.stream(parts[1].split("/")).filter(s -> s.startsWith("{")).toList());
        }
        JsonNode lifecycle = document.path("paths").path("/api/v1/products/{id}/lifecycle").path("post");
        assertThat(lifecycle.path("responses").has("428")).isTrue();
        assertThat(lifecycle.path("description").asText()).contains("platform-admin or domain-owner");
        JsonNode apply = document.path("paths").path("/api/v1/apply").path("post");
        assertThat(apply.path("parameters").findValuesAsText("name")).containsExactly("prune", "dryRun", "product");
        assertThat(apply.path("responses").has("409")).isTrue();
        assertThat(apply.path("responses").has("422")).isTrue();
    }

    @Test
    void schemasFollowTheRecordsAndEveryReferenceResolves() {
        JsonNode product = document.path("components").path("schemas").path("Product").path("properties");
        List<String> properties = new ArrayList<>();
        product.fieldNames().forEachRemaining(properties::add);
        assertThat(properties).containsExactlyElementsOf(
                Arrays.stream(Product.class.getRecordComponents()).map(RecordComponent::getName).toList());
        assertThat(product.path("status").path("enum").toString()).contains("\"deprecated\"");
        assertThat(product.path("createdAt").path("format").asText()).isEqualTo("date-time");
        assertThat(document.path("components").path("schemas").path("MeshBundle").path("additionalProperties").asBoolean(true))
                .isFalse();
        List<String> references = document.findValuesAsText("$ref");
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference).isFalse();
        }
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }
}
