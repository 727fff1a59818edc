package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query's rows for people. The first {@value #SAMPLE} rows set the column widths (at most {@value #MAX_CELL}
 * characters a cell; longer values are cut with an ellipsis), then rows print as they arrive. A table wider than
 * the terminal prints one record per block ({@code -[ row 1 ]---}, then {@code column | value} lines), so a wide
 * result stays readable. Numbers are aligned right; NULL is printed as {@code NULL}.
 */
final class QueryTable implements QueryCommand.ResultPrinter {
    static final int SAMPLE = 100;
    static final int MAX_CELL = 40;
    private static final String GAP = "  ";

    private final PrintWriter out;
    private final int width;
    private List<String> names = List.of();
    private boolean[] numeric = new boolean[0];
    private final List<List<String>> sample = new ArrayList<>();
    private int[] widths;
    private boolean vertical;
    private long rows;

    QueryTable(PrintWriter out, int width) {
        this.out = out;
        this.width = width;
    }

    @Override
    public void start(List<String> columnNames, List<String> types) {
        names = List.copyOf(columnNames);
        numeric = new boolean[types.size()];
        for (int i = 0; i < types.size(); i++) {
            numeric[i] = types.get(i).toUpperCase(Locale.ROOT).matches(
                    "(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)");
        }
    }

    @Override
    public void row(JsonNode values) {
        List<String> cells = new ArrayList<>(names.size());
        for (JsonNode value : values) {
            cells.add(cell(value));
        }
        if (widths == null) {
            sample.add(cells);
            if (sample.size() == SAMPLE) {
                layOut();
            }
            return;
        }
        print(cells);
    }

    @Override
    public void end(QueryCommand.Summary summary) {
        if (widths == null) {
            layOut();
        }
        out.println("(" + String.format(Locale.ROOT, "%,d", summary.rowCount()) + (summary.rowCount() == 1 ? " row" : " rows")
                + (summary.truncated() ? ", cut at the row cap" : "") + ")");
        out.flush();
    }

    /** Fixes the widths from the sample, prints the header and the sampled rows. */
    private void layOut() {
        widths = new int[names.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.min(MAX_CELL, names.get(i).length());
            for (List<String> row : sample) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        int total = 0;
        for (int columnWidth : widths) {
            total += columnWidth + GAP.length();
        }
        vertical = names.size() > 1 && total - GAP.length() > width;
        if (!vertical) {
            List<String> header = new ArrayList<>();
            List<String> rule = new ArrayList<>();
            for (int i = 0; i < widths.length; i++) {
                header.add(cut(names.get(i)));
                rule.add("-".repeat(widths[i]));
            }
            line(header, false);
            line(rule, false);
        }
        sample.forEach(this::print);
        sample.clear();
    }

    private void print(List<String> cells) {
        rows++;
        if (vertical) {
            int nameWidth = names.stream().mapToInt(String::length).max().orElse(0);
            String title = "-[ row " + rows + " ]";
            out.println(title + "-".repeat(Math.max(3, Math.min(width, nameWidth + 3 + MAX_CELL) - title.length())));
            for (int i = 0; i < names.size(); i++) {
                out.println(names.get(i) + " ".repeat(nameWidth - names.get(i).length()) + " | " + cells.get(i));
            }
        } else {
            line(cells, true);
        }
        out.flush();
    }

    private void line(List<String> cells, boolean align) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cut(cells.get(i));
            String padding = " ".repeat(Math.max(0, widths[i] - cell.length()));
            if (align && numeric[i]) {
                line.append(padding).append(cell);
            } else {
                line.append(cell);
                if (i < cells.size() - 1) {
                    line.append(padding);
                }
            }
            if (i < cells.size() - 1) {
                line.append(GAP);
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static String cut(String text) {
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }

    private static String cell(JsonNode value) {
        return value.isNull() ? "NULL" : text(value).replaceAll("[\\r\\n\\t]+", " ");
    }

    /** A value as text: strings as they are, numbers exactly, lists and records as JSON. */
    static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBigDecimal() || value.isFloatingPointNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
