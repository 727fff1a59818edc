package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view that asks for a port's grants only when a query names the port: the gateway asks once per port, for
 * the ports the query reads and no other, and decides exactly as with a complete view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookingUpAccessViewTest {
    @TempDir
    static Path directory;

    private GatewayFixture fixture;
    private QueryGateway gateway;

    @BeforeAll
    void start() throws Exception {
        fixture = new GatewayFixture(directory);
        gateway = new QueryGateway(GatewayFixture.settings(directory.resolve("temp")), GatewayFixture.clock(), decision -> { });
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    /** The analyst's grants as a source, counting what it is asked. */
    private final class CountingSource implements AccessView.PortGrants {
        final List<String> asked = new ArrayList<>();
        int listed;

        @Override
        public AccessView.PortAccess lookup(String portAddress) {
            asked.add(portAddress);
            return switch (portAddress) {
                case "customer-profiles/customers" -> {
                    GrantedRelation customers = fixture.customers(new RowFilter(GatewayFixture.ROW_FILTER), null);
                    yield new AccessView.PortAccess(List.of(customers,
                            customers.named(RelationName.versioned(GatewayFixture.CUSTOMERS_PORT, "customers"))), null);
                }
                case "sales-orders/orders" -> new AccessView.PortAccess(List.of(fixture.orders()), null);
                case "finance-ledger/entries" -> new AccessView.PortAccess(List.of(), new LapsedGrant(
                        "finance-ledger/entries", LapsedGrant.Reason.REVOKED, GatewayFixture.NOW.minus(Duration.ofDays(1))));
                default -> AccessView.PortAccess.NONE;
            };
        }

        @Override
        public List<String> someNames(int limit) {
            listed++;
            return List.of(GatewayFixture.CUSTOMERS.sql(), GatewayFixture.ORDERS.sql()).subList(0, Math.min(limit, 2));
        }
    }

    @Test
    void asksOncePerPortTheQueryNamesAndNoOther() {
        CountingSource source = new CountingSource();
        AccessView view = AccessView.lookingUp("analyst@acme.example", source);
        RowCollector rows = new RowCollector();
        QueryResult result = gateway.execute(GatewayFixture.request("SELECT count(*) FROM \"Customer-Profiles/customers\".customers c"
                + " JOIN \"customer-profiles/customers/v2\".customers d USING (customer_id)"
                + " JOIN \"customer-profiles/customers\".CUSTOMERS e USING (customer_id)"), view, rows);
        assertThat(source.asked).containsExactly("customer-profiles/customers");
        assertThat(rows.rows().getFirst().getFirst()).isEqualTo(50L);
        assertThat(result.decision().relations()).allSatisfy(use -> {
            assertThat(use.masks()).containsEntry("email", ColumnMask.HASH);
            assertThat(use.rowFilter()).isEqualTo(GatewayFixture.ROW_FILTER);
        });
        assertThat(source.listed).isZero();
    }

    @Test
    void decidesAsACompleteViewDoes() {
        String sql = "SELECT o.amount, c.email FROM \"sales-orders/orders\".orders o"
                + " JOIN \"customer-profiles/customers\".customers c USING (customer_id) ORDER BY o.order_id LIMIT 5";
        RowCollector looked = new RowCollector();
        gateway.execute(GatewayFixture.request(sql), AccessView.lookingUp("analyst@acme.example", new CountingSource()), looked);
        RowCollector complete = new RowCollector();
        gateway.execute(GatewayFixture.request(sql), fixture.analyst(), complete);
        assertThat(looked.rows()).isEqualTo(complete.rows()).isNotEmpty();
    }

    @Test
    void refusesUngrantedAndLapsedPortsWithTheSameMessages() {
        CountingSource source = new CountingSource();
        assertThatThrownBy(() -> gateway.authorize(GatewayFixture.request("SELECT * FROM \"finance-ledger/entries\".entries"),
                AccessView.lookingUp("analyst@acme.example", source)))
                .isInstanceOf(QueryRefusedException.class).hasMessageContaining("was revoked at")
                .hasMessageContaining("polder access request finance-ledger/entries");
        assertThatThrownBy(() -> gateway.authorize(GatewayFixture.request("SELECT * FROM \"hr-people/staff\".staff"),
                AccessView.lookingUp("analyst@acme.example", source)))
                .isInstanceOf(QueryRefusedException.class).hasMessageContaining("you hold no grant to read")
                .hasMessageContaining("polder access request hr-people/staff");
        assertThat(source.asked).containsExactly("finance-ledger/entries", "hr-people/staff");

        assertThatThrownBy(() -> gateway.authorize(GatewayFixture.request("SELECT * FROM duckdb_settings()"),
                AccessView.lookingUp("analyst@acme.example", source))).isInstanceOf(QueryRefusedException.class);
        assertThatThrownBy(() -> gateway.authorize(GatewayFixture.request("SELECT * FROM main.customers"),
                AccessView.lookingUp("analyst@acme.example", source)))
                .isInstanceOf(QueryRefusedException.class).hasMessageContaining("you may read")
                .hasMessageContaining(GatewayFixture.CUSTOMERS.sql());
        assertThat(source.asked).as("a name that is no port's asks nothing").hasSize(2);
    }

    @Test
    void twoPortsCannotServeTheSameName() {
        AccessView view = AccessView.lookingUp("analyst@acme.example", new AccessView.PortGrants() {
            @Override
            public AccessView.PortAccess lookup(String portAddress) {
                return new AccessView.PortAccess(List.of(fixture.orders(), fixture.orders().named(
                        new RelationName("SALES-ORDERS/orders", "orders"))), null);
            }

            @Override
            public List<String> someNames(int limit) {
                return List.of();
            }
        });
        assertThatThrownBy(() -> view.relation(GatewayFixture.ORDERS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both named");
    }
}
