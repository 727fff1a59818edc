package io.polder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserting which {@link PolderException} a call fails with. */
public final class Failures {
    private Failures() {
    }

    public static PolderException failure(ThrowingCallable call, ErrorCode code) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(PolderException.class);
        PolderException polder = (PolderException) thrown;
        assertThat(polder.code()).as(polder.getMessage()).isEqualTo(code);
        return polder;
    }
}
