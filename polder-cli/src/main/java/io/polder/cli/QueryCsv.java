package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.List;

/** A query's rows as CSV (RFC 4180): a header line, then one line per row; NULL is an empty field. */
final class QueryCsv implements QueryCommand.ResultPrinter {
    private final PrintWriter out;

    QueryCsv(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(List<String> names, List<String> types) {
        StringBuilder line = new StringBuilder();
        for (String name : names) {
            field(line, name);
        }
        out.print(line.append("\r\n"));
    }

    @Override
    public void row(JsonNode values) {
        StringBuilder line = new StringBuilder();
        for (JsonNode value : values) {
            field(line, value.isNull() ? "" : QueryTable.text(value));
        }
        out.print(line.append("\r\n"));
    }

    @Override
    public void end(QueryCommand.Summary summary) {
        out.flush();
    }

    private static void field(StringBuilder line, String text) {
        if (!line.isEmpty()) {
            line.append(',');
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            line.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            line.append(text);
        }
    }
}
