package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.registry.PageRequest;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.registry.catalog.ProductDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * N concurrent applies over HTTP of the same new version (1.3.0 of sales-orders), all released at once
 * behind a latch, each by a principal of its own.
 *
 * <p>When each request carries different content for that version, the outcome does not depend on timing:
 * whichever commits first publishes it; an apply that planned before that commit loses on the primary key,
 * one that planned after finds the version published with other content; both are 409. So exactly one
 * succeeds and N-1 get 409, deterministically.
 *
 * <p>When all carry the same content, an apply that plans after the winner committed finds nothing to
 * change and succeeds without changing anything (idempotence), so the guarantee there is: the version is
 * published exactly once, by exactly one request; every other request gets 409 or "unchanged".
 */
abstract class ConcurrentApplyTests {
    private static final int REQUESTS = 8;

    private TestServer server;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        server = TestServer.start(database());
        assertThat(server.api().post("/api/v1/apply", server.adminToken(), Meshes.example()).status()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ofAppliesWithDifferentContentForTheSameNewVersionExactlyOneSucceedsAndTheOthersConflict() throws Exception {
        MeshBundle example = Meshes.example();
        List<Answer> answers = applyConcurrently(i -> Meshes.salesOrders(example, "1.3.0", "variant-" + i));
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).status() == 200) {
                winners.add(i);
            } else {
                assertThat(answers.get(i).status()).as(answers.get(i).toString()).isEqualTo(409);
                assertThat(answers.get(i).code()).isEqualTo("CONFLICT");
            }
        }
        report("different content", answers);
        assertThat(winners).as(answers.toString()).hasSize(1);
        JsonNode plan = answers.get(winners.getFirst()).json();
        assertThat(plan.path("applied").asBoolean()).isTrue();
        assertThat(salesOrdersChange(plan)).isEqualTo("change");
        assertPublishedOnce();
        String published = server.registry().catalog().getProductVersion("sales-orders", "1.3.0").document().text();
        assertThat(published).contains("variant-" + winners.getFirst() + "]");
        List<AuditEvent> failed = server.registry().audit().list(Principal.platformAdmin("test"),
                AuditFilter.all().withOutcome(AuditOutcome.FAILED), PageRequest.first(100)).items();
        assertThat(failed).extracting(AuditEvent::principal).as("every refused apply is audited")
                .containsExactlyInAnyOrderElementsOf(losers(winners.getFirst()));
    }

    @Test
    void ofAppliesWithTheSameNewVersionOnePublishesItAndNoneChangesItAgain() throws Exception {
        MeshBundle bumped = Meshes.salesOrders(Meshes.example(), "1.3.0", null);
        List<Answer> answers = applyConcurrently(i -> bumped);
        report("same content", answers);
        long published = answers.stream().filter(answer -> answer.status() == 200
                && salesOrdersChange(answer.json()).equals("change")).count();
        assertThat(published).as(answers.toString()).isEqualTo(1);
        assertThat(answers).allSatisfy(answer -> {
            if (answer.status() == 200) {
                assertThat(salesOrdersChange(answer.json())).isIn("change", "unchanged");
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
            }
        });
        assertPublishedOnce();
    }

    private List<Answer> applyConcurrently(IntFunction<MeshBundle> bundles) throws Exception {
        List<String> tokens = new ArrayList<>();
        List<MeshBundle> bodies = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            tokens.add(server.token("applier-" + i, Role.PLATFORM_ADMIN, null, null));
            bodies.add(bundles.apply(i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int request = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return server.api().post("/api/v1/apply", tokens.get(request), bodies.get(request));
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(5, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> losers(int winner) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            if (i != winner) {
                names.add("applier-" + i);
            }
        }
        return names;
    }

    private void assertPublishedOnce() {
        ProductDetail detail = server.registry().catalog().getProduct("sales-orders");
        assertThat(detail.versions()).extracting(version -> version.version()).containsExactly("1.3.0", "1.2.0");
        assertThat(detail.product().revision()).isEqualTo(2);
        List<AuditEvent> succeeded = server.registry().audit().list(Principal.platformAdmin("test"), AuditFilter.all()
                .withTarget("product/sales-orders").withOutcome(AuditOutcome.SUCCEEDED), PageRequest.first(100)).items();
        assertThat(succeeded).filteredOn(event -> "1.3.0".equals(event.details().get("toVersion"))).hasSize(1);
    }

    private static String salesOrdersChange(JsonNode plan) {
        for (JsonNode item : plan.path("items")) {
            if (item.path("kind").asText().equals("product") && item.path("id").asText().equals("sales-orders")) {
                return item.path("change").asText();
            }
        }
        return "(absent)";
    }

    /**
     * What happened, for the record: how many published, found nothing to change, or conflicted, and of the
     * conflicts how many lost at commit (on the primary key or a revision) rather than finding the version
     * already published when they planned.
     */
    private void report(String kind, List<Answer> answers) {
        long conflicts = answers.stream().filter(answer -> answer.status() == 409).count();
        long atCommit = answers.stream().filter(answer -> answer.status() == 409
                && answer.json().path("details").has("failed")).count();
        long changed = answers.stream().filter(answer -> answer.status() == 200 && salesOrdersChange(answer.json()).equals("change")).count();
        long unchanged = answers.stream().filter(answer -> answer.status() == 200
                && salesOrdersChange(answer.json()).equals("unchanged")).count();
        System.out.printf("concurrent applies on %s, %s: %d published, %d unchanged, %d conflicts (409; %d at commit,"
                + " %d at planning)%n", database().name(), kind, changed, unchanged, conflicts, atCommit, conflicts - atCommit);
    }
}
