package io.polder.registry;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.regex.Pattern;

/**
 * The shapes the registry accepts for ids and names, checked before any lookup or store, so that a
 * quote, a semicolon, a {@code ../}, a look-alike letter or a 10,000-character id never reaches SQL,
 * a log line or a URL unexamined.
 */
public final class Names {
    /** Domain, team and product ids, as mesh.yaml defines them. */
    public static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    /** Contract ids: ODCS allows any string; the registry takes letters, digits and {@code . _ : -}. */
    public static final Pattern CONTRACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,254}");
    /** Versions (semantic versions, and the like). */
    public static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    /** Principal names: user names, e-mail addresses, service account names. */
    public static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+:-]{0,319}");
    /** Token names. */
    public static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private Names() {
    }

    public static String requireId(String what, String value) {
        return require(what, value, ID, "a lowercase id ([a-z][a-z0-9-]*, at most 63 characters)");
    }

    public static String requireContractId(String value) {
        return require("contract id", value, CONTRACT_ID,
                "letters, digits and . _ : - (starting with a letter or digit, at most 255 characters)");
    }

    public static String requireVersion(String value) {
        return require("version", value, VERSION, "letters, digits and . + _ - (at most 64 characters)");
    }

    public static String requirePrincipal(String value) {
        return require("principal name", value, PRINCIPAL,
                "letters, digits and . _ @ + : - (at most 320 characters)");
    }

    public static String requireTokenName(String value) {
        return require("token name", value, TOKEN_NAME, "letters, digits and . _ - (at most 100 characters)");
    }

    /** Whether {@code value} fully matches {@code pattern} (null does not). */
    public static boolean matches(Pattern pattern, String value) {
        return value != null && value.length() <= 1000 && pattern.matcher(value).matches();
    }

    private static String require(String what, String value, Pattern pattern, String rule) {
        if (!matches(pattern, value)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT,
                    "not a valid " + what + " " + quoteForMessage(value) + ": must be " + rule);
        }
        return value;
    }

    /** An id as an audit target may show it, whatever the caller sent: at most 80 characters. */
    public static String forTarget(String value) {
        return value == null ? "(none)" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    /** The value quoted for an error message: shortened, with control and non-ASCII characters escaped. */
    public static String quoteForMessage(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder quoted = new StringBuilder("'");
        int shown = Math.min(value.length(), 80);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append(value.length() > shown ? "'... (" + value.length() + " characters)" : "'");
        return quoted.toString();
    }
}
