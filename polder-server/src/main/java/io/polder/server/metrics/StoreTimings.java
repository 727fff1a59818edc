package io.polder.server.metrics;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Times every statement the registry runs, labelled by its kind ({@code select}, {@code insert}, ...) and
 * first table. The registry's SQL is constant text, so both labels take a small, fixed set of values.
 */
public final class StoreTimings implements SqlLogger {
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:FROM|INTO|UPDATE)\\s+([a-z_]+)");

    private final Metrics metrics;

    public StoreTimings(Metrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        String sql = context.getRawSql();
        metrics.statementExecuted(kind(sql), table(sql), context.getElapsedTime(ChronoUnit.NANOS) / 1e9);
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        String sql = context.getRawSql();
        metrics.statementFailed(kind(sql), table(sql));
    }

    static String kind(String sql) {
        String trimmed = sql == null ? "" : sql.stripLeading();
        int end = 0;
        while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
            end++;
        }
        String word = trimmed.substring(0, end).toLowerCase(Locale.ROOT);
        return switch (word) {
            case "select", "insert", "update", "delete", "with" -> word;
            default -> "other";
        };
    }

    static String table(String sql) {
        Matcher matcher = TABLE.matcher(sql == null ? "" : sql);
        return matcher.find() ? matcher.group(1).toLowerCase(Locale.ROOT) : "none";
    }
}
