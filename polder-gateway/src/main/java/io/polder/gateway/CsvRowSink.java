package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes a result as CSV (RFC 4180) while it is read: a header of column names, then one line per row. A
 * field is quoted when it holds a comma, a quote or a line break; NULL is an empty field; dates and times are
 * ISO 8601. The writer is flushed, not closed.
 */
public final class CsvRowSink implements RowSink {
    private final Writer out;

    public CsvRowSink(Writer out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public void start(List<ResultColumn> columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            field(i, columns.get(i).name());
        }
        out.write("\r\n");
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            field(i, text(values[i]));
        }
        out.write("\r\n");
    }

    /** Flushes what was written. */
    public void finish() throws IOException {
        out.flush();
    }

    private void field(int index, String text) throws IOException {
        if (index > 0) {
            out.write(',');
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            out.write('"');
            out.write(text.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(text);
        }
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }
}
