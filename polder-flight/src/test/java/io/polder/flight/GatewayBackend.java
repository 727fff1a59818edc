package io.polder.flight;

import io.polder.gateway.AccessView;
import io.polder.gateway.ColumnMask;
import io.polder.gateway.GatewaySettings;
import io.polder.gateway.GrantedColumn;
import io.polder.gateway.GrantedRelation;
import io.polder.gateway.QueryGateway;
import io.polder.gateway.QueryRequest;
import io.polder.gateway.QueryResult;
import io.polder.gateway.RelationName;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowSink;
import io.polder.gateway.RowFilter;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's side as the tests play it: a real {@link QueryGateway} over Parquet files written with DuckDB,
 * an analyst whose token and grants are fixed, and a newcomer with a token and no grants.
 * <ul>
 * <li>{@code "customer-profiles/customers".customers}: 100 customers, even ids in NL and odd in BE; the grant
 *     shows NL only and hashes the email.</li>
 * <li>{@code "types/all".types}: one row of each mapped DuckDB type, and one row of NULLs.</li>
 * <li>{@code "events/stream".events}: {@value #EVENTS} rows, for streaming; {@code maybe} is NULL for every
 *     third.</li>
 * <li>{@code "finance-ledger/entries".entries}: published, not granted.</li>
 * </ul>
 * Two more principals hold the analyst's grants: one under a small row cap, one under a short timeout.
 */
final class GatewayBackend implements FlightQueries<String>, AutoCloseable {
    static final String ANALYST = "analyst@acme.example";
    static final String TOKEN = "plt_test_analyst_token";
    /** A principal with a valid token and no grants. */
    static final String NEWCOMER = "newcomer@acme.example";
    static final String NEWCOMER_TOKEN = "plt_test_newcomer_token";
    /** The analyst's grants under a row cap of {@value #CAPPED_ROWS} rows. */
    static final String CAPPED = "capped@acme.example";
    static final String CAPPED_TOKEN = "plt_test_capped_token";
    static final int CAPPED_ROWS = 1_000;
    /** The analyst's grants under a timeout of half a second. */
    static final String HASTY = "hasty@acme.example";
    static final String HASTY_TOKEN = "plt_test_hasty_token";
    static final int EVENTS = 50_000;
    static final byte[] KEY = "a test key of 32 bytes, not real".getBytes(StandardCharsets.UTF_8);
    static final SnapshotId SNAPSHOT = SnapshotId.parse("20260601T100000000Z-abcdef");
    static final PortRef CUSTOMERS_PORT = new PortRef("customer-profiles", "customers", 2);
    static final PortRef TYPES_PORT = new PortRef("types", "all", 1);
    static final PortRef EVENTS_PORT = new PortRef("events", "stream", 1);

    private final QueryGateway gateway;
    private final List<GrantedRelation> granted = new ArrayList<>();
    private final Map<String, AccessView> access = new java.util.HashMap<>();

    GatewayBackend(Path directory) throws SQLException {
        Path customers = directory.resolve("customers.parquet");
        Path types = directory.resolve("types.parquet");
        Path events = directory.resolve("events.parquet");
        Path entries = directory.resolve("entries.parquet");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("COPY (SELECT i::BIGINT AS customer_id, 'user' || i || '@example.com' AS email,"
                    + " CASE WHEN i % 2 = 0 THEN 'NL' ELSE 'BE' END AS country_code"
                    + " FROM range(1, 101) t(i)) TO '" + customers + "' (FORMAT parquet)");
            statement.execute("COPY (SELECT 9000000000::BIGINT AS big, 2000000000::INTEGER AS int, 30000::SMALLINT AS small,"
                    + " 100::TINYINT AS tiny, 2.5::DOUBLE AS dbl, 1.25::FLOAT AS flt, 12.5::DECIMAL(12,2) AS amount,"
                    + " 'Zoë' AS name, true AS flag, DATE '2026-06-01' AS day, TIMESTAMP '2026-06-01 12:34:56.789012' AS at,"
                    + " TIMESTAMPTZ '2026-06-01 12:00:00+02' AS at_tz, INTERVAL 3 DAY AS span, 7::UINTEGER AS unsigned,"
                    + " TIME '08:30:00.25' AS clock, '\\x00\\xFFab'::BLOB AS bytes, [1, 2] AS list"
                    + " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
                    + ") TO '" + types + "' (FORMAT parquet)");
            statement.execute("COPY (SELECT i::BIGINT AS event_id, 'event number ' || i AS label,"
                    + " CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS maybe FROM range(0, " + EVENTS
                    + ") t(i)) TO '" + events + "' (FORMAT parquet)");
            statement.execute("COPY (SELECT 1 AS entry_id, 'top secret' AS memo) TO '" + entries + "' (FORMAT parquet)");
        }
        granted.add(new GrantedRelation(RelationName.current(CUSTOMERS_PORT, "customers"), CUSTOMERS_PORT, SNAPSHOT,
                customers.toString(), List.of(
                        new GrantedColumn("customer_id", "BIGINT", ColumnMask.NONE),
                        new GrantedColumn("email", "VARCHAR", ColumnMask.HASH),
                        new GrantedColumn("country_code", "VARCHAR", ColumnMask.NONE)),
                new RowFilter("country_code = 'NL'"), null, "grant-customers"));
        granted.add(new GrantedRelation(RelationName.current(TYPES_PORT, "types"), TYPES_PORT, SNAPSHOT, types.toString(),
                List.of(new GrantedColumn("big", "BIGINT", ColumnMask.NONE), new GrantedColumn("int", "INTEGER", ColumnMask.NONE),
                        new GrantedColumn("small", "SMALLINT", ColumnMask.NONE), new GrantedColumn("tiny", "TINYINT", ColumnMask.NONE),
                        new GrantedColumn("dbl", "DOUBLE", ColumnMask.NONE), new GrantedColumn("flt", "FLOAT", ColumnMask.NONE),
                        new GrantedColumn("amount", "DECIMAL(12,2)", ColumnMask.NONE), new GrantedColumn("name", "VARCHAR", ColumnMask.NONE),
                        new GrantedColumn("flag", "BOOLEAN", ColumnMask.NONE), new GrantedColumn("day", "DATE", ColumnMask.NONE),
                        new GrantedColumn("at", "TIMESTAMP", ColumnMask.NONE),
                        new GrantedColumn("at_tz", "TIMESTAMP WITH TIME ZONE", ColumnMask.NONE),
                        new GrantedColumn("span", "INTERVAL", ColumnMask.NONE), new GrantedColumn("unsigned", "UINTEGER", ColumnMask.NONE),
                        new GrantedColumn("clock", "TIME", ColumnMask.NONE), new GrantedColumn("bytes", "BLOB", ColumnMask.NONE),
                        new GrantedColumn("list", "INTEGER[]", ColumnMask.NONE)),
                null, null, "grant-types"));
        granted.add(new GrantedRelation(RelationName.current(EVENTS_PORT, "events"), EVENTS_PORT, SNAPSHOT, events.toString(),
                List.of(new GrantedColumn("event_id", "BIGINT", ColumnMask.NONE), new GrantedColumn("label", "VARCHAR", ColumnMask.NONE),
                        new GrantedColumn("maybe", "BIGINT", ColumnMask.NONE)),
                null, null, "grant-events"));
        access.put(ANALYST, AccessView.of(ANALYST, granted));
        access.put(NEWCOMER, AccessView.of(NEWCOMER, List.of()));
        access.put(CAPPED, AccessView.of(CAPPED, granted));
        access.put(HASTY, AccessView.of(HASTY, granted));
        GatewaySettings settings = new GatewaySettings(GatewaySettings.DEFAULT_MAX_SQL_LENGTH, 1_000_000, Duration.ofMinutes(1),
                "1GB", 2, directory.resolve("temp"), "1GB", KEY);
        gateway = new QueryGateway(settings, Clock.systemUTC(), decision -> { });
    }

    @Override
    public Optional<String> authenticate(String bearerToken) {
        return Map.of(TOKEN, ANALYST, NEWCOMER_TOKEN, NEWCOMER, CAPPED_TOKEN, CAPPED, HASTY_TOKEN, HASTY).entrySet().stream()
                .filter(entry -> entry.getKey().equals(bearerToken)).map(Map.Entry::getValue).findFirst();
    }

    @Override
    public List<ResultColumn> describe(String principal, String sql) {
        List<List<ResultColumn>> columns = new ArrayList<>();
        gateway.execute(request(principal, sql, 0), access.get(principal), new RowSink() {
            @Override
            public void start(List<ResultColumn> result) {
                columns.add(result);
            }

            @Override
            public void row(Object[] values) {
                throw new IllegalStateException("a row cap of 0 returns no rows");
            }
        });
        return columns.getFirst();
    }

    @Override
    public QueryResult execute(String principal, String sql, RowSink sink) {
        long rowCap = CAPPED.equals(principal) ? CAPPED_ROWS : 1_000_000;
        Duration timeout = HASTY.equals(principal) ? Duration.ofMillis(500) : Duration.ofSeconds(30);
        return gateway.execute(new QueryRequest(sql, principal, rowCap, timeout), access.get(principal), sink);
    }

    @Override
    public List<RelationName> relations(String principal) {
        return !NEWCOMER.equals(principal) ? granted.stream().map(GrantedRelation::name).toList() : List.of();
    }

    private static QueryRequest request(String principal, String sql, long rowCap) {
        return new QueryRequest(sql, principal, rowCap, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        gateway.close();
    }
}
