package io.polder.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rows printed in aligned columns under an upper-case header, the way people scan a listing. */
final class Table {
    private static final String GAP = "  ";
    private static final int MAX_CELL = 60;

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final Set<Integer> whole = new HashSet<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    /**
     * Prints the cells of these columns whole: they hold what people copy into another command (a relation name),
     * which a shortened cell would break. Call it before adding rows.
     */
    Table whole(String... columns) {
        for (String column : columns) {
            int index = header.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + header);
            }
            whole.add(index);
        }
        return this;
    }

    Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, found " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (int column = 0; column < cells.length; column++) {
            row.add(cell(cells[column], whole.contains(column) ? Integer.MAX_VALUE : MAX_CELL));
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table, or the sentence {@code none} (such as "No grants.") when it has no rows. */
    void print(PrintWriter out, String none) {
        if (rows.isEmpty()) {
            out.println(none);
            out.flush();
        } else {
            print(out);
        }
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = header.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        printRow(out, header, widths);
        rows.forEach(row -> printRow(out, row, widths));
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - cell.length())).append(GAP);
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /** One line per cell, shortened: a description must not break the columns. */
    private static String cell(String value, int maxCell) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        String flat = value.replaceAll("\\s+", " ").strip();
        return flat.length() <= maxCell ? flat : flat.substring(0, maxCell - 1) + "…";
    }
}
