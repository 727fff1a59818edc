package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.engine.duckdb.SqlAnalyzer;
import io.polder.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The governed query gateway. A query is checked on DuckDB's parse tree (one SELECT or WITH statement; only
 * relations the principal holds an unexpired grant on; no table functions, files, settings, variables or
 * catalog), then run in a {@link GovernedSession} whose only relations are those granted relations, masked
 * and filtered, under the request's row cap and timeout. Every query, run or refused, yields one
 * {@link QueryDecision}, given to the decision listener (the audit log) and returned with the result or the
 * refusal.
 *
 * <p>Thread-safe: each query gets its own DuckDB database, fresh and never reused (a few are opened ahead of
 * time, and used ones are closed in the background).
 */
public final class QueryGateway implements AutoCloseable {
    private final GatewaySettings settings;
    private final Clock clock;
    private final Consumer<QueryDecision> decisions;
    private final QueryAnalyzer analyzer;
    private final RowFilterCheck rowFilters;
    private final ScheduledExecutorService watchdog;
    private final SessionPool sessions;
    /** Parses for {@link #authorize}; a DuckDB connection serves one statement at a time. */
    private final Connection parser;

    public QueryGateway(GatewaySettings settings, Clock clock, Consumer<QueryDecision> decisions) {
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.decisions = requireNonNull(decisions, "decisions is null");
        FunctionCatalog functions;
        try {
            this.parser = DriverManager.getConnection("jdbc:duckdb:", lockedProperties());
            functions = FunctionCatalog.read(parser);
            try (java.sql.Statement statement = parser.createStatement()) {
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            }
            Files.createDirectories(settings.tempDirectory());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot start the query gateway: " + e.getMessage(), e);
        }
        this.analyzer = new QueryAnalyzer(functions);
        this.rowFilters = new RowFilterCheck(functions);
        this.sessions = new SessionPool(settings, 2);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("polder-gateway-watchdog").daemon().factory());
    }

    static java.util.Properties lockedProperties() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        properties.setProperty("threads", "1");
        return properties;
    }

    /**
     * Checks and runs {@code request} for the principal whose grants {@code access} holds, streaming the rows
     * to {@code sink}.
     *
     * @throws QueryRefusedException when the query is refused, fails or runs out of time (with the decision)
     * @throws IllegalArgumentException when {@code access} is another principal's
     */
    public QueryResult execute(QueryRequest request, AccessView access, RowSink sink) {
        if (!access.principal().equals(request.principal())) {
            throw new IllegalArgumentException("the access view is " + access.principal() + "'s, the request "
                    + request.principal() + "'s");
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        String sqlHash = MaskSql.sha256Hex(request.sql());
        List<GrantedRelation> relations = List.of();
        try {
            if (request.sql().length() > settings.maxSqlLength()) {
                throw Refusal.limit("the query is " + request.sql().length() + " characters long; the gateway accepts at"
                        + " most " + settings.maxSqlLength(), null);
            }
            long rowCap = Math.min(request.rowCap(), settings.maxRowCap());
            Duration timeout = request.timeout().compareTo(settings.maxTimeout()) > 0 ? settings.maxTimeout() : request.timeout();
            GovernedSession session = sessions.take();
            try {
                JsonNode statement = parse(session, request.sql());
                relations = analyzer.analyze(statement, request.sql(), access, now);
                for (GrantedRelation relation : relations) {
                    checkRowFilter(session.connection(), relation);
                }
                session.define(relations, settings.maskKey());
                session.lockDown(relations.stream().map(GrantedRelation::location).distinct().toList());
                long remaining = timeout.toNanos() - (System.nanoTime() - started);
                AtomicBoolean timedOut = new AtomicBoolean();
                GovernedSession.Run run;
                try {
                    run = session.run(request.sql(), rowCap, Math.max(remaining, 1), watchdog, timedOut, sink);
                } catch (SQLException e) {
                    throw translate(e, timedOut.get(), timeout, request.sql(),
                            GovernedSession.capped(request.sql(), rowCap));
                }
                QueryDecision decision = decision(request, access, now, true, "", sqlHash, relations);
                decisions.accept(decision);
                return new QueryResult(run.columns(), run.rows(), run.truncated(),
                        Duration.ofNanos(System.nanoTime() - started), decision);
            } finally {
                sessions.release(session);
            }
        } catch (Refusal refusal) {
            throw refuse(request, access, now, sqlHash, relations, refusal.code, refusal.getMessage(), refusal.details, refusal);
        } catch (SQLException e) {
            throw refuse(request, access, now, sqlHash, relations, ErrorCode.INTERNAL, "the gateway could not prepare the query: "
                    + firstParagraph(e), Map.of(), e);
        } catch (IOException e) {
            throw refuse(request, access, now, sqlHash, relations, ErrorCode.INTERNAL, "the result could not be written: "
                    + e.getMessage(), Map.of(), e);
        }
    }

    /**
     * Checks {@code request} as {@link #execute} does, without running it: parse, the checks of the parse tree,
     * one lookup per relation named, the row filters. For a dry run ({@code polder query --explain}) and for
     * measuring what authorisation costs. Nothing is given to the decision listener.
     *
     * @return the decision to allow, with the relations, masks and filters that would apply
     * @throws QueryRefusedException as {@link #execute} would refuse the query
     */
    public QueryDecision authorize(QueryRequest request, AccessView access) {
        Instant now = clock.instant();
        String sqlHash = MaskSql.sha256Hex(request.sql());
        try {
            if (request.sql().length() > settings.maxSqlLength()) {
                throw Refusal.limit("the query is " + request.sql().length() + " characters long; the gateway accepts at"
                        + " most " + settings.maxSqlLength(), null);
            }
            List<GrantedRelation> relations;
            synchronized (parser) {
                JsonNode statement = statement(parseWith(parser, request.sql()), request.sql());
                relations = analyzer.analyze(statement, request.sql(), access, now);
                for (GrantedRelation relation : relations) {
                    checkRowFilter(parser, relation);
                }
            }
            return decision(request, access, now, true, "", sqlHash, relations);
        } catch (Refusal refusal) {
            QueryDecision decision = decision(request, access, now, false, refusal.getMessage(), sqlHash, List.of());
            throw new QueryRefusedException(refusal.code, refusal.getMessage(), refusal.details, decision, refusal);
        } catch (SQLException e) {
            QueryDecision decision = decision(request, access, now, false, e.getMessage(), sqlHash, List.of());
            throw new QueryRefusedException(ErrorCode.INTERNAL, "the gateway could not check the query: "
                    + firstParagraph(e), Map.of(), decision, e);
        }
    }

    /**
     * Checks a row filter for a relation with {@code columns}, as a grant is created: the same check every
     * query makes before it uses the filter.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public void checkRowFilter(RowFilter filter, List<String> columns) {
        try {
            JsonNode tree;
            synchronized (parser) {
                tree = parseWith(parser, RowFilterCheck.probe(filter));
            }
            rowFilters.check(tree, columns, "the row filter");
        } catch (Refusal refusal) {
            throw new IllegalArgumentException("the row filter: " + refusal.getMessage(), refusal);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the row filter: " + e.getMessage(), e);
        }
    }

    private void checkRowFilter(Connection connection, GrantedRelation relation) throws SQLException {
        if (relation.rowFilter() == null) {
            return;
        }
        JsonNode tree = parseWith(connection, RowFilterCheck.probe(relation.rowFilter()));
        try {
            rowFilters.check(tree, relation.columns().stream().map(GrantedColumn::name).toList(),
                    "the row filter of your grant on " + relation.name());
        } catch (IllegalArgumentException e) {
            // the grant is broken, not the query: refuse, and say so, rather than show unfiltered rows
            throw Refusal.internal(e.getMessage() + "; ask the port's owner to correct the grant", e);
        }
    }

    static JsonNode parseWith(Connection connection, String sql) throws SQLException {
        try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT json_serialize_sql(?)")) {
            statement.setString(1, sql);
            try (java.sql.ResultSet result = statement.executeQuery()) {
                result.next();
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.getString(1));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw Refusal.invalid("the SQL is nested too deeply to be checked (" + e.getOriginalMessage() + ")", e);
            }
        }
    }

    private static JsonNode parse(GovernedSession session, String sql) throws SQLException {
        return statement(session.parse(sql), sql);
    }

    private static JsonNode statement(JsonNode tree, String sql) {
        if (tree.path("error").asBoolean(false)) {
            String message = tree.path("error_message").asText("not a valid statement");
            if (message.startsWith("Only SELECT statements")) {
                throw Refusal.forbidden("the gateway runs one SELECT (or WITH ... SELECT) statement; the query holds"
                        + " another kind of statement (ATTACH, INSTALL, LOAD, PRAGMA, SET, COPY, EXPORT, CREATE,"
                        + " INSERT, DESCRIBE, ... are refused)");
            }
            long position = tree.path("position").asLong(-1);
            throw Refusal.invalid((position >= 0 && position <= sql.length()
                    ? SqlAnalyzer.lineAndColumn(sql, (int) position) + ": " : "") + message);
        }
        JsonNode statements = tree.path("statements");
        if (statements.size() != 1) {
            throw Refusal.invalid("the query holds " + statements.size() + " statements; the gateway runs exactly one"
                    + " SELECT (or WITH ... SELECT)");
        }
        return statements.get(0);
    }

    private static Refusal translate(SQLException error, boolean timedOut, Duration timeout, String sql, String executed) {
        if (timedOut) {
            return Refusal.timedOut("the query ran longer than its timeout of " + human(timeout) + " and was cancelled;"
                    + " make it lighter or ask for a longer timeout", error);
        }
        String message = firstParagraph(error);
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.startsWith("out of memory") || lower.contains("max_temp_directory_size")) {
            return Refusal.limit("the query needs more memory than the gateway gives one query: " + message, error);
        }
        if (lower.startsWith("permission error") || lower.contains("disabled by configuration")) {
            return Refusal.forbidden("the query reached for something the gateway does not serve: " + message);
        }
        if (lower.startsWith("io error")) {
            return Refusal.internal("a published snapshot could not be read; the platform's operators have the details",
                    error);
        }
        if (lower.startsWith("interrupt")) {
            return Refusal.limit("the query was cancelled", error);
        }
        return Refusal.invalid(QueryError.describe(error, sql, executed), error);
    }

    private QueryRefusedException refuse(QueryRequest request, AccessView access, Instant now, String sqlHash, List<GrantedRelation> relations,
                                         ErrorCode code, String message, Map<String, Object> details, Throwable cause) {
        QueryDecision decision = decision(request, access, now, false, message, sqlHash, relations);
        decisions.accept(decision);
        return new QueryRefusedException(code, message, details, decision, cause);
    }

    private static QueryDecision decision(QueryRequest request, AccessView access, Instant now, boolean allowed,
                                          String reason, String sqlHash, List<GrantedRelation> relations) {
        List<QueryDecision.RelationUse> uses = new ArrayList<>();
        for (GrantedRelation relation : relations) {
            uses.add(new QueryDecision.RelationUse(relation.name().sql(), relation.port().toString(),
                    relation.snapshot().value(), relation.grant(), access.masks(relation),
                    relation.filter().map(RowFilter::sql).orElse("")));
        }
        return new QueryDecision(request.principal(), now, allowed, reason, sqlHash, uses);
    }

    /** DuckDB's message without the query excerpt it appends (which could quote a view's definition). */
    static String firstParagraph(SQLException error) {
        String message = error.getMessage() == null ? error.toString() : error.getMessage().strip();
        int excerpt = message.indexOf("\n\nLINE ");
        message = excerpt > 0 ? message.substring(0, excerpt).strip() : message;
        int paragraph = message.indexOf("\n\n");
        return paragraph > 0 ? message.substring(0, paragraph).strip() : message;
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        sessions.close();
        synchronized (parser) {
            try {
                parser.close();
            } catch (SQLException ignored) {
                // closing an in-memory database frees its memory; there is nothing to recover
            }
        }
    }
}
