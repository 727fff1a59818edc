package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.spi.Stage;

/** Why a run failed before its checks could decide: the error code, the stage it failed in, and a readable message. */
public record RunFailure(ErrorCode code, Stage stage, String message) {
    public RunFailure {
        requireNonNull(code, "code is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(message, "message is null");
    }

    public static RunFailure of(PolderException exception, Stage stage) {
        return new RunFailure(exception.code(), stage, exception.getMessage());
    }
}
