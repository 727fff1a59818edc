package io.polder.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's one HTTP client of the Polder server's API ({@code /api/v1}). Sends the bearer token
 * (never anything else that names the caller), and turns the server's JSON errors
 * {@code {code, message, details}} back into {@link PolderException}s with the same {@link ErrorCode}, so a
 * refused request exits with the code the error model gives it.
 */
final class PolderClient {
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // the server writes instants as ISO-8601 text; the records that carry them read them back
            .addModule(new SimpleModule().addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
                @Override
                protected Instant _deserialize(String value, DeserializationContext context) {
                    return Instant.parse(value);
                }
            }))
            .build();
    private static final String API = "/api/v1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Reads and small changes; uploads of a mesh have none, since a large apply may rightly take long. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /**
     * One client per process, as the JDK intends: it holds a connection pool and a selector thread. Made at the
     * first request, not when this class loads: commands that only use {@link #JSON} (every command line builds
     * them all, {@code polder serve} included) would otherwise pay for the JDK's TLS set-up (~0.5 s).
     */
    private static final class Http {
        // HTTP/1.1: the JDK's default (HTTP/2) would try an h2c upgrade on every plain-text request.
        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build();

        private Http() {
        }
    }

    private final URI server;
    private final String token;

    /**
     * @param server the server's base URL, such as {@code http://127.0.0.1:8080}
     * @param token the bearer token, or null to send none
     */
    PolderClient(URI server, String token) {
        this.server = requireNonNull(server, "server is null");
        this.token = token;
    }

    /** A server's answer that was not an error. */
    record Response(int status, JsonNode body, Map<String, List<String>> headers) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }
    }

    Response get(String path) {
        return get(path, Query.none());
    }

    Response get(String path, Query query) {
        return send(request(path, query).timeout(REQUEST_TIMEOUT).GET());
    }

    /** Posts {@code body} as JSON, without query parameters or headers of its own. */
    Response post(String path, Object body) {
        return post(path, Query.none(), body, Map.of());
    }

    Response post(String path, Query query, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = jsonPost(path, query, body).timeout(REQUEST_TIMEOUT);
        headers.forEach(request::header);
        return send(request);
    }

    /** Uploads a mesh bundle for plan or apply: no time limit, a large apply takes as long as it takes. */
    Response upload(String path, Query query, Object bundle) {
        return send(jsonPost(path, query, bundle));
    }

    Response delete(String path) {
        return send(request(path, Query.none()).timeout(REQUEST_TIMEOUT).DELETE());
    }

    URI server() {
        return server;
    }

    /** Reads an answer's body as it arrives. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(java.io.InputStream body, Map<String, List<String>> headers) throws IOException;
    }

    /**
     * Posts {@code body} and hands the answer to {@code reader} as it streams in (a query's rows): no time limit
     * on the answer, whose length the server bounds. An error answer becomes a {@link PolderException}.
     */
    <T> T postStreaming(String path, Object body, String accept, BodyReader<T> reader) {
        HttpRequest request = jsonPost(path, Query.none(), body).setHeader("Accept", accept).build();
        HttpResponse<java.io.InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = response.body()) {
            if (response.statusCode() >= 400) {
                throw ServerErrors.toException(response.statusCode(), errorBody(in.readAllBytes()),
                        response.uri().getPath());
            }
            return reader.read(in, response.headers().map());
        } catch (IOException e) {
            throw new PolderException(ErrorCode.INTERNAL, "the answer of the Polder server at " + server
                    + " broke off: " + e.getMessage(), Map.of(), e);
        }
    }

    /** {@code /api/v1/} followed by the segments, each percent-encoded (so an id cannot add a segment). */
    static String path(String... segments) {
        StringBuilder path = new StringBuilder(API);
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    private HttpRequest.Builder request(String path, Query query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path + query.text()))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private HttpRequest.Builder jsonPost(String path, Query query, Object body) {
        return request(path, query).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
    }

    private URI resolve(String pathAndQuery) {
        String base = server.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }

    private Response send(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 400) {
            throw ServerErrors.toException(response.statusCode(), errorBody(response.body()), response.uri().getPath());
        }
        return new Response(response.statusCode(), parse(response), response.headers().map());
    }

    /**
     * Sends {@code request} and returns the answer, whatever its status; a server that cannot be reached, a
     * connection that fails and a request that times out become {@link PolderException}s.
     */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> bodyHandler) {
        try {
            return Http.CLIENT.send(request, bodyHandler);
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) { // only requests with REQUEST_TIMEOUT have a time limit
            throw new PolderException(ErrorCode.INTERNAL, "the Polder server at " + server + " did not answer within "
                    + REQUEST_TIMEOUT.toMinutes() + " minutes", Map.of(), e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException || e.getCause() instanceof UnresolvedAddressException) {
                throw unreachable(e);
            }
            throw new PolderException(ErrorCode.INTERNAL, "the connection to the Polder server at " + server
                    + " failed: " + e.getMessage(), Map.of(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolderException(ErrorCode.INTERNAL, "interrupted while waiting for the Polder server");
        }
    }

    private PolderException unreachable(Exception cause) {
        return new PolderException(ErrorCode.INTERNAL, "cannot reach the Polder server at " + server
                + " (is `polder serve` running? set POLDER_SERVER or --server)", Map.of(), cause);
    }

    /** An error answer's body: its JSON, or nothing when it is empty or not JSON (a proxy's error page). */
    private static JsonNode errorBody(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException notJson) {
            return NullNode.getInstance();
        }
    }

    /** A successful answer's body. */
    private JsonNode parse(HttpResponse<byte[]> response) {
        byte[] bytes = response.body();
        if (bytes == null || bytes.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            // Not JSON: a proxy's page or another program on that port. Say so rather than show a parse error.
            String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8).strip();
            throw new PolderException(ErrorCode.INTERNAL, server + " answered " + response.statusCode()
                    + " with something that is not JSON (is it a Polder server?): " + text);
        }
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot write the request as JSON: " + e.getOriginalMessage());
        }
    }

    /** A query string built from parameters; null values are left out, repeated names allowed. */
    static final class Query {
        private final Map<String, List<String>> parameters = new LinkedHashMap<>();

        static Query none() {
            return new Query();
        }

        Query with(String name, Object value) {
            if (value != null) {
                parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value.toString());
            }
            return this;
        }

        Query withAll(String name, List<String> values) {
            if (values != null) {
                values.forEach(value -> with(name, value));
            }
            return this;
        }

        boolean has(String name) {
            return parameters.containsKey(name);
        }

        Query copy() {
            Query copy = new Query();
            parameters.forEach((name, values) -> copy.withAll(name, values));
            return copy;
        }

        String text() {
            StringBuilder text = new StringBuilder();
            parameters.forEach((name, values) -> values.forEach(value -> text.append(text.isEmpty() ? '?' : '&')
                    .append(encode(name)).append('=').append(encode(value))));
            return text.toString();
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
