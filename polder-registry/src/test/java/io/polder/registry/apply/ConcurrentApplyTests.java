package io.polder.registry.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.ExampleMesh;
import io.polder.registry.PageRequest;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.ProductDetail;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Concurrent applies of the same new version. Of the applies that found the version new, exactly one
 * publishes it and the others get CONFLICT: the primary key decides, not a lock in this process. An
 * apply that starts after the version was published finds nothing to change.
 */
public abstract class ConcurrentApplyTests extends RegistryTestBase {
    private static final int THREADS = 8;

    private final MeshBundle example = ExampleMesh.bundle();
    private final MeshBundle bumped = ExampleMesh.withProduct(example, "sales/sales-orders",
            ExampleMesh.version("1.2.0", "1.3.0"));

    @Test
    void ofAppliesThatAllPlannedTheNewVersionExactlyOneSucceeds() throws Exception {
        registry.apply().apply(admin(), example, ApplyOptions.defaults());
        CyclicBarrier allPlanned = new CyclicBarrier(THREADS);
        ApplyService service = new ApplyService(registry.database(), registry.authorizer(), registry.auditLog(),
                clock, registry.policies(), registry.compliance(), plan -> await(allPlanned));
        List<ErrorCode> outcomes = runConcurrently(service);
        assertThat(outcomes.stream().filter(code -> code == null).count()).as(outcomes.toString()).isEqualTo(1);
        assertThat(outcomes.stream().filter(code -> code == ErrorCode.CONFLICT).count()).isEqualTo(THREADS - 1);
        assertPublishedOnce();
    }

    @Test
    void concurrentAppliesPublishAVersionOnceWhateverTheirTiming() throws Exception {
        registry.apply().apply(admin(), example, ApplyOptions.defaults());
        List<ErrorCode> outcomes = runConcurrently(registry.apply());
        assertThat(outcomes).as("each succeeds (publishing, or finding nothing to change) or conflicts")
                .allMatch(code -> code == null || code == ErrorCode.CONFLICT);
        assertPublishedOnce();
    }

    @Test
    void ofTwoAppliesThatPlannedAgainstTheSamePolicySetOnlyOneReplacesIt() throws Exception {
        MeshBundle withPolicies = ExampleMesh.withPolicies();
        registry.apply().apply(admin(), withPolicies, ApplyOptions.defaults());
        CyclicBarrier bothPlanned = new CyclicBarrier(2);
        ApplyService service = new ApplyService(registry.database(), registry.authorizer(), registry.auditLog(),
                clock, registry.policies(), registry.compliance(), plan -> await(bothPlanned));
        List<Future<ErrorCode>> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (String id : List.of("first-extra", "second-extra")) {
                List<io.polder.registry.governance.PolicyFile> files = new ArrayList<>(withPolicies.policies());
                files.add(new io.polder.registry.governance.PolicyFile("policies/" + id + ".yaml", """
                        apiVersion: polder/v1
                        kind: Policy
                        id: %s
                        version: 1.0.0
                        target: product
                        severity: warning
                        rule: 'true'
                        message: m
                        """.formatted(id)));
                outcomes.add(pool.submit(() -> {
                    try {
                        service.apply(admin(), withPolicies.withPolicies(files), ApplyOptions.defaults());
                        return null;
                    } catch (PolderException e) {
                        return e.code();
                    }
                }));
            }
            List<ErrorCode> codes = new ArrayList<>();
            for (Future<ErrorCode> outcome : outcomes) {
                codes.add(outcome.get(2, TimeUnit.MINUTES));
            }
            assertThat(codes).as(codes.toString()).containsExactlyInAnyOrder(null, ErrorCode.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        var list = registry.policies().list(admin());
        assertThat(list.revision()).isEqualTo(2);
        assertThat(list.policies()).filteredOn(policy -> policy.id().endsWith("-extra")).hasSize(1);
        assertThat(list.files()).hasSize(withPolicies.policies().size() + 1);
    }

    private void assertPublishedOnce() {
        ProductDetail detail = registry.catalog().getProduct("sales-orders");
        assertThat(detail.versions()).extracting(version -> version.version()).containsExactly("1.3.0", "1.2.0");
        assertThat(detail.product().revision()).isEqualTo(2);
        List<AuditEvent> published = registry.audit().list(admin(), AuditFilter.all()
                .withTarget("product/sales-orders").withOutcome(AuditOutcome.SUCCEEDED), PageRequest.first()).items();
        assertThat(published).filteredOn(event -> "1.3.0".equals(event.details().get("toVersion"))).hasSize(1);
        assertThat(registry.apply().plan(admin(), bumped, ApplyOptions.defaults()).hasChanges()).isFalse();
    }

    private List<ErrorCode> runConcurrently(ApplyService service) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<ErrorCode>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Principal principal = Principal.platformAdmin("admin-" + i);
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        service.apply(principal, bumped, ApplyOptions.defaults());
                        return null;
                    } catch (PolderException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
            List<ErrorCode> outcomes = new ArrayList<>();
            for (Future<ErrorCode> future : futures) {
                outcomes.add(future.get(2, TimeUnit.MINUTES));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the applies did not all plan", e);
        }
    }

}
