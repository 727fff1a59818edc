package io.polder.registry.apply;

import io.polder.registry.apply.RegistryState.ProductState;
import io.polder.registry.auth.Action;
import io.polder.registry.catalog.LifecycleStatus;
import java.time.LocalDate;
import java.util.List;

/** The writes a plan stands for, as the {@link Planner} decided them and the {@link ApplyWriter} makes them. */
final class Work {
    private Work() {
    }

    /** Everything one apply would do, and what stands in its way. */
    record Planned(Plan plan, List<DomainWork> domains, List<TeamWork> teams, List<ProductWork> products,
                   List<RetireWork> retirements, List<Permission> permissions, List<String> conflicts) {
        boolean meshChanges() {
            return !domains.isEmpty() || !teams.isEmpty();
        }
    }

    /** A domain to add ({@code expectedDigest} null) or to change from the declaration with that digest. */
    record DomainWork(Declared.Domain domain, String expectedDigest) {
    }

    record TeamWork(Declared.Team team, String expectedDigest) {
    }

    /**
     * A product to add or change.
     *
     * @param existing the product as planned against; null to add it
     * @param publishVersion whether its declared version is new (else it only becomes current again)
     */
    record ProductWork(Declared.Product declared, ProductState existing, boolean publishVersion,
                       LifecycleStatus status, LocalDate sunsetDate, List<ContractWork> contracts, PlanItem item) {
    }

    /**
     * A contract of a changed product.
     *
     * @param add whether the contract is new
     * @param publishVersion whether its version is new (else it only becomes current again)
     */
    record ContractWork(Declared.Contract contract, boolean add, boolean publishVersion) {
    }

    /** A product no longer declared, to retire (prune). */
    record RetireWork(ProductState existing, PlanItem item) {
    }

    /** A permission the plan needs: {@code action} (in {@code domain}) on {@code target}. */
    record Permission(Action action, String domain, String target) {
    }
}
