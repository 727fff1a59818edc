package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** What the tests of the pages share: one {@link WebTestServer} for the class, started before its tests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebServerTest {
    WebTestServer server;

    @BeforeAll
    void startServer() {
        server = WebTestServer.start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A {@link Browser} signed in with {@code token}. */
    Browser signedIn(String token) {
        Browser browser = new Browser(server.baseUrl());
        assertThat(browser.signIn(token).statusCode()).as("signing in").isEqualTo(303);
        return browser;
    }
}
