package io.polder.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.registry.ExampleMesh;
import io.polder.registry.RegistryTestBase;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.Principal;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code grantsFor} for one port, as a query reads it: the same answer as the whole set narrowed to that port,
 * owners' implicit access included, the port's name compared ignoring ASCII case as SQL identifiers are.
 */
public abstract class PortGrantsTests extends RegistryTestBase {
    static final Principal CARLA = Principal.consumer("carla@example.org");
    static final Principal CHEN = Principal.domainOwner("chen@acme.example", "customer");
    static final Principal DANA = Principal.domainOwner("dana@acme.example", "sales");

    @BeforeEach
    void applyExample() {
        registry.apply().apply(admin(), ExampleMesh.bundleWithPlatformFiles(), ApplyOptions.defaults());
    }

    @Test
    void onePortsGrantsAreTheWholeSetNarrowedToIt() {
        AccessService access = registry.access();
        AccessRequest customers = access.request(CARLA, NewAccessRequest.of("customer-profiles/customers", "churn", 30));
        access.approve(CHEN, customers.id(), Approval.asRequested().withRowFilter("country_code = 'NL'"));
        AccessRequest orders = access.request(CARLA, NewAccessRequest.of("sales-orders/orders", "churn", 30));
        access.approve(DANA, orders.id(), Approval.asRequested());

        GrantSet onCustomers = access.grantsFor(CARLA, clock.instant(), "customer-profiles", "customers");
        assertThat(onCustomers.active()).singleElement().satisfies(grant -> {
            assertThat(grant.port()).isEqualTo("customers");
            assertThat(grant.rowFilter()).isEqualTo("country_code = 'NL'");
        });
        assertThat(access.grantsFor(CARLA, clock.instant(), "customer-profiles", "CUSTOMERS").active())
                .as("SQL identifiers ignore ASCII case").hasSize(1);
        assertThat(access.grantsFor(CARLA, clock.instant(), "customer-profiles", "customerſ").active())
                .as("but nothing else").isEmpty();
        assertThat(access.grantsFor(CARLA, clock.instant(), "sales-orders", "orders").active()).hasSize(1);
        assertThat(access.grantsFor(CARLA, clock.instant(), "sales-orders", "customers").active()).isEmpty();
        assertThat(access.grantsFor(CARLA, clock.instant(), "no-such-product", "orders").active()).isEmpty();

        clock.advance(Duration.ofDays(30));
        GrantSet later = access.grantsFor(CARLA, clock.instant(), "customer-profiles", "customers");
        assertThat(later.active()).isEmpty();
        assertThat(later.lapsed()).extracting(Grant::port).containsExactly("customers");
    }

    @Test
    void ownersReadTheirOwnPortsWithoutAGrant() {
        AccessService access = registry.access();
        assertThat(access.grantsFor(DANA, clock.instant(), "sales-orders", "orders").active()).extracting(Grant::id)
                .containsExactly("owner:sales-orders/orders");
        assertThat(access.grantsFor(DANA, clock.instant(), "customer-profiles", "customers").active()).isEmpty();
        assertThat(access.grantsFor(admin(), clock.instant(), "sales-orders", "orders").active()).isEmpty();
        for (Grant grant : access.grantsFor(DANA, clock.instant()).active()) {
            assertThat(access.grantsFor(DANA, clock.instant(), grant.product(), grant.port()).active())
                    .as(grant.id()).containsExactly(grant);
        }
    }
}
