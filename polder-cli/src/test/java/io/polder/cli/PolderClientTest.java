package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server on a loopback port that answers what a Polder server, a proxy or
 * another program might: what each answer becomes, for plain requests and for streamed ones alike.
 */
class PolderClientTest {
    private HttpServer server;
    private PolderClient client;
    /** What the server saw of the last request: method, path and query, headers, body. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/api/v1/echo", 200, "application/json", "{\"answer\":42}");
        answer("/api/v1/missing", 404, "application/json",
                "{\"code\":\"NOT_FOUND\",\"message\":\"no product 'nope'\",\"details\":{}}");
        answer("/api/v1/proxy", 502, "text/html", "<html><body>Bad Gateway</body></html>");
        answer("/api/v1/page", 200, "text/html", "<html><body>Welcome to nginx</body></html>");
        answer("/api/v1/empty", 204, "application/json", "");
        server.start();
        client = new PolderClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "pld_test");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheTokenAndJsonAndReadsTheAnswer() {
        JsonNode body = client.get(PolderClient.path("echo"), PolderClient.Query.none().with("limit", 5)
                .with("cursor", null).with("q", "a b")).body();
        assertThat(body.path("answer").asInt()).isEqualTo(42);
        assertThat(seen).containsEntry("request", "GET /api/v1/echo?limit=5&q=a%20b")
                .containsEntry("authorization", "Bearer pld_test").containsEntry("accept", "application/json");

        PolderClient.Response posted = client.post(PolderClient.path("echo"), Map.of("reason", "done"));
        assertThat(posted.status()).isEqualTo(200);
        assertThat(seen).containsEntry("request", "POST /api/v1/echo").containsEntry("body", "{\"reason\":\"done\"}")
                .containsEntry("content-type", "application/json");
        assertThat(posted.header("content-type")).contains("application/json");
    }

    @Test
    void anEmptyAnswerIsNull() {
        assertThat(client.get(PolderClient.path("empty")).body().isNull()).isTrue();
    }

    @Test
    void anErrorAnswerKeepsTheServersCodeAndMessage() {
        assertThatThrownBy(() -> client.get(PolderClient.path("missing")))
                .isInstanceOfSatisfying(PolderException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(error.getMessage()).isEqualTo("no product 'nope'");
                });
        assertThatThrownBy(() -> streamed("missing")).isInstanceOfSatisfying(PolderException.class, error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(error.getMessage()).isEqualTo("no product 'nope'");
        });
    }

    @Test
    void anErrorPageThatIsNotJsonIsNamedByItsStatus() {
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> client.get(PolderClient.path("proxy")),
                () -> streamed("proxy"))) {
            assertThatThrownBy(call).isInstanceOfSatisfying(PolderException.class, error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
                assertThat(error.getMessage()).isEqualTo("the server answered 502 to /api/v1/proxy");
            });
        }
    }

    @Test
    void aSuccessThatIsNotJsonIsNotAPolderServer() {
        assertThatThrownBy(() -> client.get(PolderClient.path("page")))
                .isInstanceOfSatisfying(PolderException.class, error -> {
                    assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL);
                    assertThat(error.getMessage()).endsWith(" answered 200 with something that is not JSON (is it a"
                            + " Polder server?): <html><body>Welcome to nginx</body></html>");
                });
    }

    @Test
    void aStreamedAnswerIsHandedToTheReader() {
        assertThat(streamed("echo")).isEqualTo("{\"answer\":42}");
        assertThat(seen).containsEntry("request", "POST /api/v1/echo").containsEntry("accept", "application/x-test")
                .containsEntry("body", "{\"sql\":\"SELECT 1\"}");
    }

    private String streamed(String path) {
        return client.postStreaming(PolderClient.path(path), Map.of("sql", "SELECT 1"), "application/x-test",
                (in, headers) -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    private void answer(String path, int status, String contentType, String body) {
        server.createContext(path, exchange -> {
            record(exchange);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    private void record(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        seen.clear();
        seen.put("request", exchange.getRequestMethod() + " " + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        for (String header : List.of("Authorization", "Accept", "Content-Type")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                seen.put(header.toLowerCase(java.util.Locale.ROOT), value);
            }
        }
    }
}
