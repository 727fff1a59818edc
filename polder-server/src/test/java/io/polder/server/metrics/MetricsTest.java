package io.polder.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Prometheus text format, written by hand: cumulative buckets, sums, counts, escaped labels. */
class MetricsTest {
    @Test
    void histogramBucketsAreCumulativeWithSumAndCount() {
        Histogram histogram = new Histogram("x_seconds", "How long x took.", new double[] {0.1, 1}, "route");
        histogram.observe(0.05, "/a");
        histogram.observe(0.5, "/a");
        histogram.observe(5, "/a");
        StringBuilder out = new StringBuilder();
        histogram.writeTo(out);
        assertThat(out.toString().lines().toList()).containsExactly(
                "# HELP x_seconds How long x took.",
                "# TYPE x_seconds histogram",
                "x_seconds_bucket{route=\"/a\",le=\"0.1\"} 1",
                "x_seconds_bucket{route=\"/a\",le=\"1.0\"} 2",
                "x_seconds_bucket{route=\"/a\",le=\"+Inf\"} 3",
                "x_seconds_sum{route=\"/a\"} 5.55",
                "x_seconds_count{route=\"/a\"} 3");
    }

    @Test
    void countersAreSortedByLabelsAndLabelValuesAreEscaped() {
        Counter counter = new Counter("y_total", "How many y.", "route", "status");
        counter.increment("/b", "200");
        counter.increment("/a\"\\\n", "404");
        counter.increment("/b", "200");
        StringBuilder out = new StringBuilder();
        counter.writeTo(out);
        assertThat(out.toString().lines().toList()).containsExactly(
                "# HELP y_total How many y.",
                "# TYPE y_total counter",
                "y_total{route=\"/a\\\"\\\\\\n\",status=\"404\"} 1",
                "y_total{route=\"/b\",status=\"200\"} 2");
    }

    @Test
    void storeTimingsNameTheStatementKindAndItsFirstTable() {
        assertThat(StoreTimings.kind("  SELECT d.id FROM (SELECT id FROM domains) d")).isEqualTo("select");
        assertThat(StoreTimings.table("  SELECT d.id FROM (SELECT id FROM domains) d")).isEqualTo("domains");
        assertThat(StoreTimings.kind("INSERT INTO audit_events (id) VALUES (:id)")).isEqualTo("insert");
        assertThat(StoreTimings.table("INSERT INTO audit_events (id) VALUES (:id)")).isEqualTo("audit_events");
        assertThat(StoreTimings.table("UPDATE products SET status = :status")).isEqualTo("products");
        assertThat(StoreTimings.kind("PRAGMA foreign_keys = ON")).isEqualTo("other");
        assertThat(StoreTimings.table("PRAGMA foreign_keys = ON")).isEqualTo("none");
    }

    @Test
    void aScrapeHoldsEveryFamilyEvenBeforeAnyObservation() {
        String scrape = new Metrics().scrape();
        assertThat(scrape.lines().filter(line -> line.startsWith("# TYPE")).toList()).containsExactly(
                "# TYPE polder_http_requests_total counter",
                "# TYPE polder_http_request_duration_seconds histogram",
                "# TYPE polder_store_statement_duration_seconds histogram",
                "# TYPE polder_store_statement_errors_total counter",
                "# TYPE polder_apply_duration_seconds histogram",
                "# TYPE polder_compliance_evaluations_total counter");
        assertThat(List.of(scrape.split("\n"))).allMatch(line -> line.startsWith("# ")
                || line.equals("polder_compliance_evaluations_total 0"));
    }
}
