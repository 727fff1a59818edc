package io.polder.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Map;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Polder's error codes as Flight statuses. */
class FlightErrorsTest {
    @Test
    void eachCodeHasTheStatusAClientExpects() {
        assertThat(FlightErrors.statusCode(ErrorCode.UNAUTHENTICATED)).isEqualTo(FlightStatusCode.UNAUTHENTICATED);
        assertThat(FlightErrors.statusCode(ErrorCode.FORBIDDEN)).isEqualTo(FlightStatusCode.UNAUTHORIZED);
        assertThat(FlightErrors.statusCode(ErrorCode.INVALID_ARGUMENT)).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
        assertThat(FlightErrors.statusCode(ErrorCode.INVALID_DOCUMENT)).isEqualTo(FlightStatusCode.INVALID_ARGUMENT);
        assertThat(FlightErrors.statusCode(ErrorCode.NOT_FOUND)).isEqualTo(FlightStatusCode.NOT_FOUND);
        assertThat(FlightErrors.statusCode(ErrorCode.CONFLICT)).isEqualTo(FlightStatusCode.ALREADY_EXISTS);
        assertThat(FlightErrors.statusCode(ErrorCode.TOO_LARGE)).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
        assertThat(FlightErrors.statusCode(ErrorCode.INTERNAL)).isEqualTo(FlightStatusCode.INTERNAL);
    }

    @Test
    void aQueryCancelledAtItsTimeoutIsADeadlineNotAnExhaustedResource() {
        FlightRuntimeException timedOut = FlightErrors.of(new PolderException(ErrorCode.TOO_LARGE,
                "the query ran longer than its timeout of 1s and was cancelled", Map.of("limit", "timeout"), null));
        assertThat(timedOut.status().code()).isEqualTo(FlightStatusCode.TIMED_OUT);
        assertThat(timedOut.status().metadata().get("polder-code")).isEqualTo("TOO_LARGE");
        assertThat(timedOut.status().metadata().get("polder-limit")).isEqualTo("timeout");
        FlightRuntimeException tooLong = FlightErrors.of(new PolderException(ErrorCode.TOO_LARGE,
                "the query is too long", Map.of(), null));
        assertThat(tooLong.status().code()).isEqualTo(FlightStatusCode.RESOURCE_EXHAUSTED);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void theMessageIsTheClientsDescriptionAndTheCodeGoesAlong(ErrorCode code) {
        FlightRuntimeException flight = FlightErrors.of(new PolderException(code, "what went wrong",
                Map.of("port", "sales-orders/orders", "purpose", "churn modèle", "Bad Key", "x"), null));
        assertThat(flight.status().description()).isEqualTo("what went wrong");
        assertThat(flight.status().metadata().get("polder-code")).isEqualTo(code.name());
        assertThat(flight.status().metadata().get("polder-port")).isEqualTo("sales-orders/orders");
        // headers carry printable ASCII only, under lower-case names
        assertThat(flight.status().metadata().containsKey("polder-purpose")).isFalse();
        assertThat(flight.status().metadata().keys()).noneMatch(key -> key.contains(" "));
    }
}
