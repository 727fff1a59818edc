package io.polder.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint on a loopback port over a real gateway, queried with the Flight SQL JDBC driver from Maven
 * Central (and, where the Flight status code or the batches matter, with Arrow's own Flight SQL client).
 */
class FlightSqlEndpointTest {
    private static final String CUSTOMERS = "\"customer-profiles/customers\".customers";
    private static final int BATCH_ROWS = 4_096;

    @TempDir
    static Path directory;
    static GatewayBackend backend;
    static FlightSqlEndpoint endpoint;
    static BufferAllocator clientAllocator;
    static FlightClient flightClient;
    static FlightSqlClient client;

    @BeforeAll
    static void start() throws Exception {
        backend = new GatewayBackend(directory);
        endpoint = FlightSqlEndpoint.start(FlightSettings.loopback(0).withBatchRows(BATCH_ROWS), backend);
        clientAllocator = new RootAllocator();
        flightClient = FlightClient.builder(clientAllocator, Location.forGrpcInsecure("127.0.0.1", endpoint.port())).build();
        client = new FlightSqlClient(flightClient);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        clientAllocator.close();
        endpoint.close();
        backend.close();
    }

    private static Connection connect(String token) throws SQLException {
        return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port()
                + "/?useEncryption=false" + (token == null ? "" : "&token=" + token));
    }

    private static CallOption token(String token) {
        return new CredentialCallOption(new BearerCredentialWriter(token));
    }

    @Test
    void aGrantedRelationComesBackMaskedAndFiltered() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = connect(GatewayBackend.TOKEN);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT customer_id, email, country_code FROM " + CUSTOMERS
                     + " ORDER BY customer_id")) {
            while (result.next()) {
                ids.add(result.getLong("customer_id"));
                assertThat(result.getString("country_code")).isEqualTo("NL");
                assertThat(result.getString("email")).matches("[0-9a-f]{64}");
            }
        }
        assertThat(ids).hasSize(50).allMatch(id -> id % 2 == 0).startsWith(2L, 4L, 6L);
    }

    @Test
    void duckdbTypesArriveAsTheirArrowAndJdbcTypes() throws Exception {
        try (Connection connection = connect(GatewayBackend.TOKEN);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM \"types/all\".types ORDER BY big NULLS LAST")) {
            ResultSetMetaData meta = result.getMetaData();
            assertThat(List.of(meta.getColumnType(1), meta.getColumnType(2), meta.getColumnType(3), meta.getColumnType(4),
                    meta.getColumnType(5), meta.getColumnType(6), meta.getColumnType(7), meta.getColumnType(8),
                    meta.getColumnType(9), meta.getColumnType(10), meta.getColumnType(11), meta.getColumnType(12),
                    meta.getColumnType(13), meta.getColumnType(14), meta.getColumnType(15), meta.getColumnType(16),
                    meta.getColumnType(17)))
                    .containsExactly(Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.DOUBLE, Types.FLOAT,
                            Types.DECIMAL, Types.VARCHAR, Types.BOOLEAN, Types.DATE, Types.TIMESTAMP,
                            Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.BIGINT, Types.TIME, Types.VARBINARY,
                            Types.VARCHAR);
            assertThat(meta.getPrecision(7)).isEqualTo(12);
            assertThat(meta.getScale(7)).isEqualTo(2);

            assertThat(result.next()).isTrue();
            assertThat(result.getLong("big")).isEqualTo(9_000_000_000L);
            assertThat(result.getInt("int")).isEqualTo(2_000_000_000);
            assertThat(result.getShort("small")).isEqualTo((short) 30_000);
            assertThat(result.getByte("tiny")).isEqualTo((byte) 100);
            assertThat(result.getDouble("dbl")).isEqualTo(2.5);
            assertThat(result.getFloat("flt")).isEqualTo(1.25f);
            assertThat(result.getBigDecimal("amount")).isEqualTo(new BigDecimal("12.50"));
            assertThat(result.getString("name")).isEqualTo("Zoë");
            assertThat(result.getBoolean("flag")).isTrue();
            assertThat(result.getDate("day").toLocalDate()).isEqualTo(LocalDate.of(2026, 6, 1));
            assertThat(result.getTimestamp("at").toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 6, 1, 12, 34, 56, 789_012_000));
            assertThat(result.getTimestamp("at_tz").toInstant()).isEqualTo(Instant.parse("2026-06-01T10:00:00Z"));
            assertThat(result.getString("span")).isEqualTo("3 days");
            assertThat(result.getLong("unsigned")).isEqualTo(7L);
            assertThat(result.getTime("clock").toLocalTime()).isEqualTo(LocalTime.of(8, 30, 0));
            assertThat(result.getBytes("bytes")).containsExactly(0x00, 0xFF, 'a', 'b');
            assertThat(result.getString("list")).isEqualTo("[1, 2]");

            assertThat(result.next()).isTrue();
            for (int column = 1; column <= 17; column++) {
                // the driver's getObject does not take TIMESTAMP_WITH_TIMEZONE columns (Avatica: "not implemented")
                Object value = column == 12 ? result.getTimestamp(column) : result.getObject(column);
                assertThat(value).as(meta.getColumnName(column)).isNull();
            }
            assertThat(result.next()).isFalse();
        }
    }

    @Test
    void anUngrantedRelationIsRefusedWithTheCommandThatRequestsIt() throws Exception {
        String sql = "SELECT * FROM \"finance-ledger/entries\".entries";
        try (Connection connection = connect(GatewayBackend.TOKEN); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(sql)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("polder access request finance-ledger/entries")
                    .hasMessageNotContaining("top secret");
        }
        assertThatThrownBy(() -> client.execute(sql, token(GatewayBackend.TOKEN)))
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHORIZED);
                    assertThat(e.status().description()).contains("polder access request finance-ledger/entries");
                    assertThat(e.status().metadata().get("polder-code")).isEqualTo("FORBIDDEN");
                    assertThat(e.status().metadata().get("polder-port")).isEqualTo("finance-ledger/entries");
                    assertThat(e.status().metadata().get("polder-command"))
                            .isEqualTo("polder access request finance-ledger/entries --purpose \"...\" --days 30");
                });
    }

    @Test
    void aBadTokenOrNoneIsRefused() {
        assertThatThrownBy(() -> {
            try (Connection connection = connect("plt_not_a_real_token"); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("the token is not valid");
        assertThatThrownBy(() -> {
            try (Connection connection = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port()
                    + "/?useEncryption=false&user=analyst&password=secret"); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("not a bearer token");
        assertThatThrownBy(() -> client.execute("SELECT 1", token("plt_not_a_real_token")))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> client.execute("SELECT 1"))
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHENTICATED);
                    assertThat(e.status().description()).contains("Authorization: Bearer TOKEN");
                });
    }

    @Test
    void severalStatementsAreRefused() throws Exception {
        String sql = "SELECT 1; SELECT * FROM \"finance-ledger/entries\".entries";
        try (Connection connection = connect(GatewayBackend.TOKEN); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(sql)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("the query holds 2 statements");
        }
        assertThatThrownBy(() -> client.execute(sql, token(GatewayBackend.TOKEN)))
                .isInstanceOfSatisfying(FlightRuntimeException.class,
                        e -> assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT));
    }

    @Test
    void updatesAreRefused() throws Exception {
        try (Connection connection = connect(GatewayBackend.TOKEN); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO " + CUSTOMERS + " VALUES (1, 'x', 'NL')"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("SELECT");
        }
        assertThatThrownBy(() -> client.executeUpdate("DELETE FROM " + CUSTOMERS, token(GatewayBackend.TOKEN)))
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(FlightStatusCode.UNAUTHORIZED);
                    assertThat(e.status().description()).contains("read-only");
                });
    }

    @Test
    void aLargeResultStreamsInBoundedBatches() throws Exception {
        long rows = 0;
        long sum = 0;
        try (Connection connection = connect(GatewayBackend.TOKEN);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT event_id, label, maybe FROM \"events/stream\".events")) {
            while (result.next()) {
                long id = result.getLong(1);
                rows++;
                sum += id;
                assertThat(result.getString(2)).isEqualTo("event number " + id);
                assertThat(result.getObject(3)).isEqualTo(id % 3 == 0 ? null : id);
            }
        }
        assertThat(rows).isEqualTo(GatewayBackend.EVENTS);
        assertThat(sum).isEqualTo((long) GatewayBackend.EVENTS * (GatewayBackend.EVENTS - 1) / 2);

        FlightInfo info = client.execute("SELECT event_id FROM \"events/stream\".events", token(GatewayBackend.TOKEN));
        List<Integer> batches = new ArrayList<>();
        try (FlightStream stream = client.getStream(info.getEndpoints().getFirst().getTicket(), token(GatewayBackend.TOKEN))) {
            while (stream.next()) {
                batches.add(stream.getRoot().getRowCount());
            }
        }
        assertThat(batches).hasSizeGreaterThan(GatewayBackend.EVENTS / BATCH_ROWS).allMatch(size -> size <= BATCH_ROWS);
        assertThat(batches.stream().mapToLong(Integer::longValue).sum()).isEqualTo(GatewayBackend.EVENTS);
    }

    @Test
    void theCatalogListsTheGrantedRelationsOnly() throws Exception {
        try (Connection connection = connect(GatewayBackend.TOKEN)) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet result = meta.getTables(null, null, "%", null)) {
                while (result.next()) {
                    tables.add(result.getString("TABLE_SCHEM") + "." + result.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).containsExactly("customer-profiles/customers.customers", "events/stream.events",
                    "types/all.types");
            List<String> schemas = new ArrayList<>();
            try (ResultSet result = meta.getSchemas()) {
                while (result.next()) {
                    schemas.add(result.getString("TABLE_SCHEM"));
                }
            }
            assertThat(schemas).containsExactly("customer-profiles/customers", "events/stream", "types/all");
            List<String> columns = new ArrayList<>();
            try (ResultSet result = meta.getColumns(null, "customer-profiles/customers", "customers", "%")) {
                while (result.next()) {
                    columns.add(result.getString("COLUMN_NAME") + " " + result.getInt("DATA_TYPE"));
                }
            }
            assertThat(columns).containsExactly("customer_id " + Types.BIGINT, "email " + Types.VARCHAR,
                    "country_code " + Types.VARCHAR);
            try (ResultSet result = meta.getCatalogs()) {
                assertThat(result.next()).isFalse();
            }
            try (ResultSet result = meta.getTableTypes()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString("TABLE_TYPE")).isEqualTo("TABLE");
                assertThat(result.next()).isFalse();
            }
            try (ResultSet result = meta.getPrimaryKeys(null, "customer-profiles/customers", "customers")) {
                assertThat(result.next()).isFalse();
            }
            assertThat(meta.getDatabaseProductName()).isEqualTo("Polder query gateway");
            assertThat(meta.isReadOnly()).isTrue();
        }
    }

    @Test
    void aPreparedStatementRunsAgainEachTimeItIsExecuted() throws Exception {
        try (Connection connection = connect(GatewayBackend.TOKEN);
             PreparedStatement statement = connection.prepareStatement("SELECT count(*) AS n, max(customer_id) AS top FROM "
                     + CUSTOMERS + " WHERE customer_id > 90")) {
            assertThat(statement.getMetaData().getColumnName(1)).isEqualTo("n");
            for (int run = 0; run < 2; run++) {
                try (ResultSet result = statement.executeQuery()) {
                    assertThat(result.next()).isTrue();
                    assertThat(result.getLong("n")).isEqualTo(5);
                    assertThat(result.getLong("top")).isEqualTo(100);
                }
            }
        }
    }

    @Test
    void sqlOverTheGatewaysLengthLimitIsResourceExhausted() {
        String sql = "SELECT 1 AS x" + " ".repeat(io.polder.gateway.GatewaySettings.DEFAULT_MAX_SQL_LENGTH);
        assertThatThrownBy(() -> client.execute(sql, token(GatewayBackend.TOKEN)))
                .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
                    assertThat(e.status().description()).contains("characters long");
                });
    }

    @Test
    void theLastMessageOfAStreamSaysWhetherTheRowCapCutTheResult() throws Exception {
        String events = "SELECT event_id FROM \"events/stream\".events";
        Summary cut = readAll(events, GatewayBackend.CAPPED_TOKEN);
        assertThat(cut.rows()).isEqualTo(GatewayBackend.CAPPED_ROWS);
        assertThat(cut.metadata()).isEqualTo("{\"rowCount\":" + GatewayBackend.CAPPED_ROWS + ",\"truncated\":true}");

        Summary whole = readAll(events + " WHERE event_id < 10", GatewayBackend.CAPPED_TOKEN);
        assertThat(whole.rows()).isEqualTo(10);
        assertThat(whole.metadata()).isEqualTo("{\"rowCount\":10,\"truncated\":false}");
        Summary over = readAll(events, GatewayBackend.TOKEN);
        assertThat(over.rows()).as("several batches, then the summary").isEqualTo(GatewayBackend.EVENTS);
        assertThat(over.metadata()).isEqualTo("{\"rowCount\":" + GatewayBackend.EVENTS + ",\"truncated\":false}");
        Summary empty = readAll(events + " WHERE event_id < 0", GatewayBackend.CAPPED_TOKEN);
        assertThat(empty.rows()).isZero();
        assertThat(empty.metadata()).isEqualTo("{\"rowCount\":0,\"truncated\":false}");
    }

    private record Summary(long rows, String metadata) {
    }

    /** Every row of {@code sql}'s stream, and the app_metadata of its last message. */
    private static Summary readAll(String sql, String bearer) throws Exception {
        FlightInfo info = client.execute(sql, token(bearer));
        long rows = 0;
        try (FlightStream stream = client.getStream(info.getEndpoints().getFirst().getTicket(), token(bearer))) {
            while (stream.next()) {
                rows += stream.getRoot().getRowCount();
            }
            org.apache.arrow.memory.ArrowBuf metadata = stream.getLatestMetadata();
            assertThat(metadata).as("the summary message").isNotNull();
            byte[] bytes = new byte[(int) metadata.readableBytes()];
            metadata.getBytes(metadata.readerIndex(), bytes);
            return new Summary(rows, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aJdbcClientGetsTheRowsUpToTheCapOrAnErrorAfterThemWhenItAsksForOne() throws Exception {
        String events = "SELECT event_id FROM \"events/stream\".events";
        try (Connection connection = connect(GatewayBackend.CAPPED_TOKEN); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(events)) {
            int rows = 0;
            while (result.next()) {
                rows++;
            }
            assertThat(rows).isEqualTo(GatewayBackend.CAPPED_ROWS);
        }
        String strict = "jdbc:arrow-flight-sql://127.0.0.1:" + endpoint.port() + "/?useEncryption=false&token="
                + GatewayBackend.CAPPED_TOKEN + "&polder-truncation=error";
        try (Connection connection = DriverManager.getConnection(strict); Statement statement = connection.createStatement()) {
            List<Long> read = new ArrayList<>();
            // the driver 18.3 throws the stream's status from next() as its own (shaded) FlightRuntimeException
            assertThatThrownBy(() -> {
                try (ResultSet result = statement.executeQuery(events)) {
                    while (result.next()) {
                        read.add(result.getLong(1));
                    }
                }
            }).satisfies(e -> assertThat(e.toString()).contains("RESOURCE_EXHAUSTED")).hasMessageContaining("cut at the row cap after "
                    + GatewayBackend.CAPPED_ROWS + " rows");
            assertThat(read).as("the rows up to the cap come first").hasSizeGreaterThan(0)
                    .hasSizeLessThanOrEqualTo(GatewayBackend.CAPPED_ROWS);
            try (ResultSet result = statement.executeQuery(events + " WHERE event_id < 10")) {
                int rows = 0;
                while (result.next()) {
                    rows++;
                }
                assertThat(rows).as("a result under the cap ends as usual").isEqualTo(10);
            }
        }
        assertThatThrownBy(() -> {
            try (Connection connection = DriverManager.getConnection(strict.replace("=error", "=maybe"));
                 Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1 AS x");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("polder-truncation");
    }

    @Test
    void aQueryCancelledAtItsTimeoutIsTimedOutAsTheDeadlineItIs() throws Exception {
        String slow = "SELECT count(*) FROM \"events/stream\".events a, \"events/stream\".events b, range(1000000) c"
                + " WHERE a.event_id * b.event_id * c.range = -1";
        FlightInfo info = client.execute(slow, token(GatewayBackend.HASTY_TOKEN));
        assertThatThrownBy(() -> {
            try (FlightStream stream = client.getStream(info.getEndpoints().getFirst().getTicket(),
                    token(GatewayBackend.HASTY_TOKEN))) {
                while (stream.next()) {
                    stream.getRoot().getRowCount();
                }
            }
        }).isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
            assertThat(e.status().code()).isEqualTo(FlightStatusCode.TIMED_OUT);
            assertThat(e.status().description()).contains("ran longer than its timeout");
            assertThat(e.status().metadata().get("polder-limit")).isEqualTo("timeout");
        });
        try (Connection connection = connect(GatewayBackend.HASTY_TOKEN); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(slow)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("ran longer than its timeout");
        }
    }

    @Test
    void aClientThatStopsReadingEarlyLeavesTheEndpointServing() throws Exception {
        FlightInfo info = client.execute("SELECT event_id, label FROM \"events/stream\".events", token(GatewayBackend.TOKEN));
        try (FlightStream stream = client.getStream(info.getEndpoints().getFirst().getTicket(), token(GatewayBackend.TOKEN))) {
            assertThat(stream.next()).isTrue();
            assertThat(stream.getRoot().getRowCount()).isPositive();
            stream.cancel("enough", null);
        }
        try (Connection connection = connect(GatewayBackend.TOKEN);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM \"events/stream\".events")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(GatewayBackend.EVENTS);
        }
    }

    @Test
    void theEndpointFreesItsPortWhenClosedAndSaysWhenThePortIsTaken() {
        int port;
        try (FlightSqlEndpoint first = FlightSqlEndpoint.start(FlightSettings.loopback(0), backend)) {
            port = first.port();
            assertThat(first.location()).isEqualTo("grpc+tcp://127.0.0.1:" + port);
            assertThatThrownBy(() -> FlightSqlEndpoint.start(FlightSettings.loopback(port), backend))
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot start the Flight SQL endpoint on 127.0.0.1:" + port);
        }
        // gRPC's Netty closes the listening socket on its own event loop: the port comes free shortly after close
        try (FlightSqlEndpoint again = startOnceFree(port)) {
            assertThat(again.port()).isEqualTo(port);
        }
    }

    private FlightSqlEndpoint startOnceFree(int port) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return FlightSqlEndpoint.start(FlightSettings.loopback(port), backend);
            } catch (java.io.UncheckedIOException taken) {
                if (System.nanoTime() > deadline) {
                    throw taken;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw taken;
                }
            }
        }
    }

    @Test
    void aResultOverTheEndpointsMemoryIsStoppedAsResourceExhausted() throws Exception {
        try (FlightSqlEndpoint small = FlightSqlEndpoint.start(FlightSettings.loopback(0).withMemoryLimit(256 << 10), backend);
             FlightClient smallClient = FlightClient.builder(clientAllocator, Location.forGrpcInsecure("127.0.0.1", small.port())).build()) {
            FlightSqlClient sql = new FlightSqlClient(smallClient);
            FlightInfo info = sql.execute("SELECT event_id, repeat(label, 100) AS wide FROM \"events/stream\".events",
                    token(GatewayBackend.TOKEN));
            assertThatThrownBy(() -> {
                try (FlightStream stream = sql.getStream(info.getEndpoints().getFirst().getTicket(), token(GatewayBackend.TOKEN))) {
                    while (stream.next()) {
                        assertThat(stream.getRoot().getRowCount()).isPositive();
                    }
                }
            }).isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                assertThat(e.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
                assertThat(e.status().description()).contains("memory for results is used up");
            });
        }
    }

    @Test
    void eachTokenQueriesWithItsOwnPrincipalsGrants() throws Exception {
        try (Connection connection = connect(GatewayBackend.NEWCOMER_TOKEN); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT count(*) FROM " + CUSTOMERS))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("polder access request customer-profiles/customers");
            try (ResultSet result = connection.getMetaData().getTables(null, null, "%", null)) {
                assertThat(result.next()).isFalse();
            }
            try (ResultSet result = statement.executeQuery("SELECT 40 + 2 AS answer")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt("answer")).isEqualTo(42);
            }
        }
    }

    @Test
    void clientsQueryingAtOnceEachGetTheirOwnRows() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Long>> counts = new ArrayList<>();
            for (int client = 0; client < 4; client++) {
                long below = 1_000L * (client + 1);
                counts.add(pool.submit(() -> {
                    try (Connection connection = connect(GatewayBackend.TOKEN);
                         Statement statement = connection.createStatement();
                         ResultSet result = statement.executeQuery("SELECT event_id FROM \"events/stream\".events"
                                 + " WHERE event_id < " + below)) {
                        long rows = 0;
                        while (result.next()) {
                            assertThat(result.getLong(1)).isLessThan(below);
                            rows++;
                        }
                        return rows;
                    }
                }));
            }
            for (int client = 0; client < 4; client++) {
                assertThat(counts.get(client).get()).isEqualTo(1_000L * (client + 1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheEndpointStopsAStreamWhoseClientStoppedReading() throws Exception {
        FlightSqlEndpoint closing = FlightSqlEndpoint.start(FlightSettings.loopback(0).withBatchRows(100), backend);
        try (FlightClient stalled = FlightClient.builder(clientAllocator, Location.forGrpcInsecure("127.0.0.1", closing.port())).build()) {
            FlightSqlClient sql = new FlightSqlClient(stalled);
            FlightInfo info = sql.execute("SELECT event_id, repeat(label, 50) AS wide FROM \"events/stream\".events",
                    token(GatewayBackend.TOKEN));
            FlightStream stream = sql.getStream(info.getEndpoints().getFirst().getTicket(), token(GatewayBackend.TOKEN));
            assertThat(stream.next()).isTrue();
            closing.close(); // the server is blocked waiting for this client: close cancels the stream and frees its memory
            assertThatThrownBy(() -> {
                while (stream.next()) {
                    assertThat(stream.getRoot().getRowCount()).isPositive();
                }
            }).isInstanceOf(FlightRuntimeException.class);
            stream.close();
        }
    }

    @Test
    void temporalValuesLeaveAsTheirArrowValuesInAnyTimeZone() throws Exception {
        FlightInfo info = client.execute("SELECT day, \"at\", at_tz, clock FROM \"types/all\".types WHERE big IS NOT NULL",
                token(GatewayBackend.TOKEN));
        try (FlightStream stream = client.getStream(info.getEndpoints().getFirst().getTicket(), token(GatewayBackend.TOKEN))) {
            assertThat(stream.next()).isTrue();
            VectorSchemaRoot root = stream.getRoot();
            assertThat(root.getRowCount()).isEqualTo(1);
            assertThat(((DateDayVector) root.getVector("day")).get(0)).isEqualTo((int) LocalDate.of(2026, 6, 1).toEpochDay());
            assertThat(((TimeStampMicroVector) root.getVector("at")).get(0))
                    .isEqualTo(micros(LocalDateTime.of(2026, 6, 1, 12, 34, 56, 789_012_000).toInstant(ZoneOffset.UTC)));
            TimeStampMicroTZVector zoned = (TimeStampMicroTZVector) root.getVector("at_tz");
            assertThat(zoned.getTimeZone()).isEqualTo("UTC");
            assertThat(zoned.get(0)).isEqualTo(micros(Instant.parse("2026-06-01T10:00:00Z")));
            assertThat(((TimeMicroVector) root.getVector("clock")).get(0)).isEqualTo(LocalTime.of(8, 30, 0, 250_000_000).toNanoOfDay() / 1_000);
            assertThat(stream.next()).isFalse();
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    @Test
    void parametersBoundToAPreparedStatementAreRefused() {
        FlightSqlClient.PreparedStatement prepared = client.prepare("SELECT 1 AS x", token(GatewayBackend.TOKEN));
        try (VectorSchemaRoot parameters = VectorSchemaRoot.create(new org.apache.arrow.vector.types.pojo.Schema(List.of(
                     org.apache.arrow.vector.types.pojo.Field.nullable("p", new org.apache.arrow.vector.types.pojo.ArrowType.Int(32, true)))),
                     clientAllocator)) {
            assertThat(prepared.getParameterSchema().getFields()).isEmpty();
            assertThat(prepared.getResultSetSchema().getFields()).extracting(field -> field.getName()).containsExactly("x");
            ((org.apache.arrow.vector.IntVector) parameters.getVector("p")).setSafe(0, 7);
            parameters.setRowCount(1);
            prepared.setParameters(parameters);
            assertThatThrownBy(() -> prepared.execute(token(GatewayBackend.TOKEN)))
                    .isInstanceOfSatisfying(FlightRuntimeException.class, e -> {
                        assertThat(e.status().code()).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
                        assertThat(e.status().description()).contains("takes no query parameters");
                    });
        } finally {
            prepared.close(token(GatewayBackend.TOKEN)); // its close is a call too, and needs the token
        }
    }
}
