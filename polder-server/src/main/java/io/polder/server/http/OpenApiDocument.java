package io.polder.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.polder.error.ErrorCode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The OpenAPI 3.1 document of the API, written from the same route table that registers the handlers:
 * every route is an operation with its parameters, body, answer, errors and who may call it.
 */
public final class OpenApiDocument {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ERROR_RESPONSE = "#/components/responses/Error";

    private OpenApiDocument() {
    }

    /**
     * The document of the routes {@code routes} gives, written at the first call (the first request for it, not the
     * server's start: describing every route's types takes a tenth of a second or more) and kept.
     */
    public static Supplier<String> onDemand(Supplier<List<Route>> routes, ObjectMapper mapper) {
        return new Supplier<>() {
            private String document;

            @Override
            public synchronized String get() {
                if (document == null) {
                    document = of(routes.get(), mapper);
                }
                return document;
            }
        };
    }

    /** The document of {@code routes}, as JSON text. */
    public static String of(List<Route> routes, ObjectMapper mapper) {
        JsonSchemas schemas = new JsonSchemas(mapper);
        ObjectNode document = NODES.objectNode().put("openapi", "3.1.0");
        document.putObject("info").put("title", "Polder API").put("version", "1")
                .put("description", "The registry of a data mesh: domains, teams, data products, contracts, their"
                        + " versions and lifecycle, plan and apply, API tokens and the audit log. Errors are"
                        + " {code, message, details}. Authenticate with Authorization: Bearer <API token>.");
        ObjectNode paths = document.putObject("paths");
        for (Route route : routes) {
            ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            path.set(route.method().lowerCase(), operation(route, schemas));
        }
        ObjectNode components = document.putObject("components");
        components.putObject("securitySchemes").putObject("bearerToken").put("type", "http").put("scheme", "bearer")
                .put("description", "An API token (pld_...), created by `polder token create` or POST /api/v1/tokens");
        components.putObject("responses").putObject("Error").put("description", "The request failed")
                .putObject("content").putObject(Returns.JSON).set("schema", schemas.reference(ErrorBody.class, false));
        errorCodes(schemas);
        components.set("schemas", schemas.components());
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be written", e);
        }
    }

    private static ObjectNode operation(Route route, JsonSchemas schemas) {
        ObjectNode operation = NODES.objectNode().put("operationId", route.operationId()).put("summary", route.summary())
                .put("description", "Who may call it: " + route.access().describe() + ".");
        operation.put("x-polder-action", route.access().isPublic() ? "none" : route.access().action().value());
        ArrayNode security = operation.putArray("security");
        if (!route.access().isPublic()) {
            security.addObject().putArray("bearerToken");
        }
        ArrayNode parameters = operation.putArray("parameters");
        for (String name : route.pathParameters()) {
            parameters.addObject().put("name", name).put("in", "path").put("required", true)
                    .putObject("schema").put("type", "string");
        }
        for (QueryParameter parameter : route.query()) {
            parameters.add(queryParameter(parameter));
        }
        if (route.requestBody() != null) {
            operation.putObject("requestBody").put("required", true).putObject("content").putObject(Returns.JSON)
                    .set("schema", schemas.reference(route.requestBody(), true));
        }
        ObjectNode responses = operation.putObject("responses");
        responses.set(Integer.toString(route.returns().status()), success(route.returns(), schemas));
        for (ErrorCode code : errors(route)) {
            responses.putObject(Integer.toString(code.httpStatus())).put("$ref", ERROR_RESPONSE)
                    .put("description", code.name());
        }
        responses.putObject("default").put("$ref", ERROR_RESPONSE);
        return operation;
    }

    private static ObjectNode queryParameter(QueryParameter parameter) {
        ObjectNode node = NODES.objectNode().put("name", parameter.name()).put("in", "query")
                .put("required", false).put("description", parameter.description());
        ObjectNode value = NODES.objectNode().put("type", parameter.type());
        if (!parameter.values().isEmpty()) {
            ArrayNode values = value.putArray("enum");
            parameter.values().forEach(values::add);
        }
        if (parameter.repeatable()) {
            node.put("explode", true).putObject("schema").put("type", "array").set("items", value);
        } else {
            node.set("schema", value);
        }
        return node;
    }

    private static ObjectNode success(Returns returns, JsonSchemas schemas) {
        ObjectNode response = NODES.objectNode().put("description", "OK");
        ObjectNode media = response.putObject("content").putObject(returns.mediaType());
        if (returns.type() == null) {
            media.putObject("schema").put("type", returns.mediaType().equals(Returns.JSON) ? "object" : "string");
        } else if (returns.page()) {
            ObjectNode page = media.putObject("schema").put("type", "object");
            page.putArray("required").add("items").add("nextCursor");
            ObjectNode properties = page.putObject("properties");
            properties.putObject("items").put("type", "array").set("items", schemas.reference(returns.type(), false));
            properties.putObject("nextCursor").put("description", "the cursor of the next page; null on the last")
                    .putArray("type").add("string").add("null");
        } else {
            media.set("schema", schemas.reference(returns.type(), false));
        }
        return response;
    }

    /** The errors a route may answer: those implied by its kind, then its own. */
    private static Set<ErrorCode> errors(Route route) {
        Set<ErrorCode> errors = new LinkedHashSet<>();
        errors.add(ErrorCode.INVALID_ARGUMENT);
        if (!route.access().isPublic()) {
            errors.add(ErrorCode.UNAUTHENTICATED);
            errors.add(ErrorCode.FORBIDDEN);
        }
        if (!route.pathParameters().isEmpty()) {
            errors.add(ErrorCode.NOT_FOUND);
        }
        if (route.requestBody() != null) {
            errors.add(ErrorCode.TOO_LARGE);
        }
        errors.addAll(route.errors());
        return errors;
    }

    /** The error body's code is one of the codes there are. */
    private static void errorCodes(JsonSchemas schemas) {
        ObjectNode error = (ObjectNode) schemas.components().get(ErrorBody.class.getSimpleName());
        ArrayNode codes = ((ObjectNode) error.get("properties").get("code")).putArray("enum");
        Arrays.stream(ErrorCode.values()).map(Enum::name).forEach(codes::add);
        ((ObjectNode) error.get("properties").get("code")).put("type", "string");
    }
}
