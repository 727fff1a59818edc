package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.PortRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelationNameTest {
    private static final PortRef ORDERS = new PortRef("sales-orders", "orders", 2);

    @Test
    void aTableIsNamedByItsPortAddressAndTable() {
        assertThat(RelationName.current(ORDERS, "order_lines").sql()).isEqualTo("\"sales-orders/orders\".\"order_lines\"");
        assertThat(RelationName.versioned(ORDERS, "order_lines").sql()).isEqualTo("\"sales-orders/orders/v2\".\"order_lines\"");
        assertThat(RelationName.of(ORDERS, "orders", true)).extracting(RelationName::schema)
                .containsExactly("sales-orders/orders", "sales-orders/orders/v2");
        assertThat(RelationName.of(ORDERS, "orders", false)).extracting(RelationName::schema)
                .containsExactly("sales-orders/orders/v2");
    }

    @Test
    void namesCompareIgnoringTheCaseOfAsciiLettersOnly() {
        assertThat(new RelationName("Sales-Orders/ORDERS", "Orders").key())
                .isEqualTo(RelationName.current(ORDERS, "orders").key());
        assertThat(new RelationName("sales-orders/orders", "\u212Aey").key()).isNotEqualTo(new RelationName(
                "sales-orders/orders", "key").key());
        assertThat(new RelationName("sales-orders/orders", "ÄRGER").key()).isNotEqualTo(new RelationName(
                "sales-orders/orders", "ärger").key());
    }

    @Test
    void thePortAddressIsReadBackFromTheName() {
        assertThat(RelationName.versioned(ORDERS, "orders").portAddress()).contains("sales-orders/orders");
        assertThat(new RelationName("information_schema", "tables").portAddress()).isEmpty();
    }

    @Test
    void twoRelationsUnderOneNameAreRefused() throws Exception {
        GatewayFixture fixture = new GatewayFixture(java.nio.file.Files.createTempDirectory("relation-names"));
        GrantedRelation orders = fixture.orders();
        assertThatThrownBy(() -> AccessView.of("p", List.of(orders, orders.named(new RelationName("SALES-ORDERS/ORDERS",
                "orders"))))).hasMessageContaining("two granted relations are both named");
    }
}
