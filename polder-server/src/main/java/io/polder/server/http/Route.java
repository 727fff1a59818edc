package io.polder.server.http;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Handler;
import io.polder.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the API: its method and path template, who may call it, what it accepts and answers, and
 * the function that handles it. The same list of routes registers the handlers and writes the OpenAPI
 * document, so the two cannot drift apart.
 *
 * @param path the path template, such as {@code /api/v1/products/{id}}
 * @param operationId the OpenAPI operation id, unique among the routes
 * @param requestBody the record the JSON body is read into, or null when the route takes no body
 * @param errors the errors particular to this route, for its description; the ones every route of its kind
 *               may answer (400, 401, 403, 404, 413) are implied
 * @param concern what a request is about, for the words of a refusal at the door
 */
public record Route(HttpMethod method, String path, Access access, String operationId, String summary,
                    List<QueryParameter> query, Class<?> requestBody, Returns returns, List<ErrorCode> errors,
                    Concern concern, Handler handler) {
    private static final Pattern PATH = Pattern.compile("(/([a-z0-9.]+|\\{[a-zA-Z]+}))+");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-zA-Z]+)}");

    public Route {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("not a route path template: " + path);
        }
        requireNonNull(access, "access is null");
        requireNonNull(operationId, "operationId is null");
        requireNonNull(summary, "summary is null");
        query = List.copyOf(query);
        requireNonNull(returns, "returns is null");
        errors = List.copyOf(errors);
        requireNonNull(concern, "concern is null");
        requireNonNull(handler, "handler is null");
    }

    public static Builder get(String path) {
        return new Builder(HttpMethod.GET, path);
    }

    public static Builder post(String path) {
        return new Builder(HttpMethod.POST, path);
    }

    public static Builder delete(String path) {
        return new Builder(HttpMethod.DELETE, path);
    }

    /** {@code GET /api/v1/products/{id}}: how logs, metrics and the audit log name the route. */
    public String key() {
        return method + " " + path;
    }

    /** The names of the path's parameters, in order. */
    public List<String> pathParameters() {
        List<String> names = new ArrayList<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The query parameter {@code name}, if the route accepts it. */
    public java.util.Optional<QueryParameter> queryParameter(String name) {
        return query.stream().filter(parameter -> parameter.name().equals(name)).findFirst();
    }

    /** Builds a route; only the method and path are given up front. */
    public static final class Builder {
        private final HttpMethod method;
        private final String path;
        private Access access = Access.anyone();
        private String operationId;
        private String summary;
        private final List<QueryParameter> query = new ArrayList<>();
        private Class<?> requestBody;
        private Returns returns;
        private final List<ErrorCode> errors = new ArrayList<>();
        private Concern concern = Concern.NONE;

        private Builder(HttpMethod method, String path) {
            this.method = method;
            this.path = path;
        }

        public Builder operation(String id, String summaryText) {
            this.operationId = id;
            this.summary = summaryText;
            return this;
        }

        public Builder access(Access value) {
            this.access = value;
            return this;
        }

        public Builder query(QueryParameter... parameters) {
            query.addAll(Arrays.asList(parameters));
            return this;
        }

        public Builder body(Class<?> type) {
            this.requestBody = type;
            return this;
        }

        /** Errors particular to this route, such as CONFLICT for an apply. */
        public Builder errors(ErrorCode... codes) {
            errors.addAll(Arrays.asList(codes));
            return this;
        }

        /** What a request is about, so that a refusal names it rather than the route. */
        public Builder concern(Concern value) {
            this.concern = value;
            return this;
        }

        public Builder returns(Returns value) {
            this.returns = value;
            return this;
        }

        /** A listing: answers a page of {@code itemType} and takes {@code cursor} and {@code limit}. */
        public Builder pageOf(Class<?> itemType) {
            query.add(QueryParameter.CURSOR);
            query.add(QueryParameter.LIMIT);
            return returns(Returns.pageOf(itemType));
        }

        public Route handler(Handler handler) {
            return new Route(method, path, access, operationId, summary, query, requestBody, returns, errors, concern,
                    handler);
        }
    }
}
