package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.polder.error.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a consumer reads when a query names something that is not there: an unknown column with its line:column
 * in the query as written and DuckDB's candidates; a table or version a granted port does not have; a product or
 * port the catalog does not hold (when the view's source says what the catalog holds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryErrorTest {
    private static final String ORDERS = "\"sales-orders/orders\".orders";

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

    private QueryRefusedException refused(String sql, AccessView view) {
        return catchThrowableOfType(QueryRefusedException.class,
                () -> gateway.execute(GatewayFixture.request(sql), view, new RowCollector()));
    }

    @Test
    void anUnknownColumnHasItsLineAndColumnAndTheCandidates() {
        QueryRefusedException refusal = refused("SELECT order_id,\n  amont FROM " + ORDERS, fixture.analyst());
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(refusal.getMessage()).startsWith("2:3: no column \"amont\" in the relations the query reads")
                .contains("did you mean").contains("\"amount\"").doesNotContain("LINE").doesNotContain("Binder Error");
    }

    @Test
    void thePositionCountsTheBlanksAndSemicolonsTheGatewayTrims() {
        QueryRefusedException refusal = refused("\n\n   SELECT nosuchcol FROM " + ORDERS + " ;\n", fixture.analyst());
        assertThat(refusal.getMessage()).startsWith("3:11: no column \"nosuchcol\"");
    }

    @Test
    void aLongLineWhoseExcerptDuckDbShortensStillHasItsColumn() {
        String sql = "SELECT order_id + " + "1 + ".repeat(60) + "nosuchcol + " + "2 + ".repeat(60) + "3 FROM " + ORDERS;
        QueryRefusedException refusal = refused(sql, fixture.analyst());
        assertThat(refusal.getMessage()).startsWith("1:" + (sql.indexOf("nosuchcol") + 1) + ": no column \"nosuchcol\"");
    }

    @Test
    void aLineWithTabsOrWideCharactersGetsNoPositionRatherThanAWrongOne() {
        // DuckDB pads its caret by display width (a tab 0, a wide character 2), not by characters
        QueryRefusedException tabs = refused("SELECT\torder_id,\tnosuchcol FROM " + ORDERS, fixture.analyst());
        assertThat(tabs.getMessage()).startsWith("no column \"nosuchcol\"");
        QueryRefusedException wide = refused("SELECT '日本語日本語' AS label, nosuchcol FROM " + ORDERS, fixture.analyst());
        assertThat(wide.getMessage()).startsWith("no column \"nosuchcol\"");
    }

    @Test
    void anExcerptCutAtTheFrontIsTheEndOfItsLineNotAnEarlierCopy() {
        String sql = "SELECT 'x" + "y".repeat(60) + "' = 'z' OR nosuchcol = 1 AS a FROM " + ORDERS + " WHERE 'x"
                + "y".repeat(60) + "' = 'z' OR nosuchcol = 1";
        QueryRefusedException refusal = refused(sql, fixture.analyst());
        String message = refusal.getMessage();
        if (message.startsWith("1:")) {
            int column = Integer.parseInt(message.substring(2, message.indexOf(':', 2)));
            assertThat(column).as("DuckDB binds WHERE first: its copy").isEqualTo(sql.lastIndexOf("nosuchcol") + 1);
        } else {
            assertThat(message).startsWith("no column \"nosuchcol\"");
        }
    }

    @Test
    void aTableOrVersionAGrantedPortDoesNotHaveListsWhatThePortServes() {
        QueryRefusedException table = refused("SELECT 1\nFROM \"sales-orders/orders\".orderz", fixture.analyst());
        assertThat(table.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(table.getMessage()).isEqualTo("2:6: \"sales-orders/orders\".\"orderz\" is not a relation of"
                + " sales-orders/orders; of that port you may read \"sales-orders/orders\".\"orders\"");
        QueryRefusedException version = refused("SELECT * FROM \"customer-profiles/customers/v9\".customers",
                fixture.analyst());
        assertThat(version.getMessage()).contains("is not a relation of customer-profiles/customers")
                .contains("\"customer-profiles/customers/v2\".\"customers\"");
    }

    /** Grants on orders only; the catalog holds sales-orders with the ports orders and returns. */
    private final class CataloguingSource implements AccessView.PortGrants {
        @Override
        public AccessView.PortAccess lookup(String portAddress) {
            return portAddress.equals("sales-orders/orders") ? new AccessView.PortAccess(List.of(fixture.orders()), null)
                    : AccessView.PortAccess.NONE;
        }

        @Override
        public List<String> someNames(int limit) {
            return List.of(GatewayFixture.ORDERS.sql());
        }

        @Override
        public Optional<AccessView.Catalogued> catalogued(String productId) {
            return Optional.of(productId.equals("sales-orders")
                    ? new AccessView.Catalogued.Product(productId, List.of("orders", "returns"))
                    : new AccessView.Catalogued.NoProduct(productId));
        }
    }

    @Test
    void aPortOrProductTheCatalogDoesNotHoldIsNamedSo() {
        AccessView view = AccessView.lookingUp("analyst@acme.example", new CataloguingSource());
        QueryRefusedException port = refused("SELECT * FROM \"sales-orders/ordrs\".orders", view);
        assertThat(port.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(port.getMessage()).isEqualTo("1:15: product sales-orders has no output port ordrs (the query names"
                + " \"sales-orders/ordrs\".\"orders\"); its output ports: orders, returns");
        assertThat(port.details()).containsEntry("outputPorts", List.of("orders", "returns"));

        QueryRefusedException product = refused("SELECT * FROM \"sales-ordrs/orders\".orders", view);
        assertThat(product.getMessage()).startsWith("1:15: there is no product sales-ordrs")
                .doesNotContain("grant");

        QueryRefusedException ungranted = refused("SELECT * FROM \"sales-orders/returns\".returns", view);
        assertThat(ungranted.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(ungranted.getMessage()).contains("you hold no grant to read")
                .contains("polder access request sales-orders/returns --purpose \"...\" --days 30");
    }

    @Test
    void aSourceThatDoesNotSayWhatTheCatalogHoldsKeepsTheGrantMessage() {
        AccessView view = AccessView.lookingUp("analyst@acme.example", new AccessView.PortGrants() {
            @Override
            public AccessView.PortAccess lookup(String portAddress) {
                return AccessView.PortAccess.NONE;
            }

            @Override
            public List<String> someNames(int limit) {
                return List.of();
            }
        });
        assertThat(refused("SELECT * FROM \"sales-orders/ordrs\".orders", view).getMessage())
                .contains("you hold no grant to read");
    }
}
