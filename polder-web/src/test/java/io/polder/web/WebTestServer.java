package io.polder.web;

import io.javalin.Javalin;
import io.polder.gateway.MaskPolicy;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.RowFilter;
import io.polder.gateway.RowFilterChecker;
import io.polder.model.odcs.SchemaObject;
import io.polder.registry.Registry;
import io.polder.registry.access.OutputPort;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * A real Javalin with the web UI on a loopback port, over a temporary SQLite registry with the example mesh
 * applied, and API tokens of several roles to sign in with.
 */
final class WebTestServer implements AutoCloseable {
    final Path dataDir;
    final Registry registry;
    final WebUi web;
    final Javalin app;
    final MutableClock clock;
    final String adminToken;
    final String consumerToken;
    final String governanceToken;
    /** A domain-owner of {@code customer}: decides on requests for customer-profiles' ports. */
    final String ownerToken;
    final Principal admin;
    private final RowFilterChecker rowFilterChecker;

    private WebTestServer(Path dataDir, Registry registry, WebUi web, Javalin app, MutableClock clock,
                          String adminToken, String consumerToken, String governanceToken, String ownerToken,
                          Principal admin, RowFilterChecker rowFilterChecker) {
        this.dataDir = dataDir;
        this.registry = registry;
        this.web = web;
        this.app = app;
        this.clock = clock;
        this.adminToken = adminToken;
        this.consumerToken = consumerToken;
        this.governanceToken = governanceToken;
        this.ownerToken = ownerToken;
        this.admin = admin;
        this.rowFilterChecker = rowFilterChecker;
    }

    static WebTestServer start() {
        try {
            Path dataDir = Files.createTempDirectory("polder-web-test");
            MutableClock clock = new MutableClock(Instant.now().minus(TestRuns.SPAN));
            Registry registry = Registry.open("jdbc:sqlite:" + dataDir.resolve("polder.db"), clock);
            registry.tokens().bootstrapAdmin(dataDir);
            String adminToken = Files.readString(dataDir.resolve("admin.token")).strip();
            Principal admin = registry.tokens().authenticate(adminToken).orElseThrow();
            registry.apply().apply(admin, TestMesh.bundle(), ApplyOptions.defaults());
            String consumer = registry.tokens().create(admin, new NewToken("dana", Role.CONSUMER, null, null, null)).secret();
            String governance = registry.tokens().create(admin,
                    new NewToken("grace", Role.GOVERNANCE, null, null, null)).secret();
            TestRuns.record(registry, admin, clock);
            String owner = registry.tokens().create(admin,
                    new NewToken("olga", Role.DOMAIN_OWNER, "customer", null, null)).secret();
            RowFilterChecker checker = RowFilterChecker.open();
            // the gateway's mask policy, as the server passes it
            WebUi web = WebUi.open(registry, WebSettings.inMemory().withClock(clock), rowFilters(checker),
                    table -> MaskPolicy.defaults().masks(table, Set.of()).keySet());
            web.searchIndex().flush();
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(16 * 1024));
                web.configure(config);
            });
            app.start("127.0.0.1", 0);
            return new WebTestServer(dataDir, registry, web, app, clock, adminToken, consumer, governance, owner, admin,
                    checker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's check: the filter must hold for every table of the port (the gateway applies it to each). */
    private static RowFilterCheck rowFilters(RowFilterChecker checker) {
        return (port, sql) -> {
            for (SchemaObject table : port.tables()) {
                try {
                    checker.check(new RowFilter(sql), OutputPort.columnsOf(table), "the row filter for " + port.address());
                } catch (IllegalArgumentException e) {
                    throw new PolderException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
                }
            }
        };
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
        web.close();
        registry.close();
        rowFilterChecker.close();
        TestFiles.deleteTree(dataDir);
    }

    /** A clock the tests move forward, to let sessions expire without waiting. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
