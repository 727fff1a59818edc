package io.polder.engine.duckdb.demo;

import io.polder.engine.duckdb.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Generates the source data of the example mesh (ACME Retail), deterministically: the same
 * {@link DemoOptions} give the same rows. It writes what the source-aligned products' {@code polder.yaml}
 * declare, under a source directory:
 * <pre>
 * customer-profiles/crm_customers.csv           the CRM export (CSV)
 * sales-orders/orders_export.parquet            the order system's orders (Parquet; the largest source)
 * sales-orders/order_lines_export.parquet       their lines (Parquet)
 * logistics-shipments/shipments_feed.json       the warehouse system's shipments (newline-delimited JSON)
 * logistics-shipments/tracking_events.parquet   the carriers' tracking events (Parquet)
 * </pre>
 * The data keeps the promises of the example contracts (keys unique, amounts adding up, every recent day
 * with orders, shipments only for two years, events never in the future), with a few test orders and
 * erased customers that the products' builds must remove.
 */
public final class ExampleMeshData {
    private static final Map<String, BigDecimal> RATES_FROM_EUR = Map.of("EUR", BigDecimal.ONE,
            "SEK", new BigDecimal("11.50"), "DKK", new BigDecimal("7.45"), "PLN", new BigDecimal("4.30"),
            "GBP", new BigDecimal("0.85"));
    private static final Map<String, BigDecimal> VAT = Map.of("NL", new BigDecimal("0.21"), "BE", new BigDecimal("0.21"),
            "DE", new BigDecimal("0.19"), "FR", new BigDecimal("0.20"), "SE", new BigDecimal("0.25"),
            "DK", new BigDecimal("0.25"), "PL", new BigDecimal("0.23"), "GB", new BigDecimal("0.20"));
    private static final Map<String, String> DIAL_CODES = Map.of("NL", "31", "BE", "32", "DE", "49", "FR", "33",
            "SE", "46", "DK", "45", "PL", "48", "GB", "44");
    private static final int PRODUCTS = 3_000;

    private final DemoOptions options;
    private final SplittableRandom random;
    private final Customers customers;
    private long shipmentCount;

    private ExampleMeshData(DemoOptions options) {
        this.options = options;
        this.random = new SplittableRandom(options.seed());
        this.customers = new Customers(options.customers());
    }

    /** Writes every source file under {@code sourceDirectory}; returns the rows written per file. */
    public static Map<String, Long> generate(Path sourceDirectory, DemoOptions options) {
        try (Connection plain = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDBConnection connection = plain.unwrap(DuckDBConnection.class);
            execute(connection, "SET TimeZone = 'UTC'");
            return new ExampleMeshData(options).write(connection, sourceDirectory.toAbsolutePath().normalize());
        } catch (SQLException e) {
            throw new IllegalStateException("generating the example data failed: " + e.getMessage(), e);
        }
    }

    private Map<String, Long> write(DuckDBConnection connection, Path directory) throws SQLException {
        createTables(connection);
        try (DuckDBAppender appender = connection.createAppender("main", "crm_customers")) {
            for (int i = 0; i < options.customers(); i++) {
                appendCustomer(appender, i);
            }
        }
        try (DuckDBAppender orders = connection.createAppender("main", "orders_export");
             DuckDBAppender lines = connection.createAppender("main", "order_lines_export");
             DuckDBAppender shipments = connection.createAppender("main", "shipments_feed");
             DuckDBAppender events = connection.createAppender("main", "tracking_events")) {
            for (int i = 0; i < options.orders(); i++) {
                appendOrder(i, orders, lines, shipments, events);
            }
        }
        Map<String, Long> written = new LinkedHashMap<>();
        written.put("customer-profiles/crm_customers.csv", copy(connection, "crm_customers",
                directory.resolve("customer-profiles/crm_customers.csv"), "FORMAT csv, HEADER true"));
        written.put("sales-orders/orders_export.parquet", copy(connection, "orders_export",
                directory.resolve("sales-orders/orders_export.parquet"), "FORMAT parquet"));
        written.put("sales-orders/order_lines_export.parquet", copy(connection, "order_lines_export",
                directory.resolve("sales-orders/order_lines_export.parquet"), "FORMAT parquet"));
        written.put("logistics-shipments/shipments_feed.json", copy(connection, "shipments_feed",
                directory.resolve("logistics-shipments/shipments_feed.json"), "FORMAT json"));
        written.put("logistics-shipments/tracking_events.parquet", copy(connection, "tracking_events",
                directory.resolve("logistics-shipments/tracking_events.parquet"), "FORMAT parquet"));
        return written;
    }

    private static void createTables(Connection connection) throws SQLException {
        execute(connection, "CREATE TABLE crm_customers (customer_id BIGINT, first_name VARCHAR, last_name VARCHAR,"
                + " email VARCHAR, phone VARCHAR, date_of_birth DATE, street_address VARCHAR, postal_code VARCHAR,"
                + " city VARCHAR, country_code VARCHAR, loyalty_tier VARCHAR, marketing_opt_in BOOLEAN,"
                + " created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ, erased BOOLEAN)");
        execute(connection, "CREATE TABLE orders_export (order_id BIGINT, order_number VARCHAR, customer_id BIGINT,"
                + " order_date DATE, ordered_at TIMESTAMPTZ, sales_channel VARCHAR, order_status VARCHAR,"
                + " currency_code VARCHAR, net_amount DECIMAL(12,2), tax_amount DECIMAL(12,2), gross_amount DECIMAL(12,2),"
                + " shipping_country_code VARCHAR, updated_at TIMESTAMPTZ, is_test_order BOOLEAN)");
        execute(connection, "CREATE TABLE order_lines_export (order_id BIGINT, line_number INTEGER, product_sku VARCHAR,"
                + " product_name VARCHAR, quantity INTEGER, unit_price DECIMAL(12,2), discount_amount DECIMAL(12,2))");
        execute(connection, "CREATE TABLE shipments_feed (shipment_id BIGINT, order_id BIGINT, customer_id BIGINT,"
                + " carrier_code VARCHAR, service_level VARCHAR, tracking_number VARCHAR, recipient_name VARCHAR,"
                + " delivery_street_address VARCHAR, delivery_postal_code VARCHAR, delivery_country_code VARCHAR,"
                + " warehouse_code VARCHAR, shipped_at TIMESTAMPTZ, promised_delivery_date DATE, delivered_at TIMESTAMPTZ,"
                + " shipment_status VARCHAR, package_count INTEGER, weight_kg DECIMAL(8,3))");
        execute(connection, "CREATE TABLE tracking_events (event_id UUID, shipment_id BIGINT, event_type VARCHAR,"
                + " event_at TIMESTAMPTZ, depot_code VARCHAR, carrier_status_code VARCHAR)");
    }

    // --- customers

    /** What orders and shipments need to know of a customer. */
    private static final class Customers {
        final String[] country;
        final String[] name;
        final String[] street;
        final String[] postalCode;

        Customers(int count) {
            country = new String[count];
            name = new String[count];
            street = new String[count];
            postalCode = new String[count];
        }
    }

    private void appendCustomer(DuckDBAppender appender, int index) throws SQLException {
        long id = 2_000_000L + index;
        String first = Vocabulary.pick(random, Vocabulary.FIRST_NAMES);
        String last = Vocabulary.pick(random, Vocabulary.LAST_NAMES);
        String country = Vocabulary.country(random);
        String street = (1 + random.nextInt(240)) + " " + Vocabulary.pick(random, Vocabulary.STREETS);
        String postal = String.format(java.util.Locale.ROOT, "%04d %s", 1000 + random.nextInt(9000),
                (char) ('A' + random.nextInt(26)) + "" + (char) ('A' + random.nextInt(26)));
        customers.country[index] = country;
        customers.name[index] = first + " " + last;
        customers.street[index] = street;
        customers.postalCode[index] = postal;
        Instant created = between(options.firstOrderDate().minusYears(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                options.now().minus(Duration.ofDays(1)));
        // a few profiles changed in the last hours: the CRM export is fresh
        Instant updated = index % 50 == 0 ? options.now().minus(Duration.ofMinutes(1 + random.nextInt(360)))
                : between(created, options.now());
        appender.beginRow()
                .append(id).append(first).append(last)
                .append((first + "." + last.replace(" ", "") + "." + id + "@example.com").toLowerCase(java.util.Locale.ROOT))
                .append(random.nextInt(100) < 72 ? "+" + DIAL_CODES.get(country) + digits(9) : "");
        if (random.nextInt(100) < 5) {
            appender.appendNull();
        } else {
            appender.append(LocalDate.of(1940 + random.nextInt(66), 1 + random.nextInt(12), 1 + random.nextInt(28)));
        }
        appender.append(street).append(postal).append(Vocabulary.pick(random, Vocabulary.CITIES.get(country)))
                .append(country).append(Vocabulary.pick(random, java.util.List.of("none", "none", "bronze", "silver", "gold")))
                .append(random.nextInt(100) < 55).append(utc(created)).append(utc(updated))
                .append(random.nextInt(100) == 0)
                .endRow();
    }

    // --- orders, their lines, shipments and tracking events

    private void appendOrder(int index, DuckDBAppender orders, DuckDBAppender lines, DuckDBAppender shipments,
                             DuckDBAppender events) throws SQLException {
        long orderId = 100_000_000L + index;
        int customer = random.nextInt(options.customers());
        String country = customers.country[customer];
        String currency = Vocabulary.CURRENCIES.get(country);
        LocalDate date = orderDate(index);
        int age = (int) ChronoUnit.DAYS.between(date, options.today());
        Instant orderedAt = orderedAt(index, date);
        String status = status(index, age);
        BigDecimal net = appendLines(lines, orderId, currency);
        BigDecimal tax = net.multiply(VAT.get(country)).setScale(2, RoundingMode.HALF_UP);
        Instant updatedAt = index == 0 ? options.now().minus(Duration.ofMinutes(5))
                : min(orderedAt.plus(Duration.ofHours(random.nextInt(24 * Math.min(age + 1, 10)))), options.now());
        boolean test = random.nextInt(1000) < 2;
        orders.beginRow().append(orderId).append(String.format(java.util.Locale.ROOT, "SO-%08d", index))
                .append(2_000_000L + customer).append(date).append(utc(orderedAt))
                .append(channel()).append(status).append(currency).append(net).append(tax).append(net.add(tax))
                .append(country).append(utc(updatedAt)).append(test).endRow();
        boolean shipped = status.equals("shipped") || status.equals("delivered") || status.equals("returned");
        if (shipped && !test && age <= 700) {
            appendShipment(shipments, events, orderId, customer, country, orderedAt, status, index);
        }
    }

    /** The first hundred orders fall on the last hundred days, one each, so no recent day is without orders. */
    private LocalDate orderDate(int index) {
        if (index < 100) {
            return options.today().minusDays(index);
        }
        LocalDate first = options.firstOrderDate();
        long span = ChronoUnit.DAYS.between(first, options.today());
        if (random.nextInt(100) < 25) {
            return options.today().minusDays(random.nextInt(180));
        }
        return first.plusDays(random.nextLong(span + 1));
    }

    private Instant orderedAt(int index, LocalDate date) {
        Instant start = date.atStartOfDay().toInstant(ZoneOffset.UTC);
        if (index == 0) {
            return min(options.now().minus(Duration.ofMinutes(20)), start.plus(Duration.ofHours(23)));
        }
        Instant end = min(start.plus(Duration.ofDays(1)).minusSeconds(1), options.now().minusSeconds(60));
        return end.isAfter(start) ? between(start, end) : start;
    }

    private String status(int index, int age) {
        if (index == 1) {
            return "shipped"; // yesterday's order, shipped half an hour ago: the shipments are fresh
        }
        int roll = random.nextInt(100);
        if (age == 0) {
            return roll < 40 ? "placed" : "paid";
        }
        if (age <= 2) {
            return roll < 30 ? "paid" : "shipped";
        }
        if (age <= 6) {
            return roll < 40 ? "shipped" : roll < 95 ? "delivered" : "cancelled";
        }
        return roll < 83 ? "delivered" : roll < 93 ? "returned" : "cancelled";
    }

    private String channel() {
        int roll = random.nextInt(100);
        return roll < 70 ? "web" : roll < 90 ? "store" : "phone";
    }

    /** Appends the order's lines; returns its net amount (the sum of the lines). */
    private BigDecimal appendLines(DuckDBAppender lines, long orderId, String currency) throws SQLException {
        int count = lineCount();
        BigDecimal net = BigDecimal.ZERO.setScale(2);
        for (int line = 1; line <= count; line++) {
            int product = random.nextInt(PRODUCTS);
            BigDecimal price = productPrice(product).multiply(RATES_FROM_EUR.get(currency)).setScale(2, RoundingMode.HALF_UP);
            int quantity = 1 + (random.nextInt(100) < 70 ? 0 : random.nextInt(4));
            BigDecimal gross = price.multiply(BigDecimal.valueOf(quantity));
            BigDecimal discount = random.nextInt(100) < 20
                    ? gross.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP) : BigDecimal.ZERO.setScale(2);
            lines.beginRow().append(orderId).append(line)
                    .append(String.format(java.util.Locale.ROOT, "SKU-%07d", 1_000_000 + product))
                    .append(Vocabulary.ADJECTIVES.get(product % Vocabulary.ADJECTIVES.size()) + " "
                            + Vocabulary.NOUNS.get(product / Vocabulary.ADJECTIVES.size() % Vocabulary.NOUNS.size()))
                    .append(quantity).append(price).append(discount).endRow();
            net = net.add(gross.subtract(discount));
        }
        return net;
    }

    private int lineCount() {
        int roll = random.nextInt(100);
        return roll < 40 ? 1 : roll < 70 ? 2 : roll < 85 ? 3 : roll < 95 ? 4 : 5;
    }

    /** Each product has one price in EUR, from 4.95 to about 400. */
    private static BigDecimal productPrice(int product) {
        long cents = 495 + (product * 7_919L) % 39_500;
        return BigDecimal.valueOf(cents, 2);
    }

    private void appendShipment(DuckDBAppender shipments, DuckDBAppender events, long orderId, int customer,
                                String country, Instant orderedAt, String status, int index) throws SQLException {
        long shipmentId = 500_000_000L + shipmentCount++;
        String carrier = random.nextInt(100) < 80 ? Vocabulary.CARRIERS.get(country).getFirst()
                : Vocabulary.CARRIERS.get(country).get(1);
        int level = random.nextInt(100);
        String service = level < 80 ? "standard" : level < 95 ? "express" : "same_day";
        Instant shippedAt = index == 1 ? options.now().minus(Duration.ofMinutes(30))
                : min(orderedAt.plus(Duration.ofMinutes(240 + random.nextInt(26 * 60))), options.now().minus(Duration.ofMinutes(
                        1 + random.nextInt(90))));
        LocalDate promised = LocalDate.ofInstant(shippedAt, ZoneOffset.UTC)
                .plusDays(service.equals("standard") ? 2 : service.equals("express") ? 1 : 0);
        Instant deliveredAt = status.equals("delivered") ? deliveredAt(shippedAt, promised) : null;
        String shipmentStatus = switch (status) {
            case "delivered" -> "delivered";
            case "returned" -> "returned";
            default -> random.nextInt(100) < 80 ? "in_transit" : "out_for_delivery";
        };
        shipments.beginRow().append(shipmentId).append(orderId).append(2_000_000L + customer).append(carrier)
                .append(service).append(carrier.toUpperCase(java.util.Locale.ROOT) + shipmentId)
                .append(customers.name[customer]).append(customers.street[customer]).append(customers.postalCode[customer])
                .append(country).append(Vocabulary.pick(random, Vocabulary.WAREHOUSES)).append(utc(shippedAt))
                .append(promised);
        if (deliveredAt == null) {
            shipments.appendNull();
        } else {
            shipments.append(utc(deliveredAt));
        }
        shipments.append(shipmentStatus).append(1 + (random.nextInt(100) < 80 ? 0 : random.nextInt(3)))
                .append(BigDecimal.valueOf(200 + random.nextInt(29_800), 3)).endRow();
        appendEvents(events, shipmentId, shippedAt, deliveredAt, shipmentStatus);
    }

    /** Nineteen deliveries in twenty arrive by the promised date. */
    private Instant deliveredAt(Instant shippedAt, LocalDate promised) {
        Instant promisedEnd = promised.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(60);
        Instant delivered = random.nextInt(100) < 95
                ? between(shippedAt.plus(Duration.ofHours(2)), max(promisedEnd, shippedAt.plus(Duration.ofHours(3))))
                : promisedEnd.plus(Duration.ofHours(2 + random.nextInt(60)));
        return min(delivered, options.now().minusSeconds(30));
    }

    private void appendEvents(DuckDBAppender events, long shipmentId, Instant shippedAt, Instant deliveredAt,
                              String shipmentStatus) throws SQLException {
        Instant at = shippedAt;
        appendEvent(events, shipmentId, "picked_up", at, null, "PU01");
        String[] path = {"in_transit", "at_depot", "out_for_delivery"};
        for (String type : path) {
            at = at.plus(Duration.ofMinutes(20 + random.nextInt(300)));
            if (at.isAfter(options.now()) || (deliveredAt != null && !at.isBefore(deliveredAt))) {
                break;
            }
            appendEvent(events, shipmentId, type, at, type.equals("at_depot") ? "DEP-" + (100 + random.nextInt(60)) : null,
                    type.substring(0, 2).toUpperCase(java.util.Locale.ROOT) + "0" + (1 + random.nextInt(9)));
            if (shipmentStatus.equals("in_transit") && type.equals("at_depot")) {
                break;
            }
        }
        if (deliveredAt != null) {
            appendEvent(events, shipmentId, "delivered", deliveredAt, null, "DL01");
        } else if (shipmentStatus.equals("returned")) {
            appendEvent(events, shipmentId, "returned", min(at.plus(Duration.ofDays(3)), options.now()), null, "RT01");
        }
    }

    private void appendEvent(DuckDBAppender events, long shipmentId, String type, Instant at, String depot,
                             String statusCode) throws SQLException {
        events.beginRow().append(new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                        random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L))
                .append(shipmentId).append(type).append(utc(at));
        if (depot == null) {
            events.appendNull();
        } else {
            events.append(depot);
        }
        events.append(statusCode).endRow();
    }

    // --- helpers

    private Instant between(Instant from, Instant to) {
        long span = Duration.between(from, to).toSeconds();
        return span <= 0 ? from : from.plusSeconds(random.nextLong(span));
    }

    private String digits(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static long copy(Connection connection, String table, Path file, String options) throws SQLException {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM " + Sql.identifier(table) + ") TO " + Sql.literal(file) + " (" + options + ")");
            return statement.getUpdateCount();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code java ... ExampleMeshData DIR [ORDERS [SEED]]}: writes the sources for the demo. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ExampleMeshData SOURCE_DIRECTORY [ORDERS] [SEED]");
            System.exit(2);
        }
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : DemoOptions.DEFAULT_ORDERS;
        DemoOptions defaults = DemoOptions.of(orders, Instant.now());
        DemoOptions options = args.length > 2 ? new DemoOptions(Long.parseLong(args[2]), orders, defaults.customers(),
                defaults.now()) : defaults;
        generate(Path.of(args[0]), options).forEach((file, rows) -> System.out.printf("%,12d rows  %s%n", rows, file));
    }
}
