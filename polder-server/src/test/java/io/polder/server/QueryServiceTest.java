package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.GatewaySettings;
import io.polder.gateway.QueryRefusedException;
import io.polder.gateway.QueryResult;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowCollector;
import io.polder.gateway.RowSink;
import io.polder.registry.PageRequest;
import io.polder.registry.access.Grant;
import io.polder.registry.access.GrantSet;
import io.polder.registry.access.GranteeKind;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.auth.Principal;
import io.polder.registry.usage.QueryUsage;
import io.polder.registry.usage.UsageFilter;
import io.polder.registry.usage.UsageOutcome;
import io.polder.server.query.MaskKey;
import io.polder.server.query.QueryLimits;
import io.polder.server.query.QueryService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query service over a real registry and real published snapshots, with grants from a hand-written source
 * (what the access service answers is tested with it elsewhere): grants become relations under both names,
 * masked by the contract's classification less what the grant unmasks, filtered by its row filter; lapsed grants
 * and unpublished ports are refused clearly; every query is audited and counted; queries beyond the bound wait
 * and are then refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryServiceTest {
    private static final Principal ANALYST = Principal.consumer("analyst@acme.example");
    private static final Principal ADMIN = Principal.platformAdmin("query-test-admin");
    private static final String CUSTOMERS = "\"customer-profiles/customers\".customers";

    private final AtomicReference<GrantSet> grants = new AtomicReference<>(new GrantSet(List.of(), List.of()));
    private QueryFixture fixture;
    private QueryService queries;

    @BeforeAll
    void start() {
        fixture = QueryFixture.start(TestDatabase.sqlite());
        queries = service(QueryLimits.defaults());
    }

    @AfterAll
    void stop() {
        try {
            queries.close();
        } finally {
            fixture.close();
        }
    }

    private QueryService service(QueryLimits limits) {
        GatewaySettings settings = GatewaySettings.defaults(fixture.server.dataDir().resolve("gateway-test-tmp"),
                MaskKey.loadOrCreate(fixture.server.dataDir()));
        return QueryService.create(fixture.server.registry(), (principal, now) -> principal.equals(ANALYST) ? grants.get()
                : new GrantSet(List.of(), List.of()), fixture.server.server().engine(), settings, limits, Clock.systemUTC());
    }

    private static Grant grant(String id, String product, String port, List<String> unmasked, String rowFilter) {
        return new Grant(id, product, port, GranteeKind.PRINCIPAL, ANALYST.name(), "tests", unmasked, rowFilter,
                Instant.now().minusSeconds(60), null, null, "request-" + id, "dana@acme.example");
    }

    private RowCollector query(String sql) {
        RowCollector rows = new RowCollector();
        queries.execute(ANALYST, queries.request(ANALYST, sql, null, null), rows);
        return rows;
    }

    @Test
    void aGrantShowsThePortsTablesUnderBothNamesMaskedAsTheContractClassifiesThem() {
        grants.set(new GrantSet(List.of(grant("g-customers", "customer-profiles", "customers", List.of(), null)), List.of()));
        RowCollector rows = query("SELECT customer_id, email, date_of_birth, country_code FROM " + CUSTOMERS
                + " ORDER BY customer_id LIMIT 5");
        assertThat(rows.rows()).hasSize(5);
        assertThat(rows.column("email")).allSatisfy(email -> assertThat((String) email).matches("[0-9a-f]{64}"));
        assertThat(rows.column("date_of_birth")).containsOnlyNulls();
        assertThat(rows.column("country_code")).allSatisfy(code -> assertThat((String) code).matches("[A-Z]{2}"));
        RowCollector versioned = query("SELECT count(*) AS n FROM \"customer-profiles/customers/v2\".customers");
        RowCollector current = query("SELECT count(*) AS n FROM " + CUSTOMERS);
        assertThat(versioned.rows()).isEqualTo(current.rows());
        assertThat((Long) current.rows().getFirst().getFirst()).isGreaterThan(500L);
    }

    @Test
    void theGrantsUnmaskedColumnsAndRowFilterApply() {
        grants.set(new GrantSet(List.of(grant("g-nl", "customer-profiles", "customers", List.of("email"),
                "country_code = 'NL'")), List.of()));
        RowCollector rows = query("SELECT email, phone, country_code FROM " + CUSTOMERS);
        assertThat(rows.rows()).isNotEmpty();
        assertThat(rows.column("country_code")).containsOnly("NL");
        assertThat(rows.column("email")).allSatisfy(email -> assertThat((String) email).contains("@"));
        assertThat(rows.column("phone")).allSatisfy(phone -> assertThat(phone == null || ((String) phone).matches("[0-9a-f]{64}")).isTrue());
    }

    @Test
    void ofTwoGrantsOnAPortTheLeastRestrictedApplies() {
        grants.set(new GrantSet(List.of(grant("g-filtered", "customer-profiles", "customers", List.of(), "country_code = 'NL'"),
                grant("g-all", "customer-profiles", "customers", List.of(), null)), List.of()));
        QueryResult result = queries.execute(ANALYST, queries.request(ANALYST, "SELECT DISTINCT country_code FROM "
                + CUSTOMERS, null, null), new RowCollector());
        assertThat(result.rowCount()).isGreaterThan(1);
        assertThat(result.decision().relations().getFirst().grant()).isEqualTo("g-all");
    }

    @Test
    void aRevokedGrantIsRefusedWithWhenAndTheCommandToAskAgain() {
        Grant revoked = new Grant("g-old", "customer-profiles", "customers", GranteeKind.PRINCIPAL, ANALYST.name(), "t",
                List.of(), null, Instant.parse("2026-01-01T00:00:00Z"), null, Instant.parse("2026-02-01T00:00:00Z"),
                "r", "dana@acme.example");
        grants.set(new GrantSet(List.of(), List.of(revoked)));
        assertThatThrownBy(() -> query("SELECT * FROM " + CUSTOMERS))
                .isInstanceOf(QueryRefusedException.class)
                .hasMessageContaining("revoked at 2026-02-01T00:00:00Z")
                .hasMessageContaining("polder access request customer-profiles/customers");
    }

    @Test
    void aGrantedPortThatPublishedNothingIsSaidToBeUnpublished() {
        grants.set(new GrantSet(List.of(grant("g-revenue", "sales-daily-revenue", "daily-revenue", List.of(), null)), List.of()));
        assertThatThrownBy(() -> query("SELECT * FROM \"sales-daily-revenue/daily-revenue\".daily_revenue"))
                .isInstanceOfSatisfying(PolderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
                .hasMessageContaining("published no data yet")
                .hasMessageContaining("polder build sales-daily-revenue");
    }

    @Test
    void describeGivesTheColumnsWithoutRowsAndIsAuditedButNotCounted() {
        grants.set(new GrantSet(List.of(grant("g-orders", "sales-orders", "orders", List.of(), null)), List.of()));
        List<ResultColumn> columns = queries.describe(ANALYST, "SELECT order_id, gross_amount FROM \"sales-orders/orders\".orders");
        assertThat(columns).extracting(ResultColumn::name).containsExactly("order_id", "gross_amount");
        queries.awaitRecorded();
        List<AuditEvent> events = fixture.server.registry().audit().list(ADMIN, new AuditFilter(ANALYST.name(),
                "query-data", null, null, null, null), PageRequest.first(1)).items();
        assertThat(events.getFirst().details()).containsEntry("describe", "true").doesNotContainKey("usageId");
    }

    @Test
    void everyQueryIsAuditedWithItsMasksAndCountedWithTheColumnsItRead() {
        grants.set(new GrantSet(List.of(grant("g-audit", "customer-profiles", "customers", List.of(), "country_code = 'BE'")),
                List.of()));
        query("SELECT customer_id, email FROM " + CUSTOMERS + " WHERE loyalty_tier IS NOT NULL");
        assertThatThrownBy(() -> query("SELECT * FROM \"sales-orders/orders\".orders")).isInstanceOf(QueryRefusedException.class);
        queries.awaitRecorded();

        List<QueryUsage> usage = fixture.server.registry().usage().list(ADMIN, new UsageFilter(null, ANALYST.name(), null),
                PageRequest.first(2)).items();
        QueryUsage refused = usage.get(0);
        QueryUsage allowed = usage.get(1);
        assertThat(refused.outcome()).isEqualTo(UsageOutcome.DENIED);
        assertThat(refused.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(refused.ports()).singleElement().satisfies(port -> assertThat(port.product()).isEqualTo("sales-orders"));
        assertThat(allowed.outcome()).isEqualTo(UsageOutcome.SUCCEEDED);
        assertThat(allowed.rows()).isPositive();
        assertThat(allowed.ports()).singleElement().satisfies(port -> {
            assertThat(port.relation()).isEqualTo("\"customer-profiles/customers\".\"customers\"");
            assertThat(port.majorVersion()).isEqualTo(2);
            assertThat(port.grant()).isEqualTo("g-audit");
            assertThat(port.columns()).containsExactly("customer_id", "email", "loyalty_tier");
        });

        List<AuditEvent> events = fixture.server.registry().audit().list(ADMIN, new AuditFilter(ANALYST.name(),
                "query-data", null, null, null, null), PageRequest.first(2)).items();
        assertThat(events.get(0).outcome().value()).isEqualTo("denied");
        assertThat(events.get(0).details().get("reason")).contains("polder access request sales-orders/orders");
        AuditEvent allowedEvent = events.get(1);
        assertThat(allowedEvent.outcome().value()).isEqualTo("succeeded");
        assertThat(allowedEvent.target()).isEqualTo("port/customer-profiles/customers/v2");
        assertThat(allowedEvent.details().get("masks")).contains("email=hash").contains("date_of_birth=null");
        assertThat(allowedEvent.details().get("rowFilters")).contains("country_code = 'BE'");
        assertThat(allowedEvent.details().get("usageId")).isEqualTo(allowed.id());
    }

    @Test
    void aQueryBeyondTheBoundWaitsThenIsRefusedWhileTheOtherRuns() throws Exception {
        grants.set(new GrantSet(List.of(grant("g-bound", "sales-orders", "orders", List.of(), null)), List.of()));
        try (QueryService bounded = service(QueryLimits.defaults().withConcurrentQueries(1).withAdmissionWait(Duration.ZERO))) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            RowSink holding = new RowSink() {
                @Override
                public void start(List<ResultColumn> columns) {
                    started.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void row(Object[] values) throws IOException {
                }
            };
            String sql = "SELECT order_id FROM \"sales-orders/orders\".orders";
            CompletableFuture<QueryResult> first = CompletableFuture.supplyAsync(() ->
                    bounded.execute(ANALYST, bounded.request(ANALYST, sql, null, null), holding));
            assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> bounded.execute(ANALYST, bounded.request(ANALYST, sql, null, null), new RowCollector()))
                    .isInstanceOfSatisfying(PolderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                    .hasMessageContaining("try again");
            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).rowCount()).isPositive();
            RowCollector after = new RowCollector();
            bounded.execute(ANALYST, bounded.request(ANALYST, sql, 3L, null), after);
            assertThat(after.rows()).as("the slot is free again").hasSize(3);
        }
    }
}
