package io.polder.server.metrics;

import java.util.List;

/** Writes label sets in the Prometheus text format, escaping what the format requires. */
final class Labels {
    private Labels() {
    }

    /** {@code {name="value",...}}, or nothing when there are no labels. */
    static String format(List<String> names, List<String> values, String extraName, String extraValue) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            append(text, names.get(i), values.get(i));
        }
        if (extraName != null) {
            append(text, extraName, extraValue);
        }
        return text.isEmpty() ? "" : "{" + text + "}";
    }

    private static void append(StringBuilder text, String name, String value) {
        if (!text.isEmpty()) {
            text.append(',');
        }
        text.append(name).append("=\"").append(escape(value)).append('"');
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static void requireArity(List<String> names, String... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException("expected labels " + names + ", got " + values.length + " values");
        }
    }
}
