package io.polder.spi.lineage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Posts each event as JSON to an OpenLineage HTTP endpoint (such as Marquez's {@code /api/v1/lineage}),
 * with an optional bearer token. Synchronous, with a timeout: a slow endpoint slows builds down rather
 * than losing events silently, and a failure surfaces as a warning on the build.
 */
public final class HttpLineageTransport implements LineageListener {
    private final HttpClient client;
    private final URI endpoint;
    private final Duration timeout;
    private final Optional<String> apiKey;

    public HttpLineageTransport(URI endpoint, Duration timeout, Optional<String> apiKey) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public static HttpLineageTransport to(URI endpoint) {
        return new HttpLineageTransport(endpoint, Duration.ofSeconds(10), Optional.empty());
    }

    @Override
    public void emit(RunEvent event) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LineageJson.write(event), StandardCharsets.UTF_8));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LineageDeliveryException("lineage endpoint " + endpoint + " did not take the "
                    + event.eventType() + " event: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LineageDeliveryException("interrupted while posting lineage to " + endpoint, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new LineageDeliveryException("lineage endpoint " + endpoint + " answered " + response.statusCode()
                    + " to the " + event.eventType() + " event" + (response.body().isBlank() ? "" : ": "
                    + abbreviate(response.body())));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }
}
