package io.polder.spi.testkit;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OdpsReader;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceFormat;
import io.polder.spi.PortRef;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.BuildRequest;
import io.polder.spi.build.InputBinding;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.settings.ProductSettingsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The products the contract-test kit builds: {@code kit-orders}, source-aligned (a CSV source, one output
 * port {@code orders} with a contract of schema, quality and SLA rules), and {@code kit-daily}, which reads
 * it through an input port and aggregates it.
 */
public final class KitFixtures {
    public static final PortRef ORDERS = new PortRef("kit-orders", "orders", 1);
    public static final PortRef DAILY = new PortRef("kit-daily", "daily", 1);

    /** Ten good orders; {@link #badOrders} breaks the contract's error-level rules. */
    public static final String GOOD_ORDERS = """
            order_id,customer_email,status,amount,ordered_on
            1,ann@example.com,paid,10.50,2025-01-01
            2,bob@example.com,paid,20.00,2025-01-01
            3,cy@example.com,shipped,5.25,2025-01-02
            4,dee@example.com,paid,7.75,2025-01-02
            5,eve@example.com,cancelled,0.00,2025-01-02
            6,fay@example.com,paid,12.00,2025-01-03
            7,gus@example.com,shipped,3.10,2025-01-03
            8,hal@example.com,paid,99.99,2025-01-03
            9,ivy@example.com,paid,1.00,2025-01-04
            10,jon@example.com,shipped,42.00,2025-01-04
            """;

    private KitFixtures() {
    }

    /** Good orders plus a duplicate id, an unknown status and a missing email. */
    public static String badOrders() {
        return GOOD_ORDERS + """
                10,kim@example.com,paid,1.00,2025-01-05
                11,lou@example.com,lost,2.00,2025-01-05
                12,,paid,3.00,2025-01-05
                """;
    }

    public static final String ORDERS_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: kit-orders-orders
            name: Kit orders
            version: 1.0.0
            status: active
            schema:
              - name: orders
                physicalType: table
                properties:
                  - name: order_id
                    logicalType: integer
                    physicalType: bigint
                    required: true
                    primaryKey: true
                    primaryKeyPosition: 1
                  - name: customer_email
                    logicalType: string
                    physicalType: varchar(254)
                    required: true
                    classification: personal
                  - name: status
                    logicalType: string
                    physicalType: varchar(12)
                    required: true
                    classification: public
                    quality:
                      - id: status_valid
                        metric: invalidValues
                        arguments:
                          validValues: [paid, shipped, cancelled]
                        mustBe: 0
                        severity: error
                  - name: amount
                    logicalType: number
                    physicalType: decimal(10,2)
                    required: true
                    classification: internal
                    quality:
                      - id: amount_not_huge
                        metric: invalidValues
                        arguments:
                          pattern: "^[0-9]\\\\."
                        mustBeLessOrEqualTo: 0
                        severity: warning
                  - name: ordered_on
                    logicalType: date
                    physicalType: date
                    required: true
                quality:
                  - id: orders_row_count
                    metric: rowCount
                    mustBeGreaterThan: 0
                  - id: orders_no_negative_amounts
                    type: sql
                    query: SELECT count(*) FROM {object} WHERE amount < 0
                    mustBe: 0
                  - id: orders_reviewed
                    type: text
                    description: A person reviews the orders each month.
            """;

    public static final String ORDERS_PRODUCT = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: kit-orders
            name: Kit orders
            version: 1.0.0
            status: active
            outputPorts:
              - name: orders
                version: 1.0.0
                contractId: kit-orders-orders
            """;

    public static final String ORDERS_SQL = """
            SELECT order_id, customer_email, status, amount, ordered_on
            FROM source.orders_csv
            """;

    public static final String DAILY_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: kit-daily-daily
            name: Kit daily orders
            version: 1.0.0
            status: active
            schema:
              - name: daily
                properties:
                  - name: ordered_on
                    logicalType: date
                    physicalType: date
                    required: true
                    unique: true
                  - name: order_count
                    logicalType: integer
                    physicalType: bigint
                    required: true
                  - name: revenue
                    logicalType: number
                    physicalType: decimal(12,2)
                    required: true
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 0
            """;

    public static final String DAILY_PRODUCT = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: kit-daily
            name: Kit daily orders
            version: 1.0.0
            status: active
            inputPorts:
              - name: orders
                version: 1.0.0
                contractId: kit-orders-orders
            outputPorts:
              - name: daily
                version: 1.0.0
                contractId: kit-daily-daily
            """;

    public static final String DAILY_SQL = """
            SELECT ordered_on, count(*) AS order_count, sum(amount) AS revenue
            FROM orders.orders
            GROUP BY ordered_on
            """;

    /** The orders product reading {@code csv}, built by {@code sql}, checked by {@code contract}. */
    public static ProductDefinition orders(Path csv, String sql, String contract) {
        String settings = """
                apiVersion: polder/v1
                kind: ProductSettings
                sources:
                  - name: orders_csv
                    format: csv
                    path: %s
                """.formatted(csv.toAbsolutePath());
        return new ProductDefinition(product(ORDERS_PRODUCT), List.of(contract(contract)),
                List.of(new BuildFile("orders", sql, "kit-orders/build/orders.sql")),
                ProductSettingsReader.parse(settings, "kit-orders/polder.yaml"));
    }

    public static ProductDefinition orders(Path csv) {
        return orders(csv, ORDERS_SQL, ORDERS_CONTRACT);
    }

    public static ProductDefinition daily() {
        return new ProductDefinition(product(DAILY_PRODUCT), List.of(contract(DAILY_CONTRACT)),
                List.of(new BuildFile("daily", DAILY_SQL, "kit-daily/build/daily.sql")), null);
    }

    public static BuildRequest buildOrders(Path csv) {
        return BuildRequest.of(orders(csv), List.of());
    }

    public static BuildRequest buildDaily() {
        return BuildRequest.of(daily(), List.of(new InputBinding("orders", ORDERS)));
    }

    /** Writes {@code content} to {@code file}, replacing it. */
    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static DataContract contract(String yaml) {
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, "contract.odcs.yaml", SourceFormat.YAML);
        Problems problems = new Problems("contract.odcs.yaml");
        DataContract contract = new OdcsReader().read(parsed.documents().getFirst(), problems);
        if (problems.hasErrors()) {
            throw new IllegalArgumentException("kit contract is invalid: " + problems.list());
        }
        return contract;
    }

    public static DataProduct product(String yaml) {
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, "product.odps.yaml", SourceFormat.YAML);
        Problems problems = new Problems("product.odps.yaml");
        DataProduct product = new OdpsReader().read(parsed.documents().getFirst(), problems);
        if (problems.hasErrors()) {
            throw new IllegalArgumentException("kit product is invalid: " + problems.list());
        }
        return product;
    }
}
