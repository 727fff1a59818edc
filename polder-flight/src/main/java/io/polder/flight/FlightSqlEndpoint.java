package io.polder.flight;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * An Arrow Flight SQL server on its own port in front of the governed query gateway. Every call needs a
 * bearer token ({@link FlightQueries#authenticate}); queries run through {@link FlightQueries#execute} and
 * stream back as Arrow record batches. Plain gRPC unless the settings name a certificate
 * ({@link FlightSettings#withTls}); without TLS, keep it on loopback (the default): tokens cross the wire as
 * they are.
 *
 * <pre>{@code
 * try (FlightSqlEndpoint endpoint = FlightSqlEndpoint.start(FlightSettings.loopback(31337), queries)) {
 *     // jdbc:arrow-flight-sql://127.0.0.1:31337/?useEncryption=false&token=...
 * }
 * }</pre>
 */
public final class FlightSqlEndpoint implements AutoCloseable {
    /** How long {@link #close} waits for running calls (a query between two batches notices at once). */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(FlightSqlEndpoint.class.getName());

    private final BufferAllocator allocator;
    private final ExecutorService calls;
    private final FlightServer server;

    private FlightSqlEndpoint(BufferAllocator allocator, ExecutorService calls, FlightServer server) {
        this.allocator = allocator;
        this.calls = calls;
        this.server = server;
    }

    /**
     * Starts listening on {@code settings.host():settings.port()}.
     *
     * @throws UncheckedIOException when the port cannot be bound (in use, not allowed)
     */
    public static <P> FlightSqlEndpoint start(FlightSettings settings, FlightQueries<P> queries) {
        requireNonNull(settings, "settings is null");
        requireNonNull(queries, "queries is null");
        BufferAllocator allocator = new RootAllocator(settings.memoryLimit());
        FlightServerMiddleware.Key<BearerAuthentication.Authenticated<P>> key = FlightServerMiddleware.Key.of("polder-bearer");
        GatewaySqlProducer<P> producer = new GatewaySqlProducer<>(queries, settings, allocator, key);
        ExecutorService calls = callExecutor();
        FlightServer server;
        try {
            Location location = settings.encryption().isPresent() ? Location.forGrpcTls(settings.host(), settings.port())
                    : Location.forGrpcInsecure(settings.host(), settings.port());
            FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
                    .middleware(key, new BearerAuthentication<>(queries))
                    .executor(calls);
            if (settings.encryption().isPresent()) {
                FlightSettings.Tls tls = settings.encryption().get();
                builder.useTls(tls.certificateChain().toFile(), tls.privateKey().toFile());
            }
            server = builder.build();
        } catch (IOException | RuntimeException e) {
            calls.shutdown();
            allocator.close();
            throw new IllegalArgumentException("cannot set up the Flight SQL endpoint" + settings.encryption()
                    .map(tls -> " with the certificate " + tls.certificateChain() + " and the key " + tls.privateKey())
                    .orElse("") + ": " + e.getMessage(), e);
        }
        try {
            server.start();
        } catch (IOException e) {
            closeQuietly(server);
            calls.shutdown();
            allocator.close();
            throw new UncheckedIOException("cannot start the Flight SQL endpoint on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        return new FlightSqlEndpoint(allocator, calls, server);
    }

    /** The port it listens on (the one chosen when the settings asked for port 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code grpc+tcp://HOST:PORT} (or {@code grpc+tls://}): the address clients connect to. */
    public String location() {
        return server.getLocation().getUri().toString();
    }

    /**
     * Stops accepting calls and cancels the running ones (a stream stops at its next batch, and the gateway
     * ends its query), waits for them, then frees the Arrow memory. A query still busy after 30 seconds (a
     * long aggregate inside DuckDB, before its first row) is left to end by its own timeout.
     */
    @Override
    public void close() {
        closeQuietly(server);
        calls.shutdown();
        try {
            if (!calls.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "the Flight SQL endpoint closed with a query still running;"
                        + " it ends by its own timeout");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        allocator.close();
    }

    /** The threads that serve calls: as many as there are calls (a stream holds one until it ends). */
    private static ExecutorService callExecutor() {
        return Executors.newCachedThreadPool(Thread.ofPlatform().name("polder-flight-", 1).daemon().factory());
    }

    private static void closeQuietly(FlightServer server) {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
