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
                .hasMessage("how long a heartbeat may be missing (--silent-after) must be at least twice the heartbeat"
                        + " interval (--heartbeat, 10s), found 19s");
        assertThatThrownBy(() -> defaults.withLiveness(Duration.ZERO, Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the heartbeat interval (--heartbeat) must be at"
                        + " least 1s, found 0s");
    }

    @Test
    void aHeartbeatMoreOftenThanEverySecondIsRefused() {
        BuildSettings defaults = BuildSettings.defaults();
        assertThatThrownBy(() -> defaults.withLiveness(Duration.ofMillis(1), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the heartbeat interval (--heartbeat) must be at"
                        + " least 1s, found 0.001s");
        assertThatThrownBy(() -> defaults.withLiveness(Duration.ofMillis(999), Duration.ofMinutes(2)))
                .hasMessageEndingWith("found 0.999s");
        assertThat(defaults.withLiveness(Duration.ofSeconds(1), Duration.ofSeconds(2)).heartbeat())
                .isEqualTo(BuildSettings.MIN_HEARTBEAT);
    }
}
