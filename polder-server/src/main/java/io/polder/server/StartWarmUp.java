package io.polder.server;

import io.javalin.Javalin;
import io.polder.server.http.ApiJson;

/**
 * Loads and initialises the HTTP side's classes (Javalin, Jetty, Jackson) on a second thread while the
 * registry opens and migrates its store on the first: on a cold start most of the time to ready is class
 * loading, and the two halves do not depend on each other until the routes are built.
 */
final class HttpWarmUp {
    private HttpWarmUp() {
    }

    /** Starts warming up; the thread is a daemon, so it never keeps a failing start alive. */
    static Thread begin() {
        Thread thread = new Thread(HttpWarmUp::load, "polder-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits for the warm-up to end, so that none of its work competes with the first requests. */
    static void await(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void load() {
        try {
            ApiJson.mapper().writeValueAsString(java.util.Map.of("warm", true));
            // Created and dropped, never started: it opens no port and starts no thread.
            Javalin.create(config -> config.startup.showJavalinBanner = false);
        } catch (Exception | LinkageError e) {
            // Only a head start: whatever failed here fails again, and is reported, on the real path.
        }
    }
}
