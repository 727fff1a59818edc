package io.polder.flight;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the Flight SQL endpoint listens and streams.
 *
 * @param host the address to bind; loopback unless the endpoint is meant to be reached from other machines
 * @param port the TCP port, or 0 for any free one ({@link FlightSqlEndpoint#port()} tells which)
 * @param batchRows the most rows in one Arrow record batch
 * @param batchBytes a batch is sent once its values hold about this many bytes, even with fewer rows
 * @param memoryLimit the most off-heap memory all open streams may hold, in bytes
 * @param clientStallTimeout how long a stream waits for a client that stopped reading before it gives up
 *                           (the query's database is held meanwhile)
 * @param tls the certificate and key to serve TLS with ({@code grpc+tls}), or null for plain gRPC ({@code grpc+tcp})
 */
public record FlightSettings(String host, int port, int batchRows, long batchBytes, long memoryLimit,
                             Duration clientStallTimeout, Tls tls) {
    public static final String LOOPBACK = "127.0.0.1";

    public FlightSettings {
        requireNonNull(host, "host is null");
        requireNonNull(clientStallTimeout, "clientStallTimeout is null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the Flight SQL host is empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the Flight SQL port must be 0 to 65535, found " + port);
        }
        if (batchRows < 1 || batchBytes < 1 || memoryLimit < 1) {
            throw new IllegalArgumentException("batch sizes and the memory limit must be positive");
        }
        if (clientStallTimeout.isNegative() || clientStallTimeout.isZero()) {
            throw new IllegalArgumentException("the client stall timeout must be positive, found " + clientStallTimeout);
        }
    }

    /** Loopback on {@code port}; batches of at most 8,192 rows or about 4 MiB; 1 GiB for all streams. */
    public static FlightSettings loopback(int port) {
        return new FlightSettings(LOOPBACK, port, 8_192, 4L << 20, 1L << 30, Duration.ofMinutes(5), null);
    }

    public FlightSettings withHost(String other) {
        return new FlightSettings(other, port, batchRows, batchBytes, memoryLimit, clientStallTimeout, tls);
    }

    public FlightSettings withBatchRows(int rows) {
        return new FlightSettings(host, port, rows, batchBytes, memoryLimit, clientStallTimeout, tls);
    }

    public FlightSettings withMemoryLimit(long bytes) {
        return new FlightSettings(host, port, batchRows, batchBytes, bytes, clientStallTimeout, tls);
    }

    public FlightSettings withTls(Tls certificate) {
        return new FlightSettings(host, port, batchRows, batchBytes, memoryLimit, clientStallTimeout,
                requireNonNull(certificate, "certificate is null"));
    }

    public Optional<Tls> encryption() {
        return Optional.ofNullable(tls);
    }

    /**
     * The server's TLS identity, as PEM files.
     *
     * @param certificateChain the certificate (then its issuers), {@code -----BEGIN CERTIFICATE-----}
     * @param privateKey its private key, PKCS#8 ({@code -----BEGIN PRIVATE KEY-----})
     */
    public record Tls(Path certificateChain, Path privateKey) {
        public Tls {
            requireNonNull(certificateChain, "certificateChain is null");
            requireNonNull(privateKey, "privateKey is null");
        }
    }
}
