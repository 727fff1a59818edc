package io.polder.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder query}: one SQL query through the server's governed gateway, printed as its rows arrive. */
@Command(name = "query",
        header = "Runs a SQL query over the output ports you hold grants on.",
        description = {
            "Runs one SQL query (a SELECT, or WITH ... SELECT) on the Polder server, over the output ports you",
            "hold grants on, and prints the rows as they arrive. Each table of an output port is a relation:",
            "",
            "  \"PRODUCT/PORT\".TABLE          the port's current major version",
            "  \"PRODUCT/PORT/vMAJOR\".TABLE   one major version",
            "",
            "for example \"sales-orders/orders\".order_lines (the quotes are needed because of the /).",
            "`polder get ports` lists the ports and their relations. Columns the contract classifies as",
            "personal or restricted come back masked unless your grant unmasks them, and your grant's row",
            "filter applies. Without a grant the query is refused with the command that requests one:",
            "polder access request PRODUCT/PORT --purpose \"...\" --days 30.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder query 'SELECT sales_channel, sum(gross_amount) FROM \"sales-orders/orders\".orders",
            "                GROUP BY 1'",
            "  polder query 'SELECT * FROM \"customer-profiles/customers\".customers' --row-cap 100 -o csv \\",
            "      > customers.csv",
            "  polder query 'SELECT count(*) FROM \"sales-orders/orders/v1\".order_lines' -o json",
            "",
            "A table wider than the terminal ($COLUMNS, else 120) is printed one record per block. When the row",
            "cap cuts the result, a note on stderr says so.",
            "",
            "Exit codes: 0 the query ran, 1 it was refused or failed (not granted, not valid SQL, over a limit,",
            "the server unreachable), 2 the command was used wrongly."
        },
        mixinStandardHelpOptions = true)
final class QueryCommand implements Callable<Integer> {
    /** Reads decimals exactly, trailing zeros kept: a price of 12.50 prints as 12.50. */
    private static final com.fasterxml.jackson.databind.ObjectMapper EXACT = PolderClient.JSON.copy()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    enum Format { table, csv, json }

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions serverOptions;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query: one SELECT statement.")
    String sql;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (default), csv (RFC 4180, with a header line) or json ({columns, rows, rowCount,"
                    + " truncated, elapsedMs}).")
    Format output;

    @Option(names = "--row-cap", paramLabel = "N",
            description = "The most rows to return, 0 (the columns alone) to the server's maximum (default: the"
                    + " server's, 10,000;"
                    + " the maximum is 1,000,000 unless the server sets another).")
    Long rowCap;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "How long the query may run: 30s, 5m, 1h, or seconds; 1s to the server's maximum (default:"
                    + " the server's, 30s; the maximum is 5m unless the server sets another).")
    String timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sql", sql);
        if (rowCap != null) {
            if (rowCap < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--row-cap must be between 0 (the"
                        + " columns alone) and the server's maximum (1,000,000 unless the server sets another), found "
                        + rowCap);
            }
            body.put("rowCap", rowCap);
        }
        if (timeout != null) {
            body.put("timeoutSeconds", seconds(timeout));
        }
        ResultPrinter printer = switch (output) {
            case table -> new QueryTable(out, terminalWidth());
            case csv -> new QueryCsv(out);
            case json -> new QueryJson(out);
        };
        try {
            Summary summary = serverOptions.client().postStreaming(PolderClient.path("query"), body, "application/json",
                    (in, headers) -> read(in, printer, headers));
            if (summary.error() != null) {
                throw ServerErrors.toException(500, summary.error(), "/api/v1/query");
            }
            if (summary.truncated()) {
                err.println("polder: the result was cut at the row cap of " + summary.rowCap() + " rows; --row-cap N"
                        + " returns more (up to the server's maximum)");
            }
            err.flush();
            return 0;
        } catch (PolderException e) {
            overLimit(e);
            out.flush();
            err.println("polder: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** What came after the rows. */
    record Summary(long rowCount, boolean truncated, long elapsedMs, String rowCap, JsonNode error) {
    }

    /** Where the rows go as they are read. */
    interface ResultPrinter {
        void start(List<String> names, List<String> types);

        void row(JsonNode values);

        void end(Summary summary);
    }

    /** Reads the server's JSON answer as it streams, handing each row to {@code printer}. */
    static Summary read(InputStream in, ResultPrinter printer, Map<String, List<String>> headers) throws IOException {
        String rowCap = headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase("Polder-Row-Cap"))
                .flatMap(entry -> entry.getValue().stream()).findFirst().orElse("?");
        long rowCount = 0;
        boolean truncated = false;
        long elapsed = 0;
        JsonNode error = null;
        boolean started = false;
        try (JsonParser parser = EXACT.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the answer is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "columns" -> {
                        JsonNode columns = parser.readValueAsTree();
                        List<String> names = new ArrayList<>();
                        List<String> types = new ArrayList<>();
                        columns.forEach(column -> {
                            names.add(column.path("name").asText());
                            types.add(column.path("type").asText());
                        });
                        printer.start(names, types);
                        started = true;
                    }
                    case "rows" -> {
                        while (parser.nextToken() == JsonToken.START_ARRAY) {
                            printer.row(parser.readValueAsTree());
                        }
                    }
                    case "rowCount" -> rowCount = parser.getLongValue();
                    case "truncated" -> truncated = parser.getBooleanValue();
                    case "elapsedMs" -> elapsed = parser.getLongValue();
                    case "error" -> error = parser.readValueAsTree();
                    default -> parser.skipChildren();
                }
            }
        }
        Summary summary = new Summary(rowCount, truncated, elapsed, rowCap, error);
        if (started && error == null) {
            printer.end(summary);
        }
        return summary;
    }

    /** The server's refusal of a row cap or timeout above its maximum, as the usage error it is. */
    private void overLimit(PolderException e) {
        Object field = e.details().get("field");
        Object max = e.details().get("max");
        if (e.code() != ErrorCode.INVALID_ARGUMENT || max == null) {
            return;
        }
        if ("rowCap".equals(field)) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--row-cap must be between 0 and %,d (the server's maximum), found %d", Long.parseLong(max.toString()),
                    rowCap));
        }
        if ("timeoutSeconds".equals(field)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be between 1s and "
                    + written(Long.parseLong(max.toString())) + " (the server's maximum),"
                    + " found " + timeout);
        }
    }

    /** Seconds as --timeout takes them: 1h, 5m or 90s. */
    private static String written(long seconds) {
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms} (rounded up to a second) or plain seconds. */
    long seconds(String text) {
        Duration duration = DurationConverter.parse(text).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "--timeout must be a duration such as 30s, 5m or 1h, found '" + text + "'"));
        long seconds = (duration.toMillis() + 999) / 1000;
        if (seconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1s, found '" + text + "'");
        }
        return seconds;
    }

    private static int terminalWidth() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[0-9]{2,4}")) {
            return Integer.parseInt(columns);
        }
        return 120;
    }
}
