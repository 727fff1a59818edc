package io.polder.server.query;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.AccessView;
import io.polder.gateway.GatewaySettings;
import io.polder.gateway.MaskPolicy;
import io.polder.gateway.QueryDecision;
import io.polder.gateway.QueryGateway;
import io.polder.gateway.QueryRefusedException;
import io.polder.gateway.QueryRequest;
import io.polder.gateway.RelationName;
import io.polder.gateway.QueryResult;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowSink;
import io.polder.registry.Registry;
import io.polder.registry.auth.Principal;
import io.polder.spi.Engine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one place queries run, whoever asks (the REST endpoint, the command line through it, Arrow Flight SQL):
 * per query it reads the principal's grants, turns them into the gateway's access view (granted relations at
 * their published snapshots, masked and filtered), runs the query through the one {@link QueryGateway} of the
 * server, and records the decision in the audit log and the query in the usage log (off the query's thread).
 * At most {@link QueryLimits#concurrentQueries()} queries run at once; one more waits up to
 * {@link QueryLimits#admissionWait()} for a slot and is then refused with 503 ({@link ErrorCode#UNAVAILABLE}).
 */
public final class QueryService implements AutoCloseable {
    private static final long RECORDER_DRAIN_MILLIS = 30_000;

    /**
     * The gateway, opened on a thread of its own (its DuckDB connections and the function catalog take a few hundred
     * milliseconds the API need not wait for): when the server is ready ({@link #openInBackground}) or at the first
     * query, whichever comes first; queries wait for it.
     */
    private final CompletableFuture<QueryGateway> gateway = new CompletableFuture<>();
    private final AtomicBoolean opening = new AtomicBoolean();
    private final GatewaySettings settings;
    private final QueryLimits limits;
    private final GrantSource grants;
    private final AccessViews views;
    private final QueryRecorder recorder;
    private final Clock clock;
    private final Semaphore slots;

    private QueryService(GatewaySettings settings, QueryLimits limits, GrantSource grants, AccessViews views,
                         QueryRecorder recorder, Clock clock) {
        this.settings = settings;
        this.limits = limits;
        this.grants = grants;
        this.views = views;
        this.recorder = recorder;
        this.clock = clock;
        this.slots = new Semaphore(limits.concurrentQueries(), true);
    }

    /** How the gateway masks columns: by {@link MaskPolicy#defaults()}. The web UI's access form offers the same. */
    public static final MaskPolicy MASK_POLICY = MaskPolicy.defaults();

    /**
     * A query service over the registry's catalog, audit and usage logs, the engine's published snapshots and
     * the principal's grants from {@code grants}; masks by {@link #MASK_POLICY}.
     */
    public static QueryService create(Registry registry, GrantSource grants, Engine engine, GatewaySettings settings,
                                      QueryLimits limits, Clock clock) {
        requireNonNull(registry, "registry is null");
        requireNonNull(grants, "grants is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(clock, "clock is null");
        QueryRecorder recorder = new QueryRecorder(registry.database(), registry.auditLog(), registry.usage());
        AccessViews views = new AccessViews(new PortTables(registry.catalog(), MASK_POLICY), engine);
        return new QueryService(settings, limits, grants, views, recorder, clock);
    }

    /**
     * Starts opening the gateway on a thread of its own, unless a query has already started it; the server calls
     * this once it answers, so that the first query finds the gateway open or nearly so.
     */
    public void openInBackground() {
        if (!opening.compareAndSet(false, true)) {
            return;
        }
        Thread thread = Thread.ofPlatform().name("polder-gateway-open").daemon().unstarted(this::openGateway);
        thread.start();
    }

    private void openGateway() {
        try {
            // decisions are recorded by this service, with what the gateway does not know (rows, role, columns read)
            gateway.complete(new QueryGateway(settings, clock, decision -> { }));
        } catch (RuntimeException | Error e) {
            gateway.completeExceptionally(e);
        }
    }

    /**
     * The request {@code principal} makes with {@code sql}: the row cap and timeout as given, or the defaults
     * when null.
     *
     * @throws PolderException INVALID_ARGUMENT for a negative row cap or a timeout that is not positive, and for
     *                         one above the gateway's maximum (details: {@code field}, {@code max})
     */
    public QueryRequest request(Principal principal, String sql, Long rowCap, Duration timeout) {
        requireNonNull(principal, "principal is null");
        if (sql == null || sql.isBlank()) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "the query is empty: give one SELECT statement");
        }
        if (rowCap != null && rowCap < 0) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "the row cap must be 0 or more, found " + rowCap);
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "the timeout must be positive, found " + timeout);
        }
        if (rowCap != null && rowCap > settings.maxRowCap()) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "rowCap must be at most " + settings.maxRowCap()
                    + " (the server's maximum), found " + rowCap, Map.of("field", "rowCap", "max", settings.maxRowCap()),
                    null);
        }
        if (timeout != null && timeout.compareTo(settings.maxTimeout()) > 0) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "timeoutSeconds must be at most "
                    + settings.maxTimeout().toSeconds() + " (the server's maximum), found " + timeout.toSeconds(),
                    Map.of("field", "timeoutSeconds", "max", settings.maxTimeout().toSeconds()), null);
        }
        long cap = rowCap == null ? limits.defaultRowCap() : rowCap;
        Duration time = timeout == null ? limits.defaultTimeout() : timeout;
        return new QueryRequest(sql, principal.name(), cap, time);
    }

    /**
     * Checks and runs {@code request} for {@code principal}, streaming its rows to {@code sink}; the decision is
     * audited and the query counted in the usage log whatever the outcome.
     *
     * @throws QueryRefusedException when the gateway refuses or stops the query (403, 400, 413, 500)
     * @throws PolderException UNAVAILABLE when every query slot stays taken for the admission wait; FORBIDDEN
     *                         naming the port when a granted port has published nothing yet
     */
    public QueryResult execute(Principal principal, QueryRequest request, RowSink sink) {
        return run(principal, request, sink, true);
    }

    /**
     * The columns (name and DuckDB type) {@code sql} would return for {@code principal}, without its rows: for
     * a Flight SQL FlightInfo or prepared statement. Checked like a query with a row cap of 0, which the gateway
     * answers without running the query; the decision is audited (with {@code describe=true}) but not counted as
     * usage.
     *
     * @throws QueryRefusedException as {@link #execute} would refuse the query
     */
    public List<ResultColumn> describe(Principal principal, String sql) {
        QueryRequest request = request(principal, sql, 0L, null);
        return run(principal, request, new RowSink() {
            @Override
            public void start(List<ResultColumn> columns) {
            }

            @Override
            public void row(Object[] values) {
            }
        }, false).columns();
    }

    /**
     * Checks {@code request} for {@code principal} as {@link #execute} would, without running it and without
     * taking a query slot: the same looked-up view (the grants of each port the query names, read when the query
     * names it) and the gateway's checks (parse, the checks of the parse tree, one lookup per relation, the row
     * filters). A dry run, for measuring what authorisation costs on the server's path; it is neither audited
     * nor counted as usage, as it reads no data.
     *
     * @return the decision to allow, with the relations, masks and row filters that would apply
     * @throws QueryRefusedException as {@link #execute} would refuse the query
     * @throws PolderException FORBIDDEN naming the port when a granted port has published nothing yet
     */
    public QueryDecision authorize(Principal principal, QueryRequest request) {
        requireNonNull(principal, "principal is null");
        requireNonNull(request, "request is null");
        if (!principal.name().equals(request.principal())) {
            throw new IllegalArgumentException("the request is " + request.principal() + "'s, not " + principal.name() + "'s");
        }
        AccessViews.Built access = views.lookingUp(principal, clock.instant(), grants);
        try {
            return gateway().authorize(request, access.view());
        } catch (QueryRefusedException refusal) {
            PolderException unpublished = unpublished(refusal, access);
            if (unpublished != null) {
                throw unpublished;
            }
            throw refusal;
        }
    }

    /**
     * The relations {@code principal} may query, sorted by name, at most {@code limit}: from its grants and the
     * ports' contracts, without reading data (a relation may have published nothing yet). For catalog listings
     * such as Flight SQL's GetTables.
     */
    public List<RelationName> relations(Principal principal, int limit) {
        requireNonNull(principal, "principal is null");
        return views.names(grants.grantsFor(principal, clock.instant()), limit);
    }

    /** The service's limits: the defaults and how many queries run at once. */
    public QueryLimits limits() {
        return limits;
    }

    /** The gateway's maxima: longest SQL, highest row cap, longest timeout. */
    public GatewaySettings settings() {
        return settings;
    }

    /** Waits until the audit and usage records of the queries answered so far are written. */
    public void awaitRecorded() {
        recorder.awaitWritten(RECORDER_DRAIN_MILLIS);
    }

    private QueryResult run(Principal principal, QueryRequest request, RowSink sink, boolean usage) {
        requireNonNull(principal, "principal is null");
        requireNonNull(request, "request is null");
        requireNonNull(sink, "sink is null");
        if (!principal.name().equals(request.principal())) {
            throw new IllegalArgumentException("the request is " + request.principal() + "'s, not " + principal.name() + "'s");
        }
        long started = System.nanoTime();
        Instant now = clock.instant();
        admit(principal, request, now, usage);
        try {
            AccessViews.Built access;
            try {
                access = request.sql().length() > settings.maxSqlLength()
                        ? new AccessViews.Built(AccessView.of(principal.name(), List.of()), Map.of(), Set.of())
                        : views.lookingUp(principal, now, grants);
            } catch (RuntimeException e) {
                recorder.record(new QueryRecord(principal, request.sql(), refused(principal, request, now,
                        "the grants could not be read: " + e.getMessage()), ErrorCode.INTERNAL, Map.of(), 0, false,
                        millisSince(started), Map.of(), usage));
                throw e;
            }
            try {
                QueryResult result = gateway().execute(request, access.view(), sink);
                recorder.record(new QueryRecord(principal, request.sql(), result.decision(), null, Map.of(),
                        result.rowCount(), result.truncated(), result.elapsed().toMillis(), access.relations(), usage));
                return result;
            } catch (QueryRefusedException refusal) {
                PolderException unpublished = unpublished(refusal, access);
                QueryDecision decision = unpublished == null ? refusal.decision() : new QueryDecision(
                        refusal.decision().principal(), refusal.decision().at(), false, unpublished.getMessage(),
                        refusal.decision().sqlSha256(), refusal.decision().relations());
                recorder.record(new QueryRecord(principal, request.sql(), decision, refusal.code(), refusal.details(),
                        0, false, millisSince(started), access.relations(), usage));
                if (unpublished != null) {
                    throw unpublished;
                }
                throw refusal;
            }
        } finally {
            slots.release();
        }
    }

    /** Takes a query slot, waiting up to the admission wait; a query that gets none is refused and recorded. */
    private void admit(Principal principal, QueryRequest request, Instant now, boolean usage) {
        boolean admitted;
        try {
            admitted = slots.tryAcquire(limits.admissionWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            String message = "the server is running " + limits.concurrentQueries() + " queries, as many as it runs at"
                    + " once, and none finished within " + limits.admissionWait().toSeconds() + " s; try again shortly";
            recorder.record(new QueryRecord(principal, request.sql(), refused(principal, request, now, message),
                    ErrorCode.UNAVAILABLE, Map.of(), 0, false, 0, Map.of(), usage));
            throw new PolderException(ErrorCode.UNAVAILABLE, message, Map.of("retryAfterSeconds", 1), null);
        }
    }

    /**
     * A refusal for a relation of a port the principal holds a grant on, which has published nothing yet: said
     * as such, rather than as a missing grant.
     */
    private static PolderException unpublished(QueryRefusedException refusal, AccessViews.Built access) {
        if (refusal.code() != ErrorCode.FORBIDDEN || !(refusal.details().get("port") instanceof String port)
                || !access.unpublished().contains(port.toLowerCase(Locale.ROOT))) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>(refusal.details());
        details.remove("command");
        return new PolderException(ErrorCode.FORBIDDEN, "you hold a grant on " + port + ", but it has published no"
                + " data yet (or not the table " + details.get("relation") + "); its owners publish it with: polder build "
                + port.substring(0, port.indexOf('/')), details, null);
    }

    private static QueryDecision refused(Principal principal, QueryRequest request, Instant now, String reason) {
        return new QueryDecision(principal.name(), now, false, reason, sha256(request.sql()), List.of());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Stops taking queries' records after writing those queued, and closes the gateway. */
    @Override
    public void close() {
        try {
            recorder.close();
        } finally {
            closeGateway();
        }
    }

    /** The gateway, opened on this thread if nothing has started opening it yet, else once open. */
    private QueryGateway gateway() {
        if (opening.compareAndSet(false, true)) {
            openGateway();
        }
        try {
            return gateway.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PolderException(ErrorCode.INTERNAL, "the query gateway could not start: " + cause.getMessage(),
                    Map.of(), cause);
        }
    }

    private void closeGateway() {
        if (opening.compareAndSet(false, true)) {
            gateway.completeExceptionally(new IllegalStateException("the query service is closed"));
            return; // never opened: nothing to close
        }
        try {
            gateway.join().close();
        } catch (CompletionException e) {
            // it never opened: nothing to close
        }
    }
}
