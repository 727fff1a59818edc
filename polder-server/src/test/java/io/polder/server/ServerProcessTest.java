package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server as its own process: it says where the first admin token is but never the token, logs one
 * structured line per request without credentials, stops gracefully on SIGTERM, and refuses bad flags.
 */
class ServerProcessTest {
    private Path dataDir;
    private Path log;

    @BeforeEach
    void prepare() throws IOException {
        dataDir = TestServer.temporaryDirectory();
        log = Files.createTempFile("polder-server-process", ".log");
    }

    @AfterEach
    void cleanUp() throws IOException {
        TestServer.deleteRecursively(dataDir);
        Files.deleteIfExists(log);
    }

    @Test
    void logsWhereTheTokenIsAndOneLinePerRequestButNeverATokenAndStopsOnSigterm() throws IOException {
        String token;
        String session;
        try (ServerProcess server = ServerProcess.start(dataDir, null, log,
                List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=info"))) {
            token = Files.readString(dataDir.resolve("admin.token")).strip();
            ApiClient api = server.api();
            assertThat(api.get("/api/v1/health", null).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/domains", token).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/products/no-such-product", token).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/tokens", "pld_01ARZ3NDEKTSV4RRFFQ69G5FAV_made-up-secret").status()).isEqualTo(401);
            session = signInToTheWebUi(api.baseUrl(), token);
            assertThat(api.send("GET", "/ui/products/no-such-product", null, null,
                    java.util.Map.of("Cookie", "polder_session=" + session)).status()).isEqualTo(404);
            assertThat(server.stop()).as("exit after SIGTERM").isIn(0, 143);
        }
        String text = Files.readString(log);
        assertThat(text).contains(dataDir.resolve("admin.token").toAbsolutePath().toString())
                .doesNotContain(token).doesNotContain(secretOf(token))
                .doesNotContain("made-up-secret").doesNotContain("pld_").doesNotContainIgnoringCase("authorization:");
        assertThat(text).contains("request method=GET route=/api/v1/health status=200 durationMs=")
                .contains("request method=GET route=/api/v1/domains status=200 durationMs=")
                .contains("route=/api/v1/products/{id} status=404")
                .contains("route=/api/v1/tokens status=401")
                .contains("principal=admin").contains("principal=-")
                .contains("request method=POST route=/ui/sign-in status=303")
                .containsPattern("route=/ui/products/\\{id} status=404 durationMs=[0-9.]+ principal=admin")
                .doesNotContain(session)
                .doesNotContain("no-such-product")
                .contains("Polder server stopping").contains("Polder server stopped");
    }

    /**
     * The secret part of {@code pld_<id>_<secret>}. The id (a ULID) has no underscore but the base64url secret may, so
     * the secret starts after the second underscore, not the last (cutting at the last one left a tail as short as
     * one letter, which the log then "contained").
     */
    private static String secretOf(String token) {
        String secret = token.substring(token.indexOf('_', "pld_".length()) + 1);
        assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
        return secret;
    }

    /** Signs in to the web UI the way a browser does (the token in a form body) and returns the session cookie. */
    private static String signInToTheWebUi(String baseUrl, String token) {
        try {
            var client = java.net.http.HttpClient.newHttpClient();
            var form = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/ui/sign-in")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String formToken = form.body().replaceAll("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1");
            String signInCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
            var signedIn = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/ui/sign-in"))
                            .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", signInCookie)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("csrf=" + formToken + "&token=" + token))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(303);
            return signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("polder_session="))
                    .findFirst().orElseThrow().split(";", 2)[0].substring("polder_session=".length());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void badFlagsExitWithTheUsage() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), "--port", "eighty")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("--port needs a number").contains("usage:");
    }

    @Test
    void flagsMakeTheConfiguration() {
        ServerConfig config = ServerMain.parse(List.of("--host", "0.0.0.0", "--port", "9000", "--data-dir", "/var/lib/polder"));
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/polder/polder.db");
        assertThat(config.embeddedDatabase()).isTrue();
        ServerConfig postgres = ServerMain.parse(List.of("--db", "jdbc:postgresql://127.0.0.1:5432/polder", "--data-dir", "d"));
        assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/polder");
        assertThat(postgres.dataDir()).isEqualTo(Path.of("d"));
        assertThat(ServerConfig.defaults().jdbcUrl()).isEqualTo("jdbc:sqlite:polder-data/polder.db");
        assertThat(ServerConfig.defaults().port()).isEqualTo(8080);
        assertThat(ServerConfig.defaults().host()).isEqualTo("127.0.0.1");
    }
}
