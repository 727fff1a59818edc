package io.polder.registry.access;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.ExampleMesh;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.audit.AuditEvent;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Access requests on the example mesh: who may request and decide, the grants decisions make, expiry and
 * revocation as {@code grantsFor} sees them, the owners' implicit access, visibility, audit and bad input.
 */
public abstract class AccessTests extends RegistryTestBase {
    static final String CUSTOMERS = "customer-profiles/customers";
    static final Principal CARLA = Principal.consumer("carla@example.org");
    static final Principal ERIK = Principal.consumer("erik@example.org");
    static final Principal CHEN = Principal.domainOwner("chen@acme.example", "customer");
    static final Principal SOFIA = Principal.member("sofia@acme.example", "customer-data-team");
    static final Principal DANA = Principal.domainOwner("dana@acme.example", "sales");
    static final Principal LENA = Principal.member("lena@acme.example", "sales-analytics-team");
    static final Principal GOVERNANCE = Principal.governance("gwen@acme.example");

    @BeforeEach
    void applyExample() {
        registry.apply().apply(admin(), ExampleMesh.bundleWithPlatformFiles(), ApplyOptions.defaults());
    }

    private AccessService access() {
        return registry.access();
    }

    @Test
    void aRequestApprovedByAnOwnerBecomesAGrantThatExpiresByItself() {
        assertThat(access().grantsFor(CARLA, clock.instant()).active()).isEmpty();
        AccessRequest request = access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 90)
                .withUnmask(List.of("email")).withRowScope("Dutch customers only"));
        assertThat(request.state()).isEqualTo(AccessRequestState.PENDING);
        assertThat(request.granteeKind()).isEqualTo(GranteeKind.PRINCIPAL);
        assertThat(request.grantee()).isEqualTo(CARLA.name());
        assertThat(request.unmaskColumns()).containsExactly("email");
        assertThat(request.rowScope()).isEqualTo("Dutch customers only");
        assertThat(access().inbox(CHEN).pending()).extracting(AccessRequest::id).containsExactly(request.id());
        assertThat(access().inbox(SOFIA).pending()).extracting(AccessRequest::id).containsExactly(request.id());
        assertThat(access().inbox(DANA).pending()).isEmpty();
        assertThat(access().grantsFor(CARLA, clock.instant()).active()).isEmpty();

        clock.advance(Duration.ofHours(1));
        AccessRequest approved = access().approve(CHEN, request.id(),
                Approval.asRequested().withRowFilter("country_code = 'NL'"));
        assertThat(approved.state()).isEqualTo(AccessRequestState.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo(CHEN.name());
        assertThat(access().inbox(CHEN).pending()).isEmpty();

        GrantSet grants = access().grantsFor(CARLA, clock.instant());
        assertThat(grants.active()).singleElement().satisfies(grant -> {
            assertThat(grant.id()).isEqualTo(approved.grantId());
            assertThat(grant.product()).isEqualTo("customer-profiles");
            assertThat(grant.port()).isEqualTo("customers");
            assertThat(grant.granteeKind()).isEqualTo(GranteeKind.PRINCIPAL);
            assertThat(grant.grantee()).isEqualTo(CARLA.name());
            assertThat(grant.purpose()).isEqualTo("churn model");
            assertThat(grant.unmaskedColumns()).containsExactly("email");
            assertThat(grant.rowFilter()).isEqualTo("country_code = 'NL'");
            assertThat(grant.grantedAt()).isEqualTo(clock.instant());
            assertThat(grant.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(90)));
            assertThat(grant.requestId()).isEqualTo(request.id());
            assertThat(grant.grantedBy()).isEqualTo(CHEN.name());
        });
        assertThat(grants.lapsed()).isEmpty();

        clock.advance(Duration.ofDays(90));
        GrantSet later = access().grantsFor(CARLA, clock.instant());
        assertThat(later.active()).isEmpty();
        assertThat(later.lapsed()).extracting(Grant::id).containsExactly(approved.grantId());
        assertThat(access().grantsFor(CARLA, clock.instant().minusMillis(1)).active()).hasSize(1);
    }

    @Test
    void theApproverMayNarrowWhatWasRequested() {
        AccessRequest request = access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 90)
                .withUnmask(List.of("email", "phone")));
        AccessRequest approved = access().approve(SOFIA, request.id(), Approval.asRequested()
                .withUnmask(List.of()).withDays(7));
        Grant grant = access().getGrant(CARLA, approved.grantId());
        assertThat(grant.unmaskedColumns()).isEmpty();
        assertThat(grant.rowFilter()).isNull();
        assertThat(grant.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
    }

    @Test
    void aRevokedGrantStopsWorkingAtOnce() {
        Grant grant = approvedGrant(CARLA);
        failure(() -> access().revoke(SOFIA, grant.id(), " "), ErrorCode.INVALID_ARGUMENT);
        Grant revoked = access().revoke(SOFIA, grant.id(), "the model is done");
        assertThat(revoked.revokedAt()).isEqualTo(clock.instant());
        GrantSet grants = access().grantsFor(CARLA, clock.instant());
        assertThat(grants.active()).isEmpty();
        assertThat(grants.lapsed()).singleElement().satisfies(lapsed -> assertThat(lapsed.revokedAt()).isNotNull());
        PolderException again = failure(() -> access().revoke(CHEN, grant.id(), "twice"), ErrorCode.CONFLICT);
        assertThat(again.getMessage()).contains("revoked already");
        failure(() -> access().revoke(LENA, grant.id(), "not mine"), ErrorCode.FORBIDDEN);
        failure(() -> access().revoke(CHEN, "owner:customer-profiles/customers", "no"), ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void theNewestLapsedGrantPerPortIsKept() {
        Grant first = approvedGrant(CARLA);
        access().revoke(CHEN, first.id(), "first round over");
        clock.advance(Duration.ofMinutes(1));
        Grant second = approvedGrant(CARLA);
        clock.advance(Duration.ofDays(91));
        GrantSet grants = access().grantsFor(CARLA, clock.instant());
        assertThat(grants.active()).isEmpty();
        assertThat(grants.lapsed()).extracting(Grant::id).containsExactly(second.id());
    }

    @Test
    void aRejectionCarriesItsReasonAndEndsTheRequest() {
        AccessRequest request = access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "curiosity", 30));
        failure(() -> access().reject(CHEN, request.id(), ""), ErrorCode.INVALID_ARGUMENT);
        AccessRequest rejected = access().reject(CHEN, request.id(), "not a purpose the privacy notice covers");
        assertThat(rejected.state()).isEqualTo(AccessRequestState.REJECTED);
        assertThat(rejected.decisionReason()).isEqualTo("not a purpose the privacy notice covers");
        assertThat(rejected.grantId()).isNull();
        failure(() -> access().reject(CHEN, request.id(), "again"), ErrorCode.CONFLICT);
        failure(() -> access().approve(CHEN, request.id(), Approval.asRequested()), ErrorCode.CONFLICT);
        assertThat(access().grantsFor(CARLA, clock.instant()).active()).isEmpty();
        // decided, so the same request may be made again
        assertThat(access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 30)).state())
                .isEqualTo(AccessRequestState.PENDING);
    }

    @Test
    void onlyAdminsAndTheProductsOwnersDecide() {
        AccessRequest request = access().request(CARLA, NewAccessRequest.of("sales-orders/orders", "churn model", 90));
        PolderException refused = failure(() -> access().approve(LENA, request.id(), Approval.asRequested()),
                ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).contains("decide-access", "sales", "lena@acme.example");
        failure(() -> access().approve(GOVERNANCE, request.id(), Approval.asRequested()), ErrorCode.FORBIDDEN);
        failure(() -> access().approve(CHEN, request.id(), Approval.asRequested()), ErrorCode.FORBIDDEN);
        failure(() -> access().approve(ERIK, request.id(), Approval.asRequested()), ErrorCode.FORBIDDEN);
        failure(() -> access().approve(CARLA, request.id(), Approval.asRequested()), ErrorCode.FORBIDDEN);
        List<AuditEvent> denied = registry.audit().list(admin(), AuditFilter.all().withAction("decide-access")
                .withOutcome(AuditOutcome.DENIED), PageRequest.first()).items();
        assertThat(denied).hasSize(5).allSatisfy(event -> assertThat(event.target())
                .isEqualTo("access-request/" + request.id()));
        // mesh.yaml names omar a member of the owning team, whatever role his token carries
        AccessRequest approved = access().approve(Principal.consumer("omar@acme.example"), request.id(),
                Approval.asRequested());
        assertThat(approved.state()).isEqualTo(AccessRequestState.APPROVED);

        AccessRequest another = access().request(ERIK, NewAccessRequest.of("sales-orders/orders", "forecast", 30));
        assertThat(access().approve(admin(), another.id(), Approval.asRequested()).state())
                .isEqualTo(AccessRequestState.APPROVED);
        assertThat(access().inbox(admin()).pending()).isEmpty();
    }

    @Test
    void ownersReadTheirProductsPortsWithoutAGrantAndAdminsDoNot() {
        assertThat(access().grantsFor(DANA, clock.instant()).active()).extracting(Grant::id)
                .contains("owner:sales-orders/orders", "owner:sales-daily-revenue/daily-revenue")
                .noneMatch(id -> id.startsWith("owner:customer"));
        assertThat(access().grantsFor(Principal.member("omar@acme.example", "sales-order-team"), clock.instant())
                .active()).extracting(Grant::id).containsExactly("owner:sales-orders/orders");
        // by name: lena is listed as a member of sales-analytics-team (whose product reads sales-orders, granted)
        assertThat(access().grantsFor(Principal.consumer("lena@acme.example"), clock.instant()).active())
                .extracting(Grant::id).filteredOn(id -> id.startsWith("owner:"))
                .containsExactly("owner:sales-daily-revenue/daily-revenue");
        Grant owner = access().grantsFor(LENA, clock.instant()).active().stream()
                .filter(grant -> grant.id().startsWith("owner:")).findFirst().orElseThrow();
        assertThat(owner.requestId()).isNull();
        assertThat(owner.unmaskedColumns()).isEmpty();
        assertThat(owner.rowFilter()).isNull();
        assertThat(owner.expiresAt()).isNull();
        assertThat(access().grantsFor(admin(), clock.instant()).active()).isEmpty();
        assertThat(access().grantsFor(Principal.platformAdmin("dana@acme.example"), clock.instant()).active()).isEmpty();
        assertThat(access().grantsFor(GOVERNANCE, clock.instant()).active()).isEmpty();
        assertThat(access().grantsFor(CARLA, clock.instant()).active()).isEmpty();
    }

    @Test
    void decidableAmongNamesExactlyTheProductsWhoseDecisionsAreAccepted() {
        List<AccessRequest> pending = new java.util.ArrayList<>();
        for (OutputPort port : access().outputPorts().list()) {
            if (pending.stream().noneMatch(request -> request.product().equals(port.product()))) {
                pending.add(access().request(CARLA, NewAccessRequest.of(port.address(), "one per product", 30)));
            }
        }
        assertThat(pending).extracting(AccessRequest::product).contains("sales-orders", "customer-profiles");
        List<String> products = new java.util.ArrayList<>(pending.stream().map(AccessRequest::product).toList());
        products.add("no-such-product");
        for (Principal principal : List.of(CARLA, CHEN, SOFIA, DANA, LENA, GOVERNANCE, admin(),
                Principal.consumer("lena@acme.example"), Principal.governance("chen@acme.example"),
                Principal.platformAdmin("dana@acme.example"))) {
            java.util.Set<String> accepted = new java.util.HashSet<>();
            for (AccessRequest request : pending) {
                try {
                    access().requestToDecide(principal, request.id());
                    accepted.add(request.product());
                } catch (PolderException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                }
            }
            assertThat(access().decidableAmong(principal, products)).as(principal.name() + " " + principal.role())
                    .containsExactlyInAnyOrderElementsOf(accepted);
        }
        assertThat(access().decidableAmong(admin(), products)).as("an admin decides on every product, owning none")
                .containsExactlyInAnyOrderElementsOf(products.subList(0, products.size() - 1));
        assertThat(access().decidableAmong(Principal.governance("chen@acme.example"), products))
                .as("governance decides nothing, even when mesh.yaml names it an owner").isEmpty();
        assertThat(access().decidableAmong(Principal.consumer("lena@acme.example"), products))
                .as("a consumer whose name mesh.yaml lists in a team decides on the team's products")
                .contains("sales-daily-revenue").doesNotContain("sales-orders");
        assertThat(access().decidableAmong(CHEN, List.of())).isEmpty();
    }

    @Test
    void teamsToRequestForAreTheTeamsARequestMayName() {
        List<String> teams = List.of("customer-data-team", "customer-insights-team", "finance-controlling-team",
                "logistics-fulfilment-team", "sales-analytics-team", "sales-order-team");
        for (Principal principal : List.of(CARLA, CHEN, SOFIA, DANA, LENA, GOVERNANCE, admin(),
                Principal.member("ghost", "no-such-team"))) {
            List<String> offered = access().teamsToRequestFor(principal);
            for (String team : teams) {
                boolean accepted;
                try {
                    AccessRequest request = access().request(principal, NewAccessRequest.of(CUSTOMERS, "for " + team, 30)
                            .forTeam(team));
                    if (request.state() == AccessRequestState.PENDING) {
                        access().reject(admin(), request.id(), "only trying");
                    }
                    accepted = true;
                } catch (PolderException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                    accepted = false;
                }
                assertThat(offered.contains(team)).as(principal.name() + " for " + team).isEqualTo(accepted);
            }
        }
        assertThat(access().teamsToRequestFor(admin())).containsExactlyElementsOf(teams);
        assertThat(access().teamsToRequestFor(DANA)).containsExactly("sales-order-team");
        assertThat(access().teamsToRequestFor(SOFIA)).containsExactly("customer-data-team");
        assertThat(access().teamsToRequestFor(Principal.member("ghost", "no-such-team"))).isEmpty();
        assertThat(access().teamsToRequestFor(CARLA)).isEmpty();
    }

    @Test
    void offeredByNamesThePortsFindFinds() {
        List<String> products = List.of("sales-orders", "customer-profiles", "no-such-product");
        java.util.Set<String> offered = access().outputPorts().offeredBy(products);
        assertThat(offered).containsExactlyInAnyOrderElementsOf(access().outputPorts().list().stream()
                .filter(port -> products.contains(port.product())).map(OutputPort::address).toList());
        assertThat(offered).contains(CUSTOMERS, "sales-orders/orders");
        registry.lifecycle().changeLifecycle(admin(), "customer-profiles", io.polder.registry.catalog.LifecycleStatus.DEPRECATED,
                java.time.LocalDate.of(2030, 1, 1), null);
        registry.lifecycle().changeLifecycle(admin(), "customer-profiles", io.polder.registry.catalog.LifecycleStatus.RETIRED,
                null, null);
        assertThat(access().outputPorts().offeredBy(products)).as("a retired product offers none")
                .contains("sales-orders/orders").noneMatch(address -> address.startsWith("customer-profiles/"));
        assertThat(access().outputPorts().offeredBy(List.of())).isEmpty();
    }

    @Test
    void aTeamsGrantServesEveryMemberOfTheTeam() {
        Principal fatima = Principal.member("fatima@acme.example", "finance-controlling-team");
        AccessRequest request = access().request(fatima, NewAccessRequest.of("sales-orders/orders", "audit sample", 30)
                .forTeam("finance-controlling-team"));
        assertThat(request.granteeKind()).isEqualTo(GranteeKind.TEAM);
        assertThat(request.grantee()).isEqualTo("finance-controlling-team");
        access().approve(DANA, request.id(), Approval.asRequested());
        assertThat(access().grantsFor(Principal.member("noah@acme.example", "finance-controlling-team"), clock.instant())
                .active()).extracting(Grant::port).contains("orders");
        assertThat(access().grantsFor(Principal.consumer("noah@acme.example"), clock.instant()).active())
                .extracting(Grant::port).contains("orders");
        assertThat(access().grantsFor(CARLA, clock.instant()).active()).isEmpty();

        PolderException notMine = failure(() -> access().request(CARLA, NewAccessRequest.of("sales-orders/orders",
                "x", 30).forTeam("finance-controlling-team")), ErrorCode.FORBIDDEN);
        assertThat(notMine.getMessage()).contains("does not belong to team 'finance-controlling-team'");
        failure(() -> access().request(CARLA, NewAccessRequest.of("sales-orders/orders", "x", 30).forTeam("no-team")),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void badRequestsAreRefusedWithAClearMessage() {
        assertThat(failure(() -> access().request(CARLA, NewAccessRequest.of("sales-orders", "x", 30)),
                ErrorCode.INVALID_ARGUMENT).getMessage()).contains("PRODUCT/PORT");
        failure(() -> access().request(CARLA, NewAccessRequest.of("sales-orders/orders/v1", "x", 30)),
                ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().request(CARLA, NewAccessRequest.of("Sales'; --/orders", "x", 30)),
                ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().request(CARLA, NewAccessRequest.of("sales-orders/ord ers", "x", 30)),
                ErrorCode.INVALID_ARGUMENT);
        assertThat(failure(() -> access().request(CARLA, NewAccessRequest.of("no-such/orders", "x", 30)),
                ErrorCode.NOT_FOUND).getMessage()).contains("no product 'no-such'");
        assertThat(failure(() -> access().request(CARLA, NewAccessRequest.of("sales-orders/lines", "x", 30)),
                ErrorCode.NOT_FOUND).getMessage()).contains("no output port 'lines'", "its output ports: orders");
        failure(() -> access().request(CARLA, NewAccessRequest.of(CUSTOMERS, " ", 30)), ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "x".repeat(1001), 30)),
                ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "x", 0)), ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "x", AccessService.MAX_DAYS + 1)),
                ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().request(CARLA, new NewAccessRequest(CUSTOMERS, "x", null, null, null, null)),
                ErrorCode.INVALID_ARGUMENT);
        assertThat(failure(() -> access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "x", 30)
                .withUnmask(List.of("emial"))), ErrorCode.INVALID_ARGUMENT).getMessage())
                .contains("'emial'", "customer-profiles-customers", "email");

        AccessRequest first = access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "x", 30));
        PolderException twice = failure(() -> access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "y", 60)),
                ErrorCode.CONFLICT);
        assertThat(twice.details()).containsEntry("requestId", first.id());
        assertThat(people(access().listRequests(admin(), AccessFilter.all(), PageRequest.first()))).hasSize(1);

        failure(() -> access().approve(CHEN, "../etc", Approval.asRequested()), ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().approve(CHEN, "01aaaaaaaaaaaaaaaaaaaaaaaa", Approval.asRequested()), ErrorCode.NOT_FOUND);
        failure(() -> access().approve(CHEN, first.id(), Approval.asRequested().withDays(0)), ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().approve(CHEN, first.id(), Approval.asRequested().withUnmask(List.of("nope"))),
                ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().approve(CHEN, first.id(), Approval.asRequested().withRowFilter("x".repeat(4001))),
                ErrorCode.INVALID_ARGUMENT);
        failure(() -> access().revoke(CHEN, "x'; DROP TABLE grants; --", "r"), ErrorCode.INVALID_ARGUMENT);
        assertThat(access().getRequest(CARLA, first.id()).state()).isEqualTo(AccessRequestState.PENDING);
    }

    @Test
    void everyoneSeesWhatConcernsThemAndAdminsSeeAll() {
        AccessRequest carlas = access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 30));
        AccessRequest eriks = access().request(ERIK, NewAccessRequest.of("sales-orders/orders", "forecast", 30));
        assertThat(ids(access().listRequests(CARLA, AccessFilter.all(), PageRequest.first())))
                .containsExactly(carlas.id());
        assertThat(people(access().listRequests(CHEN, AccessFilter.all(), PageRequest.first()))).containsExactly(carlas.id());
        assertThat(people(access().listRequests(DANA, AccessFilter.all(), PageRequest.first()))).containsExactly(eriks.id());
        assertThat(people(access().listRequests(GOVERNANCE, AccessFilter.all(), PageRequest.first())))
                .containsExactly(eriks.id(), carlas.id());
        assertThat(people(access().listRequests(admin(), AccessFilter.all().withProduct("sales-orders"),
                PageRequest.first()))).containsExactly(eriks.id());
        failure(() -> access().getRequest(ERIK, carlas.id()), ErrorCode.FORBIDDEN);
        assertThat(access().getRequest(SOFIA, carlas.id()).id()).isEqualTo(carlas.id());

        access().approve(CHEN, carlas.id(), Approval.asRequested());
        assertThat(ids(access().listRequests(CARLA, AccessFilter.all().withState(AccessRequestState.PENDING),
                PageRequest.first()))).isEmpty();
        Page<Grant> carlasGrants = access().listGrants(CARLA, AccessFilter.all(), PageRequest.first());
        assertThat(carlasGrants.items()).extracting(Grant::grantee).containsExactly(CARLA.name());
        assertThat(access().listGrants(ERIK, AccessFilter.all(), PageRequest.first()).items()).isEmpty();
        assertThat(access().listGrants(CHEN, AccessFilter.all(), PageRequest.first()).items())
                .filteredOn(grant -> grant.granteeKind() == GranteeKind.PRINCIPAL).hasSize(1);
        failure(() -> access().getGrant(ERIK, carlasGrants.items().getFirst().id()), ErrorCode.FORBIDDEN);

        clock.advance(Duration.ofDays(31));
        assertThat(access().listGrants(CARLA, AccessFilter.all(), PageRequest.first()).items()).isEmpty();
        assertThat(access().listGrants(CARLA, AccessFilter.all().withLapsed(true), PageRequest.first()).items())
                .hasSize(1);
    }

    @Test
    void listingsArePaged() {
        for (int i = 0; i < 5; i++) {
            access().request(Principal.consumer("reader" + i + "@example.org"),
                    NewAccessRequest.of(CUSTOMERS, "reason " + i, 30));
        }
        AccessFilter pending = AccessFilter.all().withState(AccessRequestState.PENDING);
        Page<AccessRequest> first = access().listRequests(CHEN, pending, PageRequest.first(2));
        assertThat(first.items()).hasSize(2);
        Page<AccessRequest> second = access().listRequests(CHEN, pending, new PageRequest(first.nextCursor(), 2));
        Page<AccessRequest> third = access().listRequests(CHEN, pending, new PageRequest(second.nextCursor(), 2));
        assertThat(third.items()).hasSize(1);
        assertThat(third.nextCursor()).isNull();
        assertThat(first.items().getFirst().id()).isGreaterThan(second.items().getFirst().id());
        failure(() -> access().listGrants(CHEN, AccessFilter.all(), new PageRequest(first.nextCursor(), 2)),
                ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void everyStepIsAudited() {
        Instant since = clock.instant().plusSeconds(60);
        clock.advance(Duration.ofMinutes(2));
        Grant grant = approvedGrant(CARLA);
        access().revoke(CHEN, grant.id(), "done");
        AccessRequest rejected = access().request(ERIK, NewAccessRequest.of(CUSTOMERS, "curiosity", 30));
        access().reject(SOFIA, rejected.id(), "no");
        List<AuditEvent> events = registry.audit().list(admin(), AuditFilter.all()
                .withTarget("port/" + CUSTOMERS), PageRequest.first()).items().stream()
                .filter(event -> event.time().isAfter(since)).toList();
        assertThat(events).extracting(event -> event.action() + " " + event.principal() + " "
                        + event.details().getOrDefault("decision", "-"))
                .containsExactlyInAnyOrder(
                        "request-access carla@example.org -",
                        "decide-access chen@acme.example approved",
                        "decide-access chen@acme.example revoked",
                        "request-access erik@example.org -",
                        "decide-access sofia@acme.example rejected");
        assertThat(events).filteredOn(event -> "approved".equals(event.details().get("decision"))).singleElement()
                .satisfies(event -> assertThat(event.details()).containsEntry("grant", grant.id())
                        .containsEntry("grantee", "principal:carla@example.org").containsKey("expiresAt"));
    }

    @Test
    void ownersAreRemindedOnceBeforeAGrantExpiresAndTheExpiryIsAuditedOnce() {
        AccessRequest request = access().request(CARLA, NewAccessRequest.of(CUSTOMERS, "churn model", 10));
        String grantId = access().approve(CHEN, request.id(), Approval.asRequested()).grantId();
        AccessRequest revokedSoon = access().request(ERIK, NewAccessRequest.of(CUSTOMERS, "forecast", 9));
        String revokedId = access().approve(CHEN, revokedSoon.id(), Approval.asRequested()).grantId();
        access().revoke(CHEN, revokedId, "no longer needed");
        assertThat(access().remindExpiring(Duration.ofDays(7))).as("10 days away").isZero();
        assertThat(access().inbox(CHEN).reminders()).isEmpty();

        clock.advance(Duration.ofDays(4));
        assertThat(access().remindExpiring(Duration.ofDays(7))).isEqualTo(1);
        assertThat(access().remindExpiring(Duration.ofDays(7))).as("once per grant").isZero();
        assertThat(access().inbox(CHEN).reminders()).singleElement().satisfies(reminder -> {
            assertThat(reminder.grantId()).isEqualTo(grantId);
            assertThat(reminder.kind()).isEqualTo("expiring");
            assertThat(reminder.grantee()).isEqualTo(CARLA.name());
            assertThat(reminder.expiresAt()).isEqualTo(START.plus(Duration.ofDays(10)));
        });
        assertThat(access().inbox(SOFIA).reminders()).hasSize(1);
        assertThat(access().inbox(DANA).reminders()).isEmpty();
        assertThat(access().inbox(admin()).reminders()).hasSize(1);
        assertThat(access().recordExpired()).as("nothing expired yet").isZero();

        clock.advance(Duration.ofDays(6));
        assertThat(access().grantsFor(CARLA, clock.instant()).active()).as("lapsed by itself").isEmpty();
        assertThat(access().inbox(CHEN).reminders()).as("an expired grant needs no reminder").isEmpty();
        assertThat(access().recordExpired()).isEqualTo(1);
        assertThat(access().recordExpired()).isZero();
        List<AuditEvent> events = registry.audit().list(admin(), AuditFilter.all().withAction("maintain-access"),
                PageRequest.first()).items();
        assertThat(events).extracting(event -> event.details().get("event") + " " + event.details().get("grant")
                + " " + event.principal()).containsExactlyInAnyOrder("expiring " + grantId + " polder",
                "expired " + grantId + " polder");
    }

    @Test
    void aPortsPolderYamlApprovesTheRequestsItDeclaresAtOnce() {
        applySalesOrders("""
                access:
                  autoApprove:
                    - port: orders
                      teams: [finance-controlling-team]
                      maxDays: 90
                """);
        Instant since = clock.instant().plusSeconds(60);
        clock.advance(Duration.ofMinutes(2));
        Principal noah = Principal.member("noah@acme.example", "finance-controlling-team");
        AccessRequest automatic = access().request(noah, NewAccessRequest.of("sales-orders/orders", "audit", 30));
        assertThat(automatic.state()).isEqualTo(AccessRequestState.APPROVED);
        assertThat(automatic.decidedBy()).isEqualTo("polder");
        assertThat(automatic.decisionReason()).isEqualTo("auto-approved: sales-orders/polder.yaml approves the"
                + " members of team finance-controlling-team");
        Grant grant = access().getGrant(noah, automatic.grantId());
        assertThat(grant.unmaskedColumns()).isEmpty();
        assertThat(grant.rowFilter()).isNull();
        assertThat(grant.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(access().grantsFor(noah, clock.instant()).active()).extracting(Grant::id).contains(grant.id());
        // by name, as mesh.yaml lists fatima in the team; and for the team itself
        assertThat(access().request(Principal.consumer("fatima@acme.example"), NewAccessRequest.of(
                "sales-orders/orders", "close", 10)).state()).isEqualTo(AccessRequestState.APPROVED);
        assertThat(access().request(Principal.member("fatima@acme.example", "finance-controlling-team"),
                NewAccessRequest.of("sales-orders/orders", "close", 10).forTeam("finance-controlling-team")).state())
                .isEqualTo(AccessRequestState.APPROVED);

        assertThat(access().request(CARLA, NewAccessRequest.of("sales-orders/orders", "churn", 30)).state())
                .as("not of the team").isEqualTo(AccessRequestState.PENDING);
        Principal noahAgain = Principal.consumer("noah@acme.example");
        assertThat(access().request(noahAgain, NewAccessRequest.of("sales-orders/orders", "long", 91)).state())
                .as("longer than maxDays").isEqualTo(AccessRequestState.PENDING);
        assertThat(access().request(LENA, NewAccessRequest.of("sales-orders/orders", "x", 30)).state())
                .isEqualTo(AccessRequestState.PENDING);
        List<AuditEvent> automatic3 = registry.audit().list(admin(), AuditFilter.all().withAction("decide-access")
                .withPrincipal("polder"), PageRequest.first()).items().stream()
                .filter(event -> event.time().isAfter(since)).toList();
        assertThat(automatic3).hasSize(3).allSatisfy(event -> assertThat(event.details())
                .containsEntry("decision", "auto-approved"));
    }

    @Test
    void anAutoApprovalNeverUnmasks() {
        applySalesOrders("""
                access:
                  autoApprove:
                    - port: orders
                      teams: [finance-controlling-team]
                """);
        AccessRequest unmasking = access().request(Principal.member("noah@acme.example", "finance-controlling-team"),
                NewAccessRequest.of("sales-orders/orders", "audit", 30).withUnmask(List.of("customer_id")));
        assertThat(unmasking.state()).isEqualTo(AccessRequestState.PENDING);
    }

    @Test
    void anAccessSectionNamingAnotherProductsPortOrAnUnknownTeamIsRefusedWithFileAndLine() {
        PolderException refused = failure(() -> applySalesOrders("""
                access:
                  autoApprove:
                    - port: daily-revenue
                      teams: [finance-controlling-team]
                    - port: orders
                      teams: [marketing-team]
                """), ErrorCode.INVALID_DOCUMENT);
        assertThat(refused.getMessage() + refused.details()).contains(
                "sales/sales-orders/polder.yaml:", "`daily-revenue` is not an output port of this product; its output"
                        + " ports: orders", "team `marketing-team` (auto-approved for port orders) is not declared");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) refused.details().get("problems");
        assertThat(problems).extracting(problem -> problem.get("line") + ":" + problem.get("column") + " "
                + problem.get("pointer")).containsExactly("27:13 /access/autoApprove/0/port",
                "30:15 /access/autoApprove/1/teams/0");
    }

    /** Applies sales-orders again as 1.3.0 with {@code access} added to its polder.yaml. */
    private void applySalesOrders(String access) {
        var bundle = ExampleMesh.withProductFolder(ExampleMesh.bundleWithPlatformFiles(), "sales/sales-orders",
                product -> new io.polder.registry.apply.MeshBundle.BundleProduct(product.path(),
                        ExampleMesh.version("1.2.0", "1.3.0").apply(product.productYaml()), product.contracts(),
                        withoutAccess(product.settingsYaml()) + access, product.buildFiles()));
        registry.apply().apply(admin(), bundle, ApplyOptions.defaults());
    }

    /** A polder.yaml without its access section (the example's sections are last in each file). */
    static String withoutAccess(String settings) {
        int at = settings.indexOf("\naccess:");
        return at < 0 ? settings : settings.substring(0, at + 1);
    }

    private Grant approvedGrant(Principal who) {
        AccessRequest request = access().request(who, NewAccessRequest.of(CUSTOMERS, "churn model", 90));
        return access().getGrant(who, access().approve(CHEN, request.id(), Approval.asRequested()).grantId());
    }

    /** The ids of the requests people made (not those applying a product opened). */
    private static List<String> people(Page<AccessRequest> page) {
        return page.items().stream().filter(request -> request.consumerProduct() == null).map(AccessRequest::id)
                .toList();
    }

    private static List<String> ids(Page<AccessRequest> page) {
        return page.items().stream().map(AccessRequest::id).toList();
    }
}
