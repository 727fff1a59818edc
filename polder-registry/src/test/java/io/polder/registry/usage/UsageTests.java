package io.polder.registry.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.ExampleMesh;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.Principal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage log: what is recorded comes back with its ports and columns; platform-admin and governance see
 * every query, a product's owners (by token scope or as named in mesh.yaml) its queries, everyone else their
 * own; per product, the counts per consumer.
 */
public abstract class UsageTests extends RegistryTestBase {
    private static final Principal ANALYST = Principal.consumer("analyst@acme.example");
    private static final Principal OTHER = Principal.consumer("other@acme.example");
    private static final Principal SALES_OWNER = Principal.domainOwner("sales-owner-token", "sales");
    private static final Principal DANA = Principal.consumer("dana@acme.example"); // owns the sales domain in mesh.yaml
    private static final Principal CUSTOMER_MEMBER = Principal.member("member-token", "customer-data-team");

    private UsageService usage;

    @BeforeEach
    void applyExampleMesh() {
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
        usage = registry.usage();
    }

    private QueryUsage query(Principal principal, String product, String port, UsageOutcome outcome, long rows) {
        return usage.record(new QueryUsage(null, clock.instant(), principal.name(), principal.role().value(), outcome,
                outcome == UsageOutcome.SUCCEEDED ? null : "FORBIDDEN", outcome == UsageOutcome.SUCCEEDED ? null : "no grant",
                "ab".repeat(32), rows, rows > 100, 12, List.of(new QueryUsage.PortRead(product, port, 1,
                        "\"" + product + "/" + port + "\".\"t\"", outcome == UsageOutcome.SUCCEEDED ? "snap-1" : null,
                        outcome == UsageOutcome.SUCCEEDED ? "g-1" : null, List.of("a", "b")))));
    }

    @Test
    void aRecordedQueryComesBackWithItsPortsAndColumns() {
        QueryUsage recorded = query(ANALYST, "sales-orders", "orders", UsageOutcome.SUCCEEDED, 150);
        Page<QueryUsage> page = usage.list(admin(), UsageFilter.all(), PageRequest.first());
        assertThat(page.items()).singleElement().isEqualTo(recorded);
        assertThat(recorded.id()).isNotNull();
        assertThat(recorded.truncated()).isTrue();
        assertThat(recorded.ports().getFirst().columns()).containsExactly("a", "b");
    }

    @Test
    void ownersSeeTheirProductsQueriesAndEveryoneTheirOwn() {
        query(ANALYST, "sales-orders", "orders", UsageOutcome.SUCCEEDED, 10);
        query(OTHER, "customer-profiles", "customers", UsageOutcome.DENIED, 0);
        query(OTHER, "sales-orders", "orders", UsageOutcome.SUCCEEDED, 5);

        assertThat(usage.list(admin(), UsageFilter.all(), PageRequest.first()).items()).hasSize(3);
        assertThat(usage.list(Principal.governance("gov"), UsageFilter.all(), PageRequest.first()).items()).hasSize(3);
        assertThat(usage.list(ANALYST, UsageFilter.all(), PageRequest.first()).items())
                .extracting(QueryUsage::principal).containsExactly(ANALYST.name());
        assertThat(usage.list(SALES_OWNER, UsageFilter.all(), PageRequest.first()).items())
                .allSatisfy(query -> assertThat(query.ports().getFirst().product()).isEqualTo("sales-orders")).hasSize(2);
        assertThat(usage.list(DANA, new UsageFilter("sales-orders", null, null), PageRequest.first()).items()).hasSize(2);
        assertThat(usage.list(CUSTOMER_MEMBER, UsageFilter.all(), PageRequest.first()).items())
                .extracting(QueryUsage::principal).containsExactly(OTHER.name());
        assertThat(usage.list(admin(), new UsageFilter(null, OTHER.name(), UsageOutcome.DENIED), PageRequest.first())
                .items()).hasSize(1);
    }

    @Test
    void aPageEndsWithACursorToTheNext() {
        for (int i = 0; i < 5; i++) {
            query(ANALYST, "sales-orders", "orders", UsageOutcome.SUCCEEDED, i);
            clock.advance(java.time.Duration.ofSeconds(1));
        }
        Page<QueryUsage> first = usage.list(ANALYST, UsageFilter.all(), PageRequest.first(3));
        Page<QueryUsage> second = usage.list(ANALYST, UsageFilter.all(), PageRequest.of(first.nextCursor(), 3));
        assertThat(first.items()).extracting(QueryUsage::rows).containsExactly(4L, 3L, 2L);
        assertThat(second.items()).extracting(QueryUsage::rows).containsExactly(1L, 0L);
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aProductsUsageCountsEachConsumersQueriesForItsOwnersAndOneLineForOthers() {
        query(ANALYST, "sales-orders", "orders", UsageOutcome.SUCCEEDED, 10);
        query(ANALYST, "sales-orders", "orders", UsageOutcome.DENIED, 0);
        query(OTHER, "sales-orders", "orders", UsageOutcome.SUCCEEDED, 5);
        query(OTHER, "customer-profiles", "customers", UsageOutcome.SUCCEEDED, 7);

        ProductUsage forOwner = usage.consumers(SALES_OWNER, "sales-orders");
        assertThat(forOwner.complete()).isTrue();
        assertThat(forOwner.consumers()).containsExactly(
                new ConsumerUsage(ANALYST.name(), 2, 1, 1, 0, 10, clock.instant()),
                new ConsumerUsage(OTHER.name(), 1, 1, 0, 0, 5, clock.instant()));
        ProductUsage forOther = usage.consumers(OTHER, "sales-orders");
        assertThat(forOther.complete()).isFalse();
        assertThat(forOther.consumers()).extracting(ConsumerUsage::consumer).containsExactly(OTHER.name());
        assertThatThrownBy(() -> usage.consumers(ANALYST, "no-such-product")).isInstanceOfSatisfying(PolderException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
