package io.polder.registry.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a principal may do; see {@link Authorizer} for the one table that maps actions to roles. */
public enum Role {
    /** Runs the platform: may do everything. */
    PLATFORM_ADMIN("platform-admin"),
    /** The governance group: reads everything, including the audit log. */
    GOVERNANCE("governance"),
    /** Owns one domain: may publish and change the products of that domain. */
    DOMAIN_OWNER("domain-owner"),
    /** Belongs to one team: reads the catalog (builds, later). */
    MEMBER("member"),
    /** Reads the catalog. */
    CONSUMER("consumer");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    /** The spelling used in tokens, the API and the command line. */
    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The role spelled {@code value}.
     *
     * @throws PolderException INVALID_ARGUMENT naming the roles there are
     */
    public static Role parse(String value) {
        return Arrays.stream(values()).filter(role -> role.value.equals(value)).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.INVALID_ARGUMENT, "unknown role "
                        + io.polder.registry.Names.quoteForMessage(value) + "; the roles are " + spellings()));
    }

    static String spellings() {
        return Arrays.stream(values()).map(Role::value).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return value;
    }
}
