package io.polder.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleFile;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A server with the example mesh applied and two products built on small generated data, for the query tests:
 * {@code sales-orders} (port {@code orders} v1: tables {@code orders} and {@code order_lines}, nothing personal)
 * and {@code customer-profiles} (port {@code customers} v2: table {@code customers}, with personal columns
 * hashed and {@code date_of_birth} restricted). The customers contract asks for more than 100,000 rows; here it
 * asks for more than 500, so that a thousand generated customers publish.
 */
final class QueryFixture implements AutoCloseable {
    final TestServer server;
    final String admin;
    /** The server's clock: the system's, moved forward by {@link #advance} (to let a grant expire). */
    private final ShiftedClock clock;
    private final Path sources;

    private QueryFixture(TestServer server, Path sources, ShiftedClock clock) {
        this.server = server;
        this.admin = server.adminToken();
        this.sources = sources;
        this.clock = clock;
    }

    /** Moves the server's clock forward. */
    void advance(java.time.Duration duration) {
        clock.shift.updateAndGet(shift -> shift.plus(duration));
    }

    /** The system clock, shifted forward by a test. */
    static final class ShiftedClock extends java.time.Clock {
        final java.util.concurrent.atomic.AtomicReference<java.time.Duration> shift =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Duration.ZERO);

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift.get());
        }
    }

    static QueryFixture start(TestDatabase database) {
        return start(database, UnaryOperator.identity());
    }

    /** With {@code tweak} applied to the server's configuration as well (such as a Flight SQL port). */
    static QueryFixture start(TestDatabase database, UnaryOperator<ServerConfig> tweak) {
        Path sources = TestServer.temporaryDirectory();
        ExampleMeshData.generate(sources, new DemoOptions(11, 2_000, 1_000, Instant.now()));
        ShiftedClock clock = new ShiftedClock();
        TestServer server = TestServer.start(database, config -> tweak.apply(config.withBuilds(config.builds()
                .withSourcesDir(sources))), clock);
        QueryFixture fixture = new QueryFixture(server, sources, clock);
        try {
            Answer applied = server.api().post("/api/v1/apply", fixture.admin, mesh());
            assertThat(applied.status()).as(applied.body()).isEqualTo(200);
            fixture.build("sales-orders");
            fixture.build("customer-profiles");
            return fixture;
        } catch (RuntimeException | AssertionError e) {
            fixture.close();
            throw e;
        }
    }

    /** The example mesh with its platform files, the customers contract content with a thousand customers. */
    static MeshBundle mesh() {
        UnaryOperator<BundleProduct> smaller = product -> new BundleProduct(product.path(), product.productYaml(),
                product.contracts().stream().map(file -> new BundleFile(file.name(),
                        file.text().replace("mustBeGreaterThan: 100000", "mustBeGreaterThan: 500"))).toList(),
                product.settingsYaml(), product.buildFiles());
        return Meshes.withFolder(Meshes.exampleWithPlatformFiles(), "customer/customer-profiles", smaller);
    }

    void build(String product) {
        Answer build = server.api().post("/api/v1/products/" + product + "/builds?wait=true", admin, null);
        assertThat(build.status()).as(build.body()).isEqualTo(200);
        assertThat(build.json().path("run").path("state").asText()).as(build.body()).isEqualTo("succeeded");
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            TestServer.deleteRecursively(sources);
        }
    }
}
