package io.polder.registry.access;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.ExampleMesh;
import io.polder.registry.PageRequest;
import io.polder.registry.Registry;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.Principal;
import io.polder.registry.store.Ids;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One pending request per grantee and port, kept by the database (migration V6's partial unique index) rather
 * than by a look before the insert: requests made at the same instant, on SQLite and on PostgreSQL, leave
 * exactly one pending; a store that holds duplicates from before V6 keeps the oldest.
 */
public abstract class PendingRequestTests extends RegistryTestBase {
    private static final String CUSTOMERS = AccessTests.CUSTOMERS;
    private static final Principal CARLA = AccessTests.CARLA;
    private static final Principal CHEN = AccessTests.CHEN;
    private static final int THREADS = 8;

    @BeforeEach
    void applyExample() {
        registry.apply().apply(admin(), ExampleMesh.bundleWithPlatformFiles(), ApplyOptions.defaults());
    }

    @Test
    void requestsForTheSamePortAtTheSameInstantLeaveExactlyOnePending() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Callable<AccessRequest>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String purpose = "churn model " + i;
            calls.add(() -> {
                start.await(1, TimeUnit.MINUTES);
                return registry.access().request(CARLA, NewAccessRequest.of(CUSTOMERS, purpose, 30));
            });
        }
        List<AccessRequest> opened = new ArrayList<>();
        List<PolderException> refused = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (Future<AccessRequest> outcome : pool.invokeAll(calls)) {
                try {
                    opened.add(outcome.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(PolderException.class);
                    refused.add((PolderException) e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(opened).hasSize(1);
        String winner = opened.get(0).id();
        assertThat(refused).hasSize(THREADS - 1).allSatisfy(conflict -> {
            assertThat(conflict.code()).as(conflict.getMessage()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(conflict.details()).containsEntry("requestId", winner);
            assertThat(conflict.getMessage()).contains("pending request for " + CUSTOMERS, winner);
        });
        assertThat(pending()).extracting(AccessRequest::id).containsExactly(winner);
    }

    @Test
    void theDatabaseRefusesASecondPendingRowButNotARequestAfterADecision() {
        AccessRequest first = registry.access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 30));
        AccessRequest copy = copyOf(first, new Ids(clock).next());
        Throwable refused = catchThrowable(() -> registry.database().writeVoid(handle -> insert(handle, copy)));
        assertThat(registry.database().isUniqueViolation(refused)).as(String.valueOf(refused)).isTrue();

        registry.access().reject(CHEN, first.id(), "not for churn");
        clock.advance(Duration.ofMinutes(1));
        AccessRequest again = registry.access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 30));
        assertThat(pending()).extracting(AccessRequest::id).containsExactly(again.id());
        PolderException twice = failure(() -> registry.access().request(CARLA,
                NewAccessRequest.of(CUSTOMERS, "another purpose", 60)), ErrorCode.CONFLICT);
        assertThat(twice.details()).containsEntry("requestId", again.id());
    }

    @Test
    void migratingAStoreWithDuplicatesKeepsTheOldestPendingAndRejectsTheOthers() {
        AccessRequest oldest = registry.access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 30));
        AccessRequest other = registry.access().request(AccessTests.ERIK, NewAccessRequest.of(CUSTOMERS, "report", 30));
        // the store as it was before V6 (and so before V7 and V8), with two later duplicates of Carla's request
        registry.database().writeVoid(handle -> {
            handle.execute("DROP INDEX access_requests_one_pending");
            undoComplianceGeneration(handle, registry.database().dialect().name());
            handle.execute("DROP INDEX runs_one_active_build");
            handle.execute("DROP TABLE runners");
            handle.execute("DELETE FROM flyway_schema_history WHERE version IN ('6', '7', '8')");
        });
        Ids ids = new Ids(clock);
        List<AccessRequest> duplicates = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clock.advance(Duration.ofSeconds(1));
            duplicates.add(copyOf(oldest, ids.next()));
        }
        registry.database().writeVoid(handle -> duplicates.forEach(duplicate -> insert(handle, duplicate)));
        registry.close();

        registry = Registry.open(jdbcUrl, clock);

        assertThat(pending()).extracting(AccessRequest::id).containsExactlyInAnyOrder(oldest.id(), other.id());
        for (AccessRequest duplicate : duplicates) {
            AccessRequest closed = registry.access().getRequest(admin(), duplicate.id());
            assertThat(closed.state()).isEqualTo(AccessRequestState.REJECTED);
            assertThat(closed.decidedBy()).isEqualTo(Principal.SYSTEM.name());
            assertThat(closed.decidedAt()).isEqualTo(duplicate.requestedAt());
            assertThat(closed.decisionReason()).contains("duplicate of pending request " + oldest.id());
            assertThat(closed.grantId()).isNull();
        }
        failure(() -> registry.access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "again", 30)),
                ErrorCode.CONFLICT);
        Throwable refused = catchThrowable(() -> registry.database().writeVoid(handle ->
                insert(handle, copyOf(oldest, ids.next()))));
        assertThat(registry.database().isUniqueViolation(refused)).as(String.valueOf(refused)).isTrue();
    }

    private List<AccessRequest> pending() {
        return registry.access().listRequests(admin(), new AccessFilter(null, AccessRequestState.PENDING, false),
                PageRequest.first()).items();
    }

    private AccessRequest copyOf(AccessRequest request, String id) {
        return new AccessRequest(id, request.product(), request.port(), request.granteeKind(), request.grantee(),
                request.purpose(), request.durationDays(), request.unmaskColumns(), request.rowScope(), null, null,
                AccessRequestState.PENDING, request.requestedBy(), clock.instant(), null, null, null, null);
    }

    /** The row as {@link AccessService} writes it, without the service: what another transaction could commit. */
    private static void insert(org.jdbi.v3.core.Handle handle, AccessRequest request) {
        handle.createUpdate(AccessService.INSERT_REQUEST).bind("id", request.id()).bind("product", request.product())
                .bind("port", request.port()).bind("granteeKind", request.granteeKind().value())
                .bind("grantee", request.grantee()).bind("purpose", request.purpose())
                .bind("days", request.durationDays()).bind("unmask", "[]").bind("rowScope", request.rowScope())
                .bind("consumerProduct", (String) null).bind("inputPort", (String) null)
                .bind("by", request.requestedBy()).bind("now", request.requestedAt().toEpochMilli()).execute();
    }

    /** Undoes V7 (db/dialect/NAME): its triggers, its function on PostgreSQL, its table. */
    private static void undoComplianceGeneration(org.jdbi.v3.core.Handle handle, String dialect) {
        if (dialect.equals("postgresql")) {
            handle.execute("DROP FUNCTION compliance_generation_bump() CASCADE");
        } else {
            handle.createQuery("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%compliance_generation'")
                    .mapTo(String.class).list().forEach(trigger -> handle.execute("DROP TRIGGER " + trigger));
        }
        handle.execute("DROP TABLE compliance_generation");
    }
}
