package io.polder.flight;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
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
    private final BufferAllocator allocator;
    private final FlightServer server;

    private FlightSqlEndpoint(BufferAllocator allocator, FlightServer server) {
        this.allocator = allocator;
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
        FlightServer server;
        try {
            Location location = settings.encryption().isPresent() ? Location.forGrpcTls(settings.host(), settings.port())
                    : Location.forGrpcInsecure(settings.host(), settings.port());
            FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
                    .middleware(key, new BearerAuthentication<>(queries));
            if (settings.encryption().isPresent()) {
                FlightSettings.Tls tls = settings.encryption().get();
                builder.useTls(tls.certificateChain().toFile(), tls.privateKey().toFile());
            }
            server = builder.build();
        } catch (IOException | RuntimeException e) {
            allocator.close();
            throw new IllegalArgumentException("cannot set up the Flight SQL endpoint" + settings.encryption()
                    .map(tls -> " with the certificate " + tls.certificateChain() + " and the key " + tls.privateKey())
                    .orElse("") + ": " + e.getMessage(), e);
        }
        try {
            server.start();
        } catch (IOException e) {
            closeQuietly(server);
            allocator.close();
            throw new UncheckedIOException("cannot start the Flight SQL endpoint on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        return new FlightSqlEndpoint(allocator, server);
    }

    /** The port it listens on (the one chosen when the settings asked for port 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code grpc+tcp://HOST:PORT} (or {@code grpc+tls://}): the address clients connect to. */
    public String location() {
        return server.getLocation().getUri().toString();
    }

    /** Stops accepting calls, waits a few seconds for running ones, then frees the Arrow memory (the producer
     * holds no state of its own). */
    @Override
    public void close() {
        closeQuietly(server);
        allocator.close();
    }

    private static void closeQuietly(FlightServer server) {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
