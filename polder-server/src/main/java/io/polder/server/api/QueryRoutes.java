package io.polder.server.api;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.CsvRowSink;
import io.polder.gateway.QueryRequest;
import io.polder.gateway.QueryResult;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowSink;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Principal;
import io.polder.server.http.Access;
import io.polder.server.http.ErrorBody;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.JsonBodies;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import io.polder.server.query.QueryService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/query}: one SQL query through the governed gateway ({@link QueryService}), answered as JSON
 * ({@code Accept: application/json}, the default) or CSV ({@code Accept: text/csv}), streamed as rows are read.
 *
 * <p>The answer is held back until it passes 64 KiB, so a refusal or a failure before then is an ordinary error
 * ({@code {code, message, details}} with the gateway's status) and the counts come as headers too:
 * {@code Polder-Row-Count}, {@code Polder-Truncated}, {@code Polder-Elapsed-Ms}. {@code Polder-Row-Cap} and
 * {@code Polder-Timeout-Seconds} (the limits that applied) always come as headers. A longer answer streams; if
 * the query then fails, a JSON answer ends with {@code "error": {code, message, details}}, and a CSV answer
 * stops, with the counts or {@code Polder-Error-Code} and {@code Polder-Error} as HTTP trailers.
 */
public final class QueryRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(QueryRoutes.class);
    /** How much of an answer is held back before it streams. */
    static final int HOLD_BYTES = 64 * 1024;
    private static final String CSV = "text/csv";

    private final QueryService queries;
    private final JsonBodies bodies;

    public QueryRoutes(QueryService queries, JsonBodies bodies) {
        this.queries = requireNonNull(queries, "queries is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
    }

    /**
     * A query.
     *
     * @param sql one SELECT (or WITH ... SELECT) statement over relations named {@code "PRODUCT/PORT".TABLE}
     * @param rowCap the most rows to return (more make the answer truncated); the server's default when absent
     * @param timeoutSeconds how long the query may run; the server's default when absent
     */
    public record QueryBody(String sql, Long rowCap, Long timeoutSeconds) {
        public QueryBody {
            if (sql == null || sql.isBlank()) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "sql is required: one SELECT statement over"
                        + " relations named \"PRODUCT/PORT\".TABLE (polder get ports lists them)");
            }
            if (rowCap != null && rowCap < 0) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "rowCap must be 0 or more, found " + rowCap);
            }
            if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 86_400)) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "timeoutSeconds must be between 1 and 86400,"
                        + " found " + timeoutSeconds);
            }
        }
    }

    /**
     * The JSON answer, as it streams.
     *
     * @param error present only when the query failed after part of the answer was sent
     */
    public record QueryAnswer(List<ResultColumn> columns, List<List<Object>> rows, long rowCount, boolean truncated,
                              long elapsedMs, ErrorBody error) {
    }

    public List<Route> routes() {
        return List.of(Route.post("/api/v1/query").operation("query", "Run one SQL query over the output ports you"
                        + " hold grants on, through the governed gateway (masks and row filters applied); JSON by"
                        + " default, CSV with Accept: text/csv; streamed, with a row cap and a timeout")
                .access(Access.requires(Action.QUERY_DATA)).body(QueryBody.class)
                .returns(Returns.json(200, QueryAnswer.class)).errors(ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE)
                .handler(this::query));
    }

    private void query(Context ctx) throws IOException {
        Principal principal = Requests.principal(ctx);
        boolean csv = wantsCsv(ctx.header("Accept"));
        QueryBody body = bodies.read(ctx, QueryBody.class);
        QueryRequest request = queries.request(principal, body.sql(), body.rowCap(),
                body.timeoutSeconds() == null ? null : Duration.ofSeconds(body.timeoutSeconds()));
        HttpServletResponse response = ctx.res();
        ctx.header("Polder-Row-Cap", Long.toString(request.rowCap()));
        ctx.header("Polder-Timeout-Seconds", Long.toString(request.timeout().toSeconds()));
        Map<String, String> trailers = new ConcurrentHashMap<>();
        if (csv) {
            response.setTrailerFields(() -> trailers);
        }
        response.setContentType(csv ? CSV + "; charset=utf-8; header=present" : "application/json");
        HeldOutput out = new HeldOutput(response, HOLD_BYTES);
        JsonResultSink json = csv ? null : new JsonResultSink(out);
        BufferedWriter writer = csv ? new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) : null;
        CsvRowSink csvSink = csv ? new CsvRowSink(writer) : null;
        Counting sink = new Counting(csv ? csvSink : json);
        try {
            QueryResult result = queries.execute(principal, request, sink);
            if (csv) {
                csvSink.finish();
            } else {
                json.finish(result.rowCount(), result.truncated(), result.elapsed().toMillis());
            }
            Map<String, String> counts = Map.of("Polder-Row-Count", Long.toString(result.rowCount()),
                    "Polder-Truncated", Boolean.toString(result.truncated()),
                    "Polder-Elapsed-Ms", Long.toString(result.elapsed().toMillis()));
            if (out.sent()) {
                trailers.putAll(counts);
            } else {
                counts.forEach(ctx::header);
            }
            out.send();
            out.flush();
        } catch (PolderException e) {
            if (!out.sent()) {
                out.discard();
                if (e.code() == ErrorCode.UNAVAILABLE) {
                    ctx.header("Retry-After", "1");
                }
                throw e;
            }
            endAfterFailure(e, csv, json, writer, trailers, sink.rows);
        }
    }

    /** Part of the answer is out: say in it (JSON) or in the trailers (CSV) that it ended early. */
    private static void endAfterFailure(PolderException failure, boolean csv, JsonResultSink json, BufferedWriter writer,
                                        Map<String, String> trailers, long rows) {
        LOG.info("a query failed after part of its answer was sent: {} {}", failure.code(), failure.getMessage());
        try {
            if (csv) {
                trailers.put("Polder-Row-Count", Long.toString(rows));
                trailers.put("Polder-Error-Code", failure.code().name());
                trailers.put("Polder-Error", failure.getMessage().replaceAll("[\\r\\n]+", " "));
                writer.flush();
            } else {
                json.fail(rows, ErrorBody.of(failure));
            }
        } catch (IOException gone) {
            LOG.debug("the client of a failed query is gone: {}", gone.toString());
        }
    }

    /** JSON unless the Accept header prefers CSV; neither acceptable is a 400. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        for (String part : accept.split(",")) {
            String type = part.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            switch (type) {
                case CSV, "text/*" -> {
                    return true;
                }
                case "application/json", "application/*", "*/*" -> {
                    return false;
                }
                default -> {
                }
            }
        }
        throw InvalidRequest.badArgument("POST /api/v1/query answers application/json or text/csv; the Accept header"
                + " asks for neither");
    }

    /** Counts the rows that went to the answer, for a failure after some did. */
    private static final class Counting implements RowSink {
        private final RowSink sink;
        private long rows;

        Counting(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void start(List<ResultColumn> columns) throws IOException {
            sink.start(columns);
        }

        @Override
        public void row(Object[] values) throws IOException {
            sink.row(values);
            rows++;
        }
    }
}
