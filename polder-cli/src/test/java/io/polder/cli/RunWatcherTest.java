package io.polder.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A build asked for while the server builds the same product already (its scheduler, after an upstream publish):
 * against a hand-written server that answers the first requests as the registry does, 409 with the running run's id.
 */
class RunWatcherTest {
    private static final String CONFLICT = "{\"code\":\"CONFLICT\",\"message\":\"product 'finance-revenue-report' is"
            + " being built already (run RUNNING); one build of a product runs at a time\",\"details\":{\"runId\":\"RUNNING\"}}";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger conflictsLeft = new AtomicInteger();
    private final AtomicInteger runningPolls = new AtomicInteger();
    private final StringWriter printed = new StringWriter();
    private RunWatcher watcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/products/finance-revenue-report/builds", exchange -> {
            requests.add(exchange.getRequestMethod() + " builds");
            boolean conflict = conflictsLeft.getAndDecrement() > 0;
            send(exchange, conflict ? 409 : 202, conflict ? CONFLICT : "{\"run\":{\"id\":\"MINE\",\"state\":\"queued\"}}");
        });
        server.createContext("/api/v1/runs/RUNNING", exchange -> {
            requests.add("GET RUNNING");
            // running for two polls, then done: the build asked for starts only after it
            String state = runningPolls.incrementAndGet() <= 2 ? "running" : "succeeded";
            send(exchange, 200, "{\"run\":{\"id\":\"RUNNING\",\"state\":\"" + state + "\",\"stage\":\"write\"}}");
        });
        server.createContext("/api/v1/runs/MINE", exchange -> {
            requests.add("GET MINE");
            send(exchange, 200, "{\"run\":{\"id\":\"MINE\",\"productId\":\"finance-revenue-report\",\"state\":\"succeeded\"}}");
        });
        server.start();
        PolderClient client = new PolderClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "pld_test");
        watcher = new RunWatcher(client, new PrintWriter(printed, true));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aBuildRunningAlreadyIsWaitedForThenTheProductIsBuilt() {
        conflictsLeft.set(1);
        String run = watcher.build("finance-revenue-report").path("run").path("id").asText();
        assertThat(run).isEqualTo("MINE");
        assertThat(printed.toString()).isEqualTo("  finance-revenue-report: waiting for the build that is running already"
                + " (run RUNNING), then building\n");
        assertThat(requests).containsExactly("POST builds", "GET RUNNING", "GET RUNNING", "GET RUNNING", "POST builds",
                "GET MINE");
    }

    @Test
    void aProductThatKeepsBeingBuiltEndsInTheConflict() {
        conflictsLeft.set(RunWatcher.BUILD_ATTEMPTS);
        runningPolls.set(2);
        assertThatThrownBy(() -> watcher.build("finance-revenue-report")).isInstanceOf(PolderException.class)
                .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("is being built already (run RUNNING)");
        assertThat(requests.stream().filter(request -> request.equals("POST builds"))).hasSize(RunWatcher.BUILD_ATTEMPTS);
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
