package io.polder.server.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How often a server beats, and how long it may be silent before other replicas fail its runs. */
class BuildSettingsTest {
    @Test
    void byDefaultAHeartbeatEveryTenSecondsAndSilentAfterTwoMinutes() {
        BuildSettings defaults = BuildSettings.defaults();
        assertThat(defaults.heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.silentAfter()).isEqualTo(Duration.ofMinutes(2));
        BuildSettings changed = defaults.withLiveness(Duration.ofSeconds(30), Duration.ofMinutes(5)).withScheduler(false);
        assertThat(changed.heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.silentAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void oneLateHeartbeatMustNotMakeTheServerCountAsSilent() {
        BuildSettings defaults = BuildSettings.defaults();
        assertThat(defaults.withLiveness(Duration.ofSeconds(10), Duration.ofSeconds(20)).silentAfter())
                .isEqualTo(Duration.ofSeconds(20));
        assertThatThrownBy(() -> defaults.withLiveness(Duration.ofSeconds(10), Duration.ofSeconds(19)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("silentAfter (PT19S) must be at least twice the heartbeat interval (PT10S)");
        assertThatThrownBy(() -> defaults.withLiveness(Duration.ZERO, Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 ms");
    }
}
