package io.polder.server;

import io.javalin.Javalin;
import io.polder.server.http.ApiJson;
import io.polder.web.search.ProductIndex;
import java.sql.SQLException;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.eclipse.jetty.server.Server;
import org.jdbi.v3.core.Jdbi;

/**
 * Loads and initialises, on a second thread, the classes the start path meets later, while the first thread opens
 * and migrates the registry's store: on a start (even with the launcher's start-up cache, which saves loading
 * classes but not initialising them) most of the time to ready is this kind of work, and none of it depends on the
 * store. Each step is in the order the first thread needs it: the store's JDBI configuration, Flyway's configuration,
 * JSON, Javalin, the web UI's search index (Lucene), and Jetty's server (whose thread pool asks the platform's
 * management beans for the memory layout). Nothing here opens a port, a file, a database or a thread.
 */
final class StartWarmUp {
    private StartWarmUp() {
    }

    /** Starts warming up; the thread is a daemon, so it never keeps a failing start alive. */
    static Thread begin() {
        Thread thread = Thread.ofPlatform().name("polder-warm-up").daemon().unstarted(StartWarmUp::load);
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
        // Only a head start: whatever fails here fails again, and is reported, on the real path. Not SQLite's native
        // library: the first thread loads it first thing, and this one would only make it wait.
        attempt(() -> Jdbi.create(() -> {
            throw new SQLException("a warm-up connects to nothing");
        }));
        attempt(() -> org.flywaydb.core.Flyway.configure().locations("classpath:db/migration").load());
        attempt(() -> ApiJson.mapper().writeValueAsString(java.util.Map.of("warm", true)));
        // Created and dropped, never started.
        attempt(() -> Javalin.create(config -> config.startup.showJavalinBanner = false));
        attempt(() -> {
            // first the index's own class: it keeps Lucene's notice about the Vector API out of the output
            Class.forName(ProductIndex.class.getName(), true, StartWarmUp.class.getClassLoader());
            try (ByteBuffersDirectory memory = new ByteBuffersDirectory();
                 IndexWriter writer = new IndexWriter(memory,
                         new IndexWriterConfig(new StandardAnalyzer()).setCommitOnClose(false))) {
                writer.flush();
            }
            Class.forName("org.apache.lucene.store.MMapDirectory", true, StartWarmUp.class.getClassLoader());
        });
        attempt(Server::new);
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void attempt(Step step) {
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            // the real path meets it again
        }
    }
}
