package io.polder.model.convert;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.bind.StandardEnum;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The standards (and versions) Polder converts documents into, named as on the command line. */
public enum ConversionTarget implements StandardEnum {
    ODCS_V3_1_0("odcs-v3.1.0");

    private final String value;

    ConversionTarget(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    /** The target named {@code name} (as in {@code --to odcs-v3.1.0}); unknown names fail with the accepted ones. */
    public static ConversionTarget parse(String name) {
        for (ConversionTarget target : values()) {
            if (target.value.equalsIgnoreCase(name.strip())) {
                return target;
            }
        }
        throw new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown conversion target '" + name + "'; expected one of: "
                + Arrays.stream(values()).map(ConversionTarget::value).collect(Collectors.joining(", ")));
    }
}
