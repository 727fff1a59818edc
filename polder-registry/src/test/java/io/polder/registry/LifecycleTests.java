package io.polder.registry;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.catalog.Product;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lifecycle changes: allowed moves, sunset dates, optimistic concurrency, who may. */
abstract class LifecycleTests extends RegistryTestBase {
    private static final LocalDate SUNSET = LocalDate.of(2026, 6, 30);

    @BeforeEach
    void applyExample() {
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
    }

    private Product change(Principal principal, LifecycleStatus status, LocalDate sunset, Long revision) {
        return registry.lifecycle().changeLifecycle(principal, "sales-orders", status, sunset, revision);
    }

    @Test
    void aProductMovesForwardWithEachChangeRaisingItsRevision() {
        Product active = registry.catalog().getProductSummary("sales-orders");
        assertThat(active.status()).isEqualTo(LifecycleStatus.ACTIVE);
        assertThat(active.revision()).isEqualTo(1);
        Product deprecated = change(admin(), LifecycleStatus.DEPRECATED, SUNSET, 1L);
        assertThat(deprecated.status()).isEqualTo(LifecycleStatus.DEPRECATED);
        assertThat(deprecated.sunsetDate()).isEqualTo(SUNSET);
        assertThat(deprecated.revision()).isEqualTo(2);
        Product retired = change(admin(), LifecycleStatus.RETIRED, null, 2L);
        assertThat(retired.status()).isEqualTo(LifecycleStatus.RETIRED);
        assertThat(retired.sunsetDate()).isNull();
        assertThat(retired.revision()).isEqualTo(3);
    }

    @Test
    void aStaleRevisionIsAConflict() {
        change(admin(), LifecycleStatus.DEPRECATED, SUNSET, 1L);
        assertThat(failure(() -> change(admin(), LifecycleStatus.RETIRED, null, 1L), ErrorCode.CONFLICT).getMessage())
                .contains("has changed since revision 1");
        assertThat(registry.catalog().getProductSummary("sales-orders").status()).isEqualTo(LifecycleStatus.DEPRECATED);
    }

    @Test
    void movesTheLifecycleDoesNotAllowAreConflicts() {
        assertThat(failure(() -> change(admin(), LifecycleStatus.DRAFT, null, null), ErrorCode.CONFLICT).getMessage())
                .contains("is active and cannot become draft; it can become deprecated");
        failure(() -> change(admin(), LifecycleStatus.RETIRED, null, null), ErrorCode.CONFLICT);
        change(admin(), LifecycleStatus.DEPRECATED, SUNSET, null);
        change(admin(), LifecycleStatus.RETIRED, null, null);
        failure(() -> change(admin(), LifecycleStatus.ACTIVE, null, null), ErrorCode.CONFLICT);
    }

    @Test
    void deprecationNeedsAFutureSunsetDateAndNothingElseHasOne() {
        failure(() -> change(admin(), LifecycleStatus.DEPRECATED, null, 1L), ErrorCode.INVALID_ARGUMENT);
        failure(() -> change(admin(), LifecycleStatus.DEPRECATED, LocalDate.of(2020, 1, 1), 1L),
                ErrorCode.INVALID_ARGUMENT);
        failure(() -> change(admin(), LifecycleStatus.RETIRED, SUNSET, 1L), ErrorCode.INVALID_ARGUMENT);
        Product moved = change(admin(), LifecycleStatus.DEPRECATED, SUNSET, 1L);
        Product later = change(admin(), LifecycleStatus.DEPRECATED, SUNSET.plusMonths(1), moved.revision());
        assertThat(later.sunsetDate()).isEqualTo(SUNSET.plusMonths(1));
    }

    @Test
    void onlyTheOwningDomainOrAPlatformAdminChangesTheLifecycle() {
        Product changed = change(Principal.domainOwner("ci-sales", "sales"), LifecycleStatus.DEPRECATED, SUNSET, 1L);
        assertThat(changed.revision()).isEqualTo(2);
        for (Principal principal : new Principal[] {Principal.domainOwner("ci-finance", "finance"),
                Principal.governance("g"), Principal.member("m", "sales-order-team"), Principal.consumer("c")}) {
            assertThat(failure(() -> change(principal, LifecycleStatus.RETIRED, null, 2L), ErrorCode.FORBIDDEN)
                    .getMessage()).contains("change-lifecycle in domain 'sales' needs platform-admin or domain-owner"
                    + " of 'sales'");
        }
        assertThat(registry.catalog().getProductSummary("sales-orders").revision()).isEqualTo(2);
    }

    @Test
    void unknownAndMalformedProductsAreRefused() {
        failure(() -> registry.lifecycle().changeLifecycle(admin(), "no-such-product", LifecycleStatus.ACTIVE, null,
                null), ErrorCode.NOT_FOUND);
        failure(() -> registry.lifecycle().changeLifecycle(admin(), "sales-orders'--", LifecycleStatus.ACTIVE, null,
                null), ErrorCode.INVALID_ARGUMENT);
    }
}
