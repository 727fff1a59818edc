package io.polder.registry.runs;

import static java.util.Objects.requireNonNull;

import io.polder.registry.Names;
import io.polder.registry.store.Database;
import io.polder.registry.store.Rows;
import java.time.Instant;
import java.util.List;

/**
 * A product's history as its runs recorded it, for charts: how each contract run's checks came out, port by
 * port, and when each build published a new snapshot. Any authenticated principal may read runs, so nothing
 * is checked here; the newest entries come first.
 */
public final class RunHistory {
    /** At most this many entries are read per history. */
    public static final int MAX_ENTRIES = 500;
    static final String CHECKS_PER_RUN = """
            SELECT r.id, r.run_kind, r.finished_at, c.port,
                   SUM(CASE WHEN c.outcome = 'passed' THEN 1 ELSE 0 END) AS passed,
                   SUM(CASE WHEN c.outcome IN ('failed', 'error') AND c.severity = 'error' THEN 1 ELSE 0 END) AS blocking,
                   SUM(CASE WHEN c.outcome IN ('failed', 'error') AND c.severity <> 'error' THEN 1 ELSE 0 END) AS warned,
                   SUM(CASE WHEN c.outcome = 'skipped' THEN 1 ELSE 0 END) AS skipped
            FROM runs r JOIN run_checks c ON c.run_id = r.id
            WHERE r.product_id = :product AND r.finished_at IS NOT NULL
            GROUP BY r.id, r.run_kind, r.finished_at, c.port
            ORDER BY r.id DESC, c.port
            LIMIT :limit""";
    static final String PUBLISHES = """
            SELECT r.id, r.finished_at, p.port, p.published_snapshot, p.rows_written
            FROM runs r JOIN run_ports p ON p.run_id = r.id
            WHERE r.product_id = :product AND r.run_kind = 'build' AND r.finished_at IS NOT NULL
              AND p.outcome = 'published'
            ORDER BY r.id DESC, p.port
            LIMIT :limit""";

    private final Database database;

    public RunHistory(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** How the checks of each finished contract run of the product came out, per port, newest first. */
    public List<CheckTally> checks(String productId, int limit) {
        Names.requireId("product id", productId);
        return database.read(handle -> handle.createQuery(CHECKS_PER_RUN).bind("product", productId)
                .bind("limit", bounded(limit))
                .map((row, context) -> new CheckTally(row.getString("id"), RunKind.parse(row.getString("run_kind")),
                        Rows.instant(row, "finished_at"), row.getString("port"), row.getInt("passed"),
                        row.getInt("blocking"), row.getInt("warned"), row.getInt("skipped")))
                .list());
    }

    /** The snapshots the product's builds published, per port, newest first. */
    public List<Publish> publishes(String productId, int limit) {
        Names.requireId("product id", productId);
        return database.read(handle -> handle.createQuery(PUBLISHES).bind("product", productId)
                .bind("limit", bounded(limit))
                .map((row, context) -> new Publish(row.getString("id"), Rows.instant(row, "finished_at"),
                        row.getString("port"), row.getString("published_snapshot"), row.getLong("rows_written")))
                .list());
    }

    private static int bounded(int limit) {
        if (limit < 1 || limit > MAX_ENTRIES) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_ENTRIES + ", found " + limit);
        }
        return limit;
    }

    /**
     * The checks of one contract run on one port, by outcome.
     *
     * @param port {@code product/port/vMAJOR}
     * @param blocking error-severity checks that failed or errored: they keep a snapshot from being published
     * @param warned warning- or info-severity checks that failed or errored
     * @param skipped checks not run by design (text rules, SLAs without an element)
     */
    public record CheckTally(String runId, RunKind kind, Instant finishedAt, String port, int passed, int blocking,
                             int warned, int skipped) {
        /** The checks that were decided: passed, failed or errored. */
        public int decided() {
            return passed + blocking + warned;
        }
    }

    /** A snapshot a build published on a port, at the build's end. */
    public record Publish(String runId, Instant publishedAt, String port, String snapshot, long rows) {
    }
}
