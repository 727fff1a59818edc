package io.polder.bench;

import io.polder.gateway.AccessView;
import io.polder.gateway.ColumnMask;
import io.polder.gateway.GatewaySettings;
import io.polder.gateway.GrantedColumn;
import io.polder.gateway.GrantedRelation;
import io.polder.gateway.QueryGateway;
import io.polder.gateway.QueryRequest;
import io.polder.gateway.RelationName;
import io.polder.gateway.RowCollector;
import io.polder.gateway.RowFilter;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The query gateway against DuckDB itself, on N rows of 20 columns (10 million by default):
 * <ul>
 * <li>a governed aggregate (email hashed, code partial, note redacted) against the same query run directly on
 *     DuckDB over the Parquet file. Target: <= 1.10x. Beside it, the same with a row filter that keeps every
 *     row, against DuckDB with the filter as a WHERE: the price of the barrier (not a target).</li>
 * <li>the gateway's own cost on a trivial query: the whole query through the gateway (parse, authorise, a
 *     locked-down session with the governed view, run) against the same query on an open DuckDB connection,
 *     and authorisation alone (parse, checks, lookups).</li>
 * <li>the HTTP endpoint's own cost: {@code POST /api/v1/query} on a running server against the same trivial query
 *     straight through a gateway.</li>
 * <li>authorisation of a query naming 3 relations, with 10 to 10,000 grants and relations of 10 to 1,000
 *     columns: one lookup per relation, so flat. Target: 10,000 grants <= 1.5x 10 grants.</li>
 * <li>the same on the server's path, with the grants in a registry: {@link GatewayAuthorisationBench}.</li>
 * </ul>
 */
final class GatewaySuite implements Suite {
    private static final double AGGREGATE_TARGET = 1.10;
    private static final double GRANTS_TARGET = 1.5;
    private static final PortRef PORT = new PortRef("bench-orders", "orders", 1);
    private static final RelationName RELATION = RelationName.current(PORT, "orders");
    private static final SnapshotId SNAPSHOT = SnapshotId.parse("20260101T000000000Z-000000");
    private static final String AGGREGATE = "SELECT country, channel, count(*) AS orders, sum(amount) AS revenue,"
            + " avg(quantity) AS quantity, max(order_date) AS last_order FROM %s GROUP BY ALL ORDER BY ALL";
    private static final String TRIVIAL = "SELECT id, amount FROM %s LIMIT 10";
    private static final int AUTHORISATIONS = 500;

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String description() {
        return "query gateway: governed aggregate vs DuckDB, overhead on a trivial query, authorisation vs grants and"
                + " columns, and on the server's path with a registry (--rows=10000000, --runs=5,"
                + " --auth-products=10000, --auth-grants=10,10000, --authorisations=300, --only=authorisation);"
                + " targets <= 1.10x and <= 1.5x";
    }

    @Override
    public boolean run(BenchOptions options, PrintStream out) throws Exception {
        GatewayAuthorisationBench.logToFile(); // before the gateway logs anything
        long rows = options.number("rows", 10_000_000L);
        int runs = options.integer("runs", 5);
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
        String memory = options.values().getOrDefault("memory", "4GB");
        String only = options.string("only", "");
        if (!only.isEmpty() && !only.equals("authorisation")) {
            throw new IllegalArgumentException("--only takes authorisation (the server-path part alone), found " + only);
        }
        if (only.equals("authorisation")) { // the server-path part alone: no data written
            boolean met = GatewayAuthorisationBench.run(options, out);
            out.println(met ? "  targets met" : "  TARGET MISSED");
            return met;
        }
        Path directory = Files.createTempDirectory("polder-bench-gateway");
        try {
            Path file = directory.resolve("orders.parquet");
            long generating = System.nanoTime();
            BenchDataset.write(file, rows);
            out.printf("gateway: %,d rows x 20 columns, %,d bytes of Parquet (written in %s); %d threads, memory %s;"
                    + " median of %d runs%n", rows, Files.size(file), Measure.millis(System.nanoTime() - generating),
                    threads, memory, runs);
            GatewaySettings settings = new GatewaySettings(GatewaySettings.DEFAULT_MAX_SQL_LENGTH, 1_000_000,
                    Duration.ofHours(2), memory, threads, directory.resolve("temp"), "20GB",
                    "bench mask key, 32 bytes long!!!".getBytes(StandardCharsets.UTF_8));
            try (Connection duckdb = duckdb(threads, memory);
                 QueryGateway gateway = new QueryGateway(settings, Clock.systemUTC(), decision -> { })) {
                List<GrantedColumn> columns = columns(duckdb, file);
                GrantedRelation masked = new GrantedRelation(RELATION, PORT, SNAPSHOT, file.toString(), columns, null, null, "bench");
                GrantedRelation filtered = new GrantedRelation(RELATION, PORT, SNAPSHOT, file.toString(), columns,
                        new RowFilter("country IN ('NL', 'BE', 'DE', 'FR', 'SE')"), null, "bench");
                boolean aggregateMet = aggregate(gateway, duckdb, file, masked, filtered, runs, out);
                trivial(gateway, duckdb, file, masked, runs, out);
                http(gateway, directory.resolve("server"), runs, out);
                boolean grantsMet = authorisation(gateway, file, runs, out);
                boolean serverMet = GatewayAuthorisationBench.run(options, out);
                boolean met = aggregateMet && grantsMet && serverMet;
                out.println(met ? "  targets met" : "  TARGET MISSED");
                return met;
            }
        } finally {
            delete(directory);
        }
    }

    private static boolean aggregate(QueryGateway gateway, Connection duckdb, Path file, GrantedRelation masked,
                                     GrantedRelation filtered, int runs, PrintStream out) throws Exception {
        AccessView maskedView = AccessView.of("bench", List.of(masked));
        AccessView filteredView = AccessView.of("bench", List.of(filtered));
        String governed = AGGREGATE.formatted(RELATION.sql());
        String direct = AGGREGATE.formatted("read_parquet('" + file + "')");
        String directFiltered = AGGREGATE.formatted("(SELECT * FROM read_parquet('" + file + "') WHERE "
                + filtered.rowFilter().sql() + ")");
        Map<String, Callable<?>> tasks = new LinkedHashMap<>();
        tasks.put("direct", () -> rows(duckdb, direct));
        tasks.put("masked", () -> through(gateway, governed, maskedView));
        tasks.put("direct filtered", () -> rows(duckdb, directFiltered));
        tasks.put("filtered", () -> through(gateway, governed, filteredView));
        Map<String, Long> times = Measure.interleaved(1, runs, tasks);
        long baseline = times.get("direct");
        double ratio = (double) times.get("masked") / baseline;
        double filteredRatio = (double) times.get("filtered") / times.get("direct filtered");
        out.println("  governed aggregate: GROUP BY country, channel over every row (count, sum, avg, max)");
        out.printf("    %-62s %12s%n", "baseline: the same query on DuckDB over the Parquet file", Measure.millis(baseline));
        out.printf("    %-62s %12s   %s of baseline (target <= %.2fx)%n", "polder: through the gateway, 3 masked columns",
                Measure.millis(times.get("masked")), Measure.ratio(ratio), AGGREGATE_TARGET);
        out.printf("    %-62s %12s%n", "baseline: the same on DuckDB, with the row filter as a WHERE",
                Measure.millis(times.get("direct filtered")));
        out.printf("    %-62s %12s   %s of that baseline (not a target: the barrier's price)%n",
                "polder: through the gateway, 3 masked columns and a row filter", Measure.millis(times.get("filtered")),
                Measure.ratio(filteredRatio));
        return ratio <= AGGREGATE_TARGET;
    }

    private static void trivial(QueryGateway gateway, Connection duckdb, Path file, GrantedRelation masked, int runs,
                                PrintStream out) throws Exception {
        AccessView view = AccessView.of("bench", List.of(masked));
        String governed = TRIVIAL.formatted(RELATION.sql());
        String direct = TRIVIAL.formatted("read_parquet('" + file + "')");
        QueryRequest request = new QueryRequest(governed, "bench", 1000, Duration.ofMinutes(1));
        Map<String, Callable<?>> tasks = new LinkedHashMap<>();
        tasks.put("direct", () -> rows(duckdb, direct));
        tasks.put("gateway", () -> through(gateway, governed, view));
        tasks.put("authorise", () -> gateway.authorize(request, view));
        Map<String, Long> times = Measure.interleaved(5, Math.max(runs, 21), tasks);
        out.println("  overhead on a trivial query: " + TRIVIAL.formatted("REL"));
        out.printf("    %-62s %12s%n", "baseline: DuckDB on an open connection", Measure.millis(times.get("direct")));
        out.printf("    %-62s %12s   gateway overhead %s%n", "polder: through the gateway (a fresh locked-down session)",
                Measure.millis(times.get("gateway")), Measure.millis(times.get("gateway") - times.get("direct")));
        out.printf("    %-62s %12s%n", "polder: of which parse, authorise and check alone", Measure.millis(times.get("authorise")));
    }

    /**
     * The HTTP endpoint's own cost: {@code POST /api/v1/query} on a real server (token, grants read from the
     * registry, JSON, the audit and usage records queued) against the same query straight through a gateway.
     * The query names no relation, so it needs no product: what differs is the HTTP path alone.
     */
    private static void http(QueryGateway gateway, Path dataDir, int runs, PrintStream out) throws Exception {
        String sql = "SELECT 42 AS answer, 'x' AS word";
        byte[] body = ("{\"sql\": \"" + sql + "\"}").getBytes(StandardCharsets.UTF_8);
        AccessView none = AccessView.of("bench", List.of());
        try (BenchServer server = BenchServer.start(dataDir, null)) {
            HttpProbe probe = new HttpProbe(server.baseUrl(), Files.readString(dataDir.resolve("admin.token")).strip());
            Map<String, Callable<?>> tasks = new LinkedHashMap<>();
            tasks.put("gateway", () -> through(gateway, sql, none));
            tasks.put("http", () -> probe.post("/api/v1/query", body));
            Map<String, Long> times = Measure.interleaved(5, Math.max(runs, 21), tasks);
            out.println("  the HTTP endpoint on a trivial query: POST /api/v1/query " + sql);
            out.printf("    %-62s %12s%n", "baseline: the same query straight through a gateway", Measure.millis(times.get("gateway")));
            out.printf("    %-62s %12s   HTTP overhead %s%n", "polder: POST /api/v1/query on a running server",
                    Measure.millis(times.get("http")), Measure.millis(times.get("http") - times.get("gateway")));
        }
    }

    private static boolean authorisation(QueryGateway gateway, Path file, int runs, PrintStream out) throws Exception {
        String sql = "SELECT a.id, b.amount, c.country FROM \"p0/port\".orders a JOIN \"p1/port\".orders b USING (id)"
                + " JOIN \"p2/port\".orders c USING (id) WHERE a.amount > 10";
        QueryRequest request = new QueryRequest(sql, "bench", 1000, Duration.ofMinutes(1));
        Map<String, Callable<?>> tasks = new LinkedHashMap<>();
        for (int grants : new int[] {10, 100, 1_000, 10_000}) {
            AccessView view = grants(file, grants, 10);
            tasks.put(grants + " grants", () -> authorise(gateway, request, view));
        }
        for (int columns : new int[] {10, 1_000}) {
            AccessView view = grants(file, 10, columns);
            tasks.put(columns + " columns", () -> authorise(gateway, request, view));
        }
        Map<String, Long> times = Measure.interleaved(1, Math.max(runs, 7), tasks);
        long ten = times.get("10 grants");
        out.printf("  authorisation of a query naming 3 relations (parse, checks, one lookup per relation), %d times:%n",
                AUTHORISATIONS);
        times.forEach((name, nanos) -> out.printf("    %-62s %12s   %s of 10 grants of 10 columns%n", name
                + (name.endsWith("grants") ? " of 10 columns" : ", 10 grants"), Measure.millis(nanos),
                Measure.ratio((double) nanos / ten)));
        double ratio = (double) times.get("10000 grants") / ten;
        out.printf("    10,000 grants: %s of 10 grants (target <= %.1fx); 1,000 columns: %s of 10 columns%n",
                Measure.ratio(ratio), GRANTS_TARGET, Measure.ratio((double) times.get("1000 columns") / times.get("10 columns")));
        return ratio <= GRANTS_TARGET;
    }

    private static Object authorise(QueryGateway gateway, QueryRequest request, AccessView view) {
        Object decision = null;
        for (int i = 0; i < AUTHORISATIONS; i++) {
            decision = gateway.authorize(request, view);
        }
        return decision;
    }

    /** {@code count} granted relations "pN/port".orders of {@code width} columns each. */
    private static AccessView grants(Path file, int count, int width) {
        List<GrantedColumn> columns = new ArrayList<>();
        for (String name : List.of("id", "amount", "country")) {
            columns.add(new GrantedColumn(name, "VARCHAR", ColumnMask.NONE));
        }
        for (int i = columns.size(); i < width; i++) {
            columns.add(new GrantedColumn("extra_" + i, "VARCHAR", i % 2 == 0 ? ColumnMask.HASH : ColumnMask.NONE));
        }
        List<GrantedRelation> relations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PortRef port = new PortRef("p" + i, "port", 1);
            relations.add(new GrantedRelation(RelationName.current(port, "orders"), port, SNAPSHOT, file.toString(),
                    columns, null, null, "g" + i));
        }
        return AccessView.of("bench", relations);
    }

    private static List<GrantedColumn> columns(Connection duckdb, Path file) throws SQLException {
        Map<String, ColumnMask> masks = Map.of("email", ColumnMask.HASH, "code", ColumnMask.PARTIAL, "note", ColumnMask.REDACT);
        List<GrantedColumn> columns = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
             ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (result.next()) {
                String name = result.getString("column_name");
                columns.add(new GrantedColumn(name, result.getString("column_type"), masks.getOrDefault(name, ColumnMask.NONE)));
            }
        }
        return columns;
    }

    private static long through(QueryGateway gateway, String sql, AccessView view) {
        RowCollector rows = new RowCollector();
        return gateway.execute(new QueryRequest(sql, "bench", 1_000_000, Duration.ofHours(2)), view, rows).rowCount();
    }

    private static long rows(Connection connection, String sql) throws SQLException {
        long count = 0;
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int width = result.getMetaData().getColumnCount();
            while (result.next()) {
                for (int i = 1; i <= width; i++) {
                    result.getObject(i);
                }
                count++;
            }
        }
        return count;
    }

    private static Connection duckdb(int threads, String memory) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("threads", Integer.toString(threads));
        properties.setProperty("memory_limit", memory);
        return DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    private static void delete(Path directory) throws java.io.IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
