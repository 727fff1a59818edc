package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * How the CLI prints a moment for people, in every table and sentence: UTC, to the second
 * ({@code 2026-03-01T12:00:00Z}), which is how precisely people tell runs, requests and tokens apart (their ids have
 * the rest), and a form {@code polder audit --since} takes back. {@code -o json|yaml} print the server's instants
 * whole.
 */
final class Times {
    private Times() {
    }

    /** {@code instant} to the second (cut, not rounded: a run created at 12:00:00.9 was not created at 12:00:01). */
    static String forPeople(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * An instant the server wrote as ISO-8601 text, to the second; "" stays "" (no such moment, such as a token that
     * never expires). Text that is not an instant is printed as it is: a listing must not fail over a field that
     * another server version writes as a date.
     */
    static String forPeople(String text) {
        if (text.isEmpty()) {
            return text;
        }
        try {
            return forPeople(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** The instant {@code field} of {@code item}, to the second; "" when it is absent or null. */
    static String field(JsonNode item, String field) {
        return forPeople(Listing.text(item, field));
    }
}
