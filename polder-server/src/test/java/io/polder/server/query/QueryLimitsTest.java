package io.polder.server.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The query limits a server runs under: the defaults, and a clear refusal of each limit out of range. */
class QueryLimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        QueryLimits limits = QueryLimits.defaults();
        assertThat(limits.defaultRowCap()).isEqualTo(10_000);
        assertThat(limits.maxRowCap()).isEqualTo(1_000_000);
        assertThat(limits.defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.maxTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(limits.concurrentQueries()).isGreaterThanOrEqualTo(2);
        assertThat(limits.admissionWait()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void eachLimitOutOfRangeIsRefusedNamingItsOption() {
        QueryLimits limits = QueryLimits.defaults();
        assertThatThrownBy(() -> limits.withConcurrentQueries(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of queries that run at once (--query-concurrency) must be between 1 and 256,"
                        + " found 0");
        assertThatThrownBy(() -> limits.withConcurrentQueries(257)).hasMessageContaining("found 257");
        assertThatThrownBy(() -> limits.withRowCaps(20_000, 10_000)).hasMessage("the default row cap (--query-row-cap)"
                + " must be between 1 and the highest row cap (--query-max-row-cap, 10000), found 20000");
        assertThatThrownBy(() -> limits.withRowCaps(0, 10_000)).hasMessageContaining("--query-row-cap");
        assertThatThrownBy(() -> limits.withRowCaps(1, 0)).hasMessage("the highest row cap (--query-max-row-cap)"
                + " must be at least 1, found 0");
        assertThatThrownBy(() -> limits.withTimeouts(Duration.ofMinutes(2), Duration.ofMinutes(1))).hasMessage(
                "the default timeout (--query-timeout) must be between 1s and the longest timeout (--query-max-timeout,"
                        + " 1m), found 2m");
        assertThatThrownBy(() -> limits.withTimeouts(Duration.ofMillis(500), Duration.ofMinutes(1)))
                .hasMessageContaining("--query-timeout").hasMessageContaining("found 0.5s");
        assertThatThrownBy(() -> limits.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)))
                .hasMessage("the longest timeout (--query-max-timeout) must be at least 1s, found 0.5s");
        assertThatThrownBy(() -> limits.withAdmissionWait(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }

    @Test
    void limitsWithinRangeAreKept() {
        QueryLimits limits = QueryLimits.defaults().withRowCaps(5, 7).withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(3)).withConcurrentQueries(1);
        assertThat(limits).isEqualTo(new QueryLimits(5, Duration.ofSeconds(2), 1, Duration.ofSeconds(10), 7,
                Duration.ofSeconds(3)));
    }
}
