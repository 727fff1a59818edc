package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server serves the web UI beside the API: pages under /ui with their own headers, the search index in
 * {@code <data-dir>/search} kept in step with applies made through the API, and the API's answers unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiServedTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.start(TestDatabase.sqlite());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void servesThePagesBesideTheApi() {
        Answer root = server.api().get("/", null);
        assertThat(root.status()).isEqualTo(303);
        assertThat(root.header("Location")).isEqualTo("/ui");
        Answer signIn = server.api().get("/ui/sign-in", null);
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(signIn.header("Content-Type")).startsWith("text/html");
        assertThat(signIn.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(Files.isDirectory(server.dataDir().resolve("search"))).isTrue();

        server.api().get("/ui/products/some-product", null);
        String metrics = server.api().get("/metrics", server.adminToken()).body();
        assertThat(metrics).contains("route=\"/ui/sign-in\"", "route=\"/ui/products/{id}\"").doesNotContain("some-product");

        Answer missing = server.api().get("/api/v1/no-such-route", server.adminToken());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void unknownAddressesUnderTheUiOrFromABrowserGetThePageNotJson() {
        Answer page = server.api().get("/ui/nosuch", null);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.body()).contains("Not found", "there is no page '/ui/nosuch'").doesNotContain("NOT_FOUND");

        Answer browser = server.api().send("GET", "/no/such/page", null, null,
                Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(browser.status()).isEqualTo(404);
        assertThat(browser.header("Content-Type")).startsWith("text/html");

        Answer api = server.api().get("/no/such/page", null);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().path("code").asText()).isEqualTo("NOT_FOUND");

        Answer apiFromBrowser = server.api().send("GET", "/api/v1/no-such-thing", null, null,
                Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        assertThat(apiFromBrowser.status()).isEqualTo(404);
        assertThat(apiFromBrowser.json().path("code").asText()).as("the API answers JSON, always").isEqualTo("NOT_FOUND");

        Answer jsonFirst = server.api().send("GET", "/no/such/page", null, null,
                Map.of("Accept", "application/json, text/html;q=0.1"));
        assertThat(jsonFirst.json().path("code").asText()).as("a client preferring JSON").isEqualTo("NOT_FOUND");
    }

    @Test
    void searchesWhatWasAppliedThroughTheApi() throws InterruptedException {
        assertThat(server.api().post("/api/v1/apply", server.adminToken(), Meshes.example()).status()).isEqualTo(200);
        Answer form = server.api().get("/ui/sign-in", null);
        String signInCookie = cookie(form, "polder_sign_in");
        Answer signedIn = server.api().send("POST", "/ui/sign-in", null,
                null, Map.of("Cookie", "polder_sign_in=" + signInCookie));
        assertThat(signedIn.status()).as("no form body: refused").isEqualTo(403);

        Answer posted = postForm("/ui/sign-in", "polder_sign_in=" + signInCookie,
                "csrf=" + csrf(form.body()) + "&token=" + server.adminToken());
        assertThat(posted.status()).isEqualTo(303);
        String session = cookie(posted, "polder_session");
        // the index catches up in the background: ask until it has, pausing between asks so as not to take the CPU
        // from the indexer, for up to two minutes (a generous bound: it takes well under a second)
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        Answer results;
        while (true) {
            results = server.api().send("GET", "/ui?q=customer+email", null, null, Map.of("Cookie", "polder_session=" + session));
            assertThat(results.status()).isEqualTo(200);
            if (results.body().contains("/ui/products/customer-profiles")) {
                break;
            }
            assertThat(System.nanoTime() - deadline).as("the search finds the applied product within two minutes").isNegative();
            Thread.sleep(20);
        }
        assertThat(results.body()).doesNotContain(server.adminToken());
        assertThat(results.headers().toString()).doesNotContain(server.adminToken());
    }

    private Answer postForm(String path, String cookie, String body) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.api().baseUrl() + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String cookie(Answer answer, String name) {
        List<String> cookies = answer.headers().getOrDefault("Set-Cookie", answer.headers().getOrDefault("set-cookie", List.of()));
        return cookies.stream().filter(cookie -> cookie.startsWith(name + "=")).findFirst()
                .map(cookie -> cookie.substring(name.length() + 1, cookie.indexOf(';'))).orElseThrow();
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
