package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.ColumnMask;
import io.polder.gateway.GatewaySettings;
import io.polder.gateway.QueryDecision;
import io.polder.gateway.QueryRefusedException;
import io.polder.registry.PageRequest;
import io.polder.registry.access.Grant;
import io.polder.registry.access.GrantSet;
import io.polder.registry.access.GranteeKind;
import io.polder.registry.auth.Principal;
import io.polder.registry.usage.UsageFilter;
import io.polder.server.query.GrantSource;
import io.polder.server.query.MaskKey;
import io.polder.server.query.QueryLimits;
import io.polder.server.query.QueryService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link QueryService#authorize}, the dry run: the same looked-up view and checks as a query, over a real registry
 * and real published snapshots, with a grant source that records what it is asked: the grants of the ports the
 * query names, one read each, never the principal's whole list; nothing audited or counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryServiceAuthorizeTest {
    private static final Principal ANALYST = Principal.consumer("dry-run@acme.example");
    private static final Principal ADMIN = Principal.platformAdmin("authorize-test-admin");

    /** Every question the service asks the source: "all" or "PRODUCT/PORT". */
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final List<Grant> held = new CopyOnWriteArrayList<>();
    private QueryFixture fixture;
    private QueryService queries;

    @BeforeAll
    void start() {
        fixture = QueryFixture.start(TestDatabase.sqlite());
        GatewaySettings settings = GatewaySettings.defaults(fixture.server.dataDir().resolve("authorize-test-tmp"),
                MaskKey.loadOrCreate(fixture.server.dataDir()));
        GrantSource recording = new GrantSource() {
            @Override
            public GrantSet grantsFor(Principal principal, Instant now) {
                asked.add("all");
                return new GrantSet(List.copyOf(held), List.of());
            }

            @Override
            public GrantSet grantsOn(Principal principal, Instant now, String product, String port) {
                asked.add(product + "/" + port);
                return new GrantSet(held.stream().filter(grant -> grant.product().equals(product)
                        && grant.port().equalsIgnoreCase(port)).toList(), List.of());
            }
        };
        queries = QueryService.create(fixture.server.registry(), recording, fixture.server.server().engine(), settings,
                QueryLimits.defaults(), Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        try {
            queries.close();
        } finally {
            fixture.close();
        }
    }

    @BeforeEach
    void reset() {
        asked.clear();
        held.clear();
    }

    private static Grant grant(String id, String product, String port) {
        return new Grant(id, product, port, GranteeKind.PRINCIPAL, ANALYST.name(), "tests", List.of(), null,
                Instant.now().minusSeconds(60), null, null, "request-" + id, "dana@acme.example");
    }

    @Test
    void aGrantedQueryIsAllowedWithItsRelationsMasksAndGrantsReadingOnlyTheNamedPortsOnce() {
        held.add(grant("g-orders", "sales-orders", "orders"));
        held.add(grant("g-customers", "customer-profiles", "customers"));
        held.add(grant("g-other", "sales-daily-revenue", "daily-revenue"));
        QueryDecision decision = queries.authorize(ANALYST, queries.request(ANALYST, "SELECT o.order_id, c.email"
                + " FROM \"sales-orders/orders\".orders o JOIN \"sales-orders/orders\".order_lines l USING (order_id)"
                + " JOIN \"customer-profiles/customers\".customers c USING (customer_id)", null, null));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.principal()).isEqualTo(ANALYST.name());
        assertThat(decision.relations()).extracting(QueryDecision.RelationUse::grant)
                .containsExactlyInAnyOrder("g-orders", "g-orders", "g-customers");
        assertThat(decision.relations()).filteredOn(use -> use.port().startsWith("customer-profiles"))
                .singleElement().satisfies(use -> assertThat(use.masks()).containsEntry("email", ColumnMask.HASH));
        assertThat(asked).containsExactlyInAnyOrder("sales-orders/orders", "customer-profiles/customers");
    }

    @Test
    void anUngrantedRelationIsRefusedAsTheQueryWouldBe() {
        held.add(grant("g-orders", "sales-orders", "orders"));
        assertThatThrownBy(() -> queries.authorize(ANALYST, queries.request(ANALYST,
                "SELECT * FROM \"customer-profiles/customers\".customers", null, null)))
                .isInstanceOfSatisfying(QueryRefusedException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    assertThat(e.decision().allowed()).isFalse();
                })
                .hasMessageContaining("polder access request customer-profiles/customers");
        assertThat(asked).startsWith("customer-profiles/customers");
    }

    @Test
    void aGrantedPortThatPublishedNothingIsSaidToBeUnpublished() {
        held.add(grant("g-revenue", "sales-daily-revenue", "daily-revenue"));
        assertThatThrownBy(() -> queries.authorize(ANALYST, queries.request(ANALYST,
                "SELECT * FROM \"sales-daily-revenue/daily-revenue\".daily_revenue", null, null)))
                .isInstanceOfSatisfying(PolderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("published no data yet");
    }

    @Test
    void aDryRunIsNeitherAuditedNorCounted() {
        held.add(grant("g-orders", "sales-orders", "orders"));
        queries.authorize(ANALYST, queries.request(ANALYST, "SELECT count(*) FROM \"sales-orders/orders\".orders",
                null, null));
        queries.awaitRecorded();
        assertThat(fixture.server.registry().usage().list(ADMIN, new UsageFilter(null, ANALYST.name(), null),
                PageRequest.first(10)).items()).isEmpty();
        assertThat(fixture.server.registry().audit().list(ADMIN, new io.polder.registry.audit.AuditFilter(ANALYST.name(),
                "query-data", null, null, null, null), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void theRequestMustBeThePrincipals() {
        assertThatThrownBy(() -> queries.authorize(ADMIN, queries.request(ANALYST, "SELECT 1", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
