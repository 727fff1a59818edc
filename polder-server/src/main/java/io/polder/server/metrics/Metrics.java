package io.polder.server.metrics;

import io.polder.error.PolderException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The server's metrics, kept in memory and written in the Prometheus text format (version 0.0.4) at
 * {@code /metrics}: requests by route template (never by raw path, so ids cannot blow up the series),
 * store statements by kind and table, plan/apply durations, and the compliance evaluations made (reads of the
 * compliance view served from the kept evaluation make none). Thread-safe.
 */
public final class Metrics {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final double[] REQUEST_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] STATEMENT_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
    private static final double[] APPLY_SECONDS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300};

    private final Counter requests = new Counter("polder_http_requests_total",
            "HTTP requests answered, by method, route template and status.", "method", "route", "status");
    private final Histogram requestSeconds = new Histogram("polder_http_request_duration_seconds",
            "Time to answer HTTP requests, by method and route template.", REQUEST_SECONDS, "method", "route");
    private final Histogram statementSeconds = new Histogram("polder_store_statement_duration_seconds",
            "Time the metadata store took to execute statements, by statement kind and table.", STATEMENT_SECONDS,
            "statement", "table");
    private final Counter statementErrors = new Counter("polder_store_statement_errors_total",
            "Statements the metadata store refused or failed, by statement kind and table.", "statement", "table");
    private final Histogram applySeconds = new Histogram("polder_apply_duration_seconds",
            "Time to plan or apply a mesh bundle (validation, planning and every transaction), by mode and outcome.",
            APPLY_SECONDS, "mode", "outcome");

    /** Counts kept elsewhere, read at each scrape: the compliance evaluations, until one is given, zero. */
    private volatile LongSupplier complianceEvaluations = () -> 0;

    /** Where the number of compliance evaluations is read ({@code ComplianceService::evaluations}). */
    public void countComplianceEvaluations(LongSupplier evaluations) {
        this.complianceEvaluations = java.util.Objects.requireNonNull(evaluations, "evaluations is null");
    }

    public void requestAnswered(String method, String route, int status, double seconds) {
        requests.increment(method, route, Integer.toString(status));
        requestSeconds.observe(seconds, method, route);
    }

    public void statementExecuted(String statement, String table, double seconds) {
        statementSeconds.observe(seconds, statement, table);
    }

    public void statementFailed(String statement, String table) {
        statementErrors.increment(statement, table);
    }

    /** Runs a plan or apply ({@code mode}), recording how long it took and how it ended. */
    public <T> T timeApply(String mode, Supplier<T> work) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.get();
            outcome = "ok";
            return result;
        } catch (PolderException e) {
            outcome = e.code().name().toLowerCase(java.util.Locale.ROOT);
            throw e;
        } finally {
            applySeconds.observe((System.nanoTime() - start) / 1e9, mode, outcome);
        }
    }

    /** Every metric in the Prometheus text format. */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        requests.writeTo(out);
        requestSeconds.writeTo(out);
        statementSeconds.writeTo(out);
        statementErrors.writeTo(out);
        applySeconds.writeTo(out);
        out.append("# HELP polder_compliance_evaluations_total Evaluations of every current product against the policies"
                + " in force, for a read, a recording or the snapshot after an apply; a read of an unchanged registry"
                + " makes none.\n");
        out.append("# TYPE polder_compliance_evaluations_total counter\n");
        out.append("polder_compliance_evaluations_total ").append(complianceEvaluations.getAsLong()).append('\n');
        return out.toString();
    }
}
