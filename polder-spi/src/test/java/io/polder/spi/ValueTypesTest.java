package io.polder.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.exceptions.InvalidEngineConfigException;
import io.polder.spi.exceptions.UnknownEngineException;
import io.polder.spi.lineage.LineageEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
    @Test
    void portRefs() {
        PortRef port = PortRef.of("sales-orders", "orders", "1.2.0");

        assertThat(port).isEqualTo(new PortRef("sales-orders", "orders", 1));
        assertThat(port.toString()).isEqualTo("sales-orders/orders/v1");
        assertThat(PortRef.parse("sales-orders/orders/v1")).isEqualTo(port);
        assertThat(PortRef.majorOf("v2")).isEqualTo(2);
        for (String unsafe : new String[] {"..", "a/b", "", ".hidden", "a b"}) {
            assertThatThrownBy(() -> new PortRef(unsafe, "p", 1)).as(unsafe).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PortRef.of("p", "q", "one")).hasMessageContaining("not a semantic version");
    }

    @Test
    void snapshotIdsSortByTimeAndAreSafeNames() {
        Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:15:00.123Z"), ZoneOffset.UTC);
        SnapshotId first = SnapshotId.next(clock, new Random(1));
        SnapshotId later = SnapshotId.at(Instant.parse("2025-03-01T10:15:01Z"), new Random(1));

        assertThat(first.value()).matches("20250301T101500123Z-[0-9a-f]{6}");
        assertThat(first.startedAt()).isEqualTo(Instant.parse("2025-03-01T10:15:00.123Z"));
        assertThat(later).isGreaterThan(first);
        assertThat(SnapshotId.parse(first.value())).isEqualTo(first);
        assertThatThrownBy(() -> SnapshotId.parse("../../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void engineConfigReadsTypedValuesAndRejectsUnknownKeys() {
        EngineConfig config = EngineConfig.empty().with("timeout", "10m").with("iso", "PT2H").with("threads", "4");

        assertThat(config.duration("timeout", null)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.duration("iso", null)).isEqualTo(Duration.ofHours(2));
        assertThat(config.duration("absent", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.integer("threads", 1)).isEqualTo(4);
        assertThatThrownBy(() -> config.with("threads", "four").integer("threads", 1))
                .isInstanceOf(InvalidEngineConfigException.class);
        assertThatThrownBy(() -> config.requireOnly("duckdb", Set.of("timeout", "threads")))
                .isInstanceOf(InvalidEngineConfigException.class).hasMessageContaining("iso");
    }

    @Test
    void retentionPolicies() {
        assertThat(RetentionPolicy.none().keepsEverything()).isTrue();
        assertThat(RetentionPolicy.keepLast(3).keepsEverything()).isFalse();
        assertThatThrownBy(() -> RetentionPolicy.keepLast(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetentionPolicy.maxAge(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownEngineNamesTheAvailableOnes() {
        assertThatThrownBy(() -> Engines.factory("trino", getClass().getClassLoader()))
                .isInstanceOf(UnknownEngineException.class).hasMessageContaining("no engine called 'trino'");
    }

    @Test
    void lineageRunIdsAreUuids() {
        assertThat(LineageEvents.runUuid("123e4567-e89b-12d3-a456-426614174000")).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
        assertThat(LineageEvents.runUuid("run-42")).isEqualTo(LineageEvents.runUuid("run-42")).hasSize(36);
    }
}
