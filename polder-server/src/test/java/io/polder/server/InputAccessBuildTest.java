package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import io.polder.registry.auth.Role;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A product's build reads another team's port only once its team holds a grant: applying the example mesh without
 * its auto-approvals opens the requests, the build of sales-daily-revenue fails naming the request and the command
 * that approves it, and after the owner's approval it succeeds.
 */
class InputAccessBuildTest {
    @Test
    void theBuildWaitsForTheGrantOfItsInput() {
        Path sources = TestServer.temporaryDirectory();
        ExampleMeshData.generate(sources, new DemoOptions(7, 2_000, 1_000, Instant.now()));
        try (TestServer server = TestServer.start(TestDatabase.sqlite(), config -> config.withBuilds(config.builds()
                .withSourcesDir(sources)), java.time.Clock.systemUTC())) {
            ApiClient api = server.api();
            String admin = server.adminToken();
            Answer applied = api.post("/api/v1/apply", admin, withoutAutoApproval(Meshes.exampleWithPlatformFiles()));
            assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
            String owner = server.token("omar", Role.MEMBER, null, "sales-order-team");
            JsonNode inbox = api.get("/api/v1/access/inbox", owner).json().path("pending");
            String requestId = null;
            for (JsonNode request : inbox) {
                if (request.path("consumerProduct").asText().equals("sales-daily-revenue")) {
                    requestId = request.path("id").asText();
                }
            }
            assertThat(requestId).as(inbox.toString()).isNotNull();

            assertThat(build(api, admin, "sales-orders").path("state").asText()).isEqualTo("succeeded");
            JsonNode refused = build(api, admin, "sales-daily-revenue");
            assertThat(refused.path("state").asText()).isEqualTo("failed");
            assertThat(refused.path("errorCode").asText()).isEqualTo("FORBIDDEN");
            assertThat(refused.path("stage").asText()).isEqualTo("resolve-inputs");
            assertThat(refused.path("errorMessage").asText()).contains("input port `orders` of product"
                    + " `sales-daily-revenue` reads sales-orders/orders", "access request " + requestId,
                    "`polder access approve " + requestId + "`");

            Answer approved = api.post("/api/v1/access/requests/" + requestId + "/approve", owner, Map.of());
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            JsonNode built = build(api, admin, "sales-daily-revenue");
            assertThat(built.path("state").asText()).as(built.toString()).isEqualTo("succeeded");
        } finally {
            TestServer.deleteRecursively(sources);
        }
    }

    private static JsonNode build(ApiClient api, String token, String product) {
        Answer answer = api.post("/api/v1/products/" + product + "/builds?wait=true", token, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("run");
    }

    /** The bundle with no access section in any polder.yaml (the example's are last in each file). */
    private static MeshBundle withoutAutoApproval(MeshBundle bundle) {
        return new MeshBundle(bundle.meshYaml(), bundle.products().stream().map(product -> {
            String settings = product.settingsYaml();
            int at = settings == null ? -1 : settings.indexOf("\naccess:");
            return new BundleProduct(product.path(), product.productYaml(), product.contracts(),
                    at < 0 ? settings : settings.substring(0, at + 1), product.buildFiles());
        }).toList());
    }
}
