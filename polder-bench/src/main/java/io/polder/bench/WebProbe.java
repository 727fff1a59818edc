package io.polder.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's session with the web UI, for the benchmark: signs in with a token through the sign-in form (its
 * one-time form value and cookie), then asks for pages with the session cookie. Any answer but 200 fails.
 */
final class WebProbe {
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("<p class=\"total\" id=\"total\">\\s*([0-9]+)\\s*product");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String session;

    private WebProbe(String baseUrl, String session) {
        this.baseUrl = baseUrl;
        this.session = session;
    }

    static WebProbe signIn(String baseUrl, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ui/sign-in")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String formCookie = cookie(form, "polder_sign_in");
        Matcher formToken = FORM_TOKEN.matcher(form.body());
        if (formCookie == null || !formToken.find()) {
            throw new IllegalStateException("the sign-in page has no form token");
        }
        String body = "csrf=" + encode(formToken.group(1)) + "&token=" + encode(token);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/ui/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "polder_sign_in=" + formCookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String session = cookie(signedIn, "polder_session");
        if (signedIn.statusCode() != 303 || session == null) {
            throw new IllegalStateException("signing in to the web UI answered " + signedIn.statusCode());
        }
        return new WebProbe(baseUrl, session);
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Cookie", "polder_session=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** How many products the catalog page says the search index holds. */
    long catalogTotal() throws IOException, InterruptedException {
        Matcher total = TOTAL.matcher(get("/ui"));
        if (!total.find()) {
            throw new IllegalStateException("the catalog page shows no total");
        }
        return Long.parseLong(total.group(1));
    }

    private static String cookie(HttpResponse<?> response, String name) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            if (header.startsWith(name + "=")) {
                String value = header.substring(name.length() + 1, header.indexOf(';') < 0 ? header.length()
                        : header.indexOf(';'));
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
