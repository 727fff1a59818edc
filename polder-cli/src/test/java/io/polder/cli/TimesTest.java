package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one form the CLI prints a moment in for people: UTC, to the second. */
class TimesTest {
    @Test
    void anInstantIsPrintedInUtcToTheSecondCutNotRounded() {
        assertThat(Times.forPeople(Instant.parse("2026-03-01T12:00:00.999999Z"))).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(Times.forPeople(Instant.parse("2026-03-01T23:59:59.5Z"))).isEqualTo("2026-03-01T23:59:59Z");
        assertThat(Times.forPeople(Instant.parse("2026-03-01T12:00:00Z"))).as("whole minutes keep their seconds")
                .isEqualTo("2026-03-01T12:00:00Z");
    }

    @Test
    void theServersTextIsReadAsAnInstantAndAnOffsetIsTurnedIntoUtc() {
        assertThat(Times.forPeople("2026-03-01T12:00:00.123456789Z")).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(Times.forPeople("2026-03-01T13:30:05.5+01:00")).isEqualTo("2026-03-01T12:30:05Z");
    }

    @Test
    void noMomentStaysEmptyAndTextThatIsNoInstantIsPrintedAsItIs() throws Exception {
        assertThat(Times.forPeople("")).isEmpty();
        assertThat(Times.forPeople("2027-03-31")).as("a date, as another server version might write it")
                .isEqualTo("2027-03-31");
        var item = new ObjectMapper().readTree("{\"createdAt\": \"2026-03-01T12:00:00.250Z\", \"expiresAt\": null}");
        assertThat(Times.field(item, "createdAt")).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(Times.field(item, "expiresAt")).isEmpty();
        assertThat(Times.field(item, "revokedAt")).isEmpty();
    }
}
