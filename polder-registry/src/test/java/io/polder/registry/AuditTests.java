package io.polder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The audit log: recording, filters, pagination, who may read it. */
abstract class AuditTests extends RegistryTestBase {
    private final Principal alice = Principal.domainOwner("alice", "sales");
    private final Principal bob = Principal.consumer("bob");

    private void recordSample() {
        registry.auditLog().record(alice, Action.APPLY_PRODUCT, "product/sales-orders", AuditOutcome.SUCCEEDED,
                Map.of("version", "1.0.0"));
        clock.advance(Duration.ofMinutes(1));
        registry.auditLog().record(bob, Action.APPLY_PRODUCT, "product/sales-orders", AuditOutcome.DENIED,
                Map.of("reason", "no"));
        clock.advance(Duration.ofMinutes(1));
        registry.auditLog().record(alice, Action.CHANGE_LIFECYCLE, "product/sales-orders", AuditOutcome.SUCCEEDED,
                Map.of());
        clock.advance(Duration.ofMinutes(1));
        registry.auditLog().record(alice, Action.APPLY_PRODUCT, "product/sales-daily", AuditOutcome.FAILED,
                Map.of("reason", "conflict"));
    }

    private List<AuditEvent> list(AuditFilter filter) {
        return registry.audit().list(admin(), filter, PageRequest.first(1000)).items();
    }

    @Test
    void eventsComeBackNewestFirstWithEverythingRecorded() {
        recordSample();
        List<AuditEvent> events = list(AuditFilter.all());
        assertThat(events).hasSize(4);
        assertThat(events).extracting(AuditEvent::time).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        AuditEvent oldest = events.get(3);
        assertThat(oldest.principal()).isEqualTo("alice");
        assertThat(oldest.role()).isEqualTo("domain-owner");
        assertThat(oldest.action()).isEqualTo("apply-product");
        assertThat(oldest.target()).isEqualTo("product/sales-orders");
        assertThat(oldest.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(oldest.time()).isEqualTo(START);
        assertThat(oldest.details()).containsEntry("version", "1.0.0");
    }

    @Test
    void everyFilterNarrowsTheList() {
        recordSample();
        assertThat(list(AuditFilter.all().withPrincipal("alice"))).hasSize(3);
        assertThat(list(AuditFilter.all().withPrincipal("nobody"))).isEmpty();
        assertThat(list(AuditFilter.all().withAction("change-lifecycle"))).hasSize(1);
        assertThat(list(AuditFilter.all().withTarget("product/sales-daily"))).hasSize(1);
        assertThat(list(AuditFilter.all().withOutcome(AuditOutcome.DENIED)))
                .singleElement().extracting(AuditEvent::principal).isEqualTo("bob");
        assertThat(list(AuditFilter.all().withPrincipal("alice").withAction("apply-product")
                .withOutcome(AuditOutcome.SUCCEEDED))).hasSize(1);
        Instant second = START.plus(Duration.ofMinutes(1));
        assertThat(list(AuditFilter.all().between(second, null))).hasSize(3);
        assertThat(list(AuditFilter.all().between(null, second))).hasSize(1);
        assertThat(list(AuditFilter.all().between(second, second.plus(Duration.ofMinutes(2))))).hasSize(2);
        assertThat(list(AuditFilter.all().withPrincipal("' OR '1'='1"))).isEmpty();
    }

    @Test
    void pagesHaveNoDuplicatesAndNoGaps() {
        Set<String> recorded = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            recorded.add(registry.auditLog().record(alice, Action.APPLY_PRODUCT, "product/p" + i,
                    AuditOutcome.SUCCEEDED, Map.of()).id());
        }
        List<String> seen = new ArrayList<>();
        PageRequest page = PageRequest.first(5);
        while (true) {
            Page<AuditEvent> result = registry.audit().list(admin(), AuditFilter.all(), page);
            result.items().forEach(event -> seen.add(event.id()));
            if (result.nextCursor() == null) {
                break;
            }
            page = new PageRequest(result.nextCursor(), 5);
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(recorded);
        assertThat(seen).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void onlyPlatformAdminAndGovernanceReadTheLog() {
        recordSample();
        assertThat(registry.audit().list(Principal.governance("gov"), AuditFilter.all(), PageRequest.first()).items())
                .hasSize(4);
        for (Principal principal : List.of(alice, bob, Principal.member("m", "team-a"))) {
            assertThatThrownBy(() -> registry.audit().list(principal, AuditFilter.all(), PageRequest.first()))
                    .hasMessageContaining("read-audit needs platform-admin or governance")
                    .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
        assertThat(list(AuditFilter.all().withAction("read-audit").withOutcome(AuditOutcome.DENIED))).hasSize(3);
    }

    @Test
    void badCursorsAndLimitsAreRefused() {
        assertThatThrownBy(() -> registry.audit().list(admin(), AuditFilter.all(), new PageRequest("not a cursor", 10)))
                .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        String productsCursor = Cursor.encode("products", "x");
        assertThatThrownBy(() -> registry.audit().list(admin(), AuditFilter.all(), new PageRequest(productsCursor, 10)))
                .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> PageRequest.first(0)).isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> PageRequest.first(1001)).isInstanceOf(PolderException.class);
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(50);
    }
}
