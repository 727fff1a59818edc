package io.polder.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --key=value} options of a suite, with defaults chosen by the suite. */
record BenchOptions(Map<String, String> values) {
    BenchOptions {
        values = Map.copyOf(values);
    }

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options are written --name=value, found: " + arg);
            }
            int equals = arg.indexOf('=');
            values.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        return new BenchOptions(values);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A comma-separated option, such as {@code --products=10000,100000}. */
    java.util.List<String> list(String name, String fallback) {
        return java.util.Arrays.stream(string(name, fallback).split(",")).map(String::strip)
                .filter(value -> !value.isEmpty()).toList();
    }

    long number(String name, long fallback) {
        String value = values.get(name);
        return value == null ? fallback : Long.parseLong(value.replace("_", ""));
    }

    int integer(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
