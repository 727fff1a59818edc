package io.polder.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the server's error answers ({@code {code, message, details}}) back into the one error model: the
 * same {@link ErrorCode} (so the same exit code), its message, and the details that help a person (the
 * conflicts or refusals the server listed).
 */
final class ServerErrors {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private ServerErrors() {
    }

    static PolderException toException(int status, JsonNode body, String path) {
        ErrorCode code = code(body.path("code").asText(null), status);
        String message = body.path("message").asText(null);
        if (message == null || message.isBlank()) {
            message = "the server answered " + status + " to " + path;
        }
        Map<String, Object> details = details(body.path("details"));
        return new PolderException(code, message + explanation(code) + listed(details), details, null);
    }

    /** The code the server named; by the HTTP status when it named none this client knows. */
    static ErrorCode code(String name, int status) {
        return Arrays.stream(ErrorCode.values()).filter(code -> code.name().equals(name)).findFirst()
                .orElseGet(() -> Arrays.stream(ErrorCode.values()).filter(code -> code.httpStatus() == status)
                        .findFirst().orElse(status < 500 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL));
    }

    private static String explanation(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> "\n  (give a valid token: set POLDER_TOKEN or use --token; a revoked or expired"
                    + " token no longer works)";
            default -> "";
        };
    }

    /**
     * The lists in the details that explain a refusal, one per line, when the message names only the first;
     * problems are printed by plan and apply.
     */
    private static String listed(Map<String, Object> details) {
        StringBuilder text = new StringBuilder();
        for (String key : List.of("conflicts", "refusals")) {
            if (details.get(key) instanceof List<?> items && items.size() > 1) {
                items.forEach(item -> text.append("\n  - ").append(item));
            }
        }
        return text.toString();
    }

    private static Map<String, Object> details(JsonNode node) {
        if (!node.isObject()) {
            return Map.of();
        }
        Map<String, Object> details = new LinkedHashMap<>(PolderClient.JSON.convertValue(node, MAP));
        details.values().removeIf(java.util.Objects::isNull);
        return details;
    }
}
