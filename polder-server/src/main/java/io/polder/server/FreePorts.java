package io.polder.server;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks, before the server creates anything in its data directory, that the ports it will listen on are free: a
 * second server started by mistake then leaves no registry or admin token behind, and says which port and which
 * option in one line. The check binds and releases each port as the server will (address reuse on, as Jetty and
 * gRPC do); a port taken between the check and the start still fails the start, later.
 */
final class FreePorts {
    private FreePorts() {
    }

    /**
     * @throws PolderException INTERNAL naming the port in use and the option that chooses another; INVALID_ARGUMENT when the
     *         two ports are the same or the host name does not resolve
     */
    static void require(ServerConfig config) {
        requireFree(config.host(), config.port(), "the HTTP port", "choose another with --port");
        if (config.flight()) {
            if (config.port() != 0 && config.port() == config.flightPort()) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "the HTTP port and the Arrow Flight SQL port are both "
                        + config.port() + "; choose another with --flight-port, or --flight-port -1 for none");
            }
            requireFree(config.host(), config.flightPort(), "the Arrow Flight SQL port",
                    "choose another with --flight-port, or --flight-port -1 for none");
        }
    }

    private static void requireFree(String host, int port, String what, String remedy) {
        if (port == 0) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "cannot listen on " + host + ": no such host name; choose"
                    + " another with --host");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            throw new PolderException(ErrorCode.INTERNAL, "cannot listen on " + host + ":" + port + ", " + what
                    + ": it is in use (another Polder server?) or not allowed; " + remedy);
        }
    }
}
