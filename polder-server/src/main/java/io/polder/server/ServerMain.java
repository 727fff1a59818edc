package io.polder.server;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Runs the server from the command line until SIGTERM or SIGINT:
 * {@code [--host H] [--port N] [--data-dir DIR] [--db JDBC_URL]}. When it is ready it prints
 * {@code Polder server listening on http://host:port} on standard output (tests and scripts wait for it).
 * {@code polder serve} does the same inside the CLI.
 */
public final class ServerMain {
    static final String READY_LINE = "Polder server listening on ";
    private static final String USAGE = "usage: ServerMain [--host HOST] [--port PORT] [--data-dir DIR] [--db JDBC_URL]";

    private ServerMain() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + "\n" + USAGE, 2);
            return;
        }
        try {
            serve(config, System.out);
        } catch (PolderException e) {
            fail("cannot start the Polder server: " + e.getMessage(), e.code().exitCode());
        } catch (RuntimeException e) {
            // such as the port being taken
            fail("cannot start the Polder server: " + e.getMessage(), ErrorCode.INTERNAL.exitCode());
        }
    }

    /**
     * Starts a server, says where it listens on {@code out} once it is ready, and blocks until it has
     * stopped: on SIGTERM or SIGINT it stops taking requests, finishes those in flight and closes the
     * registry. What {@code polder serve} runs.
     *
     * @throws PolderException when the server cannot start (its database, its port)
     */
    public static void serve(ServerConfig config, PrintStream out) {
        PolderServer server = PolderServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "polder-shutdown"));
        out.println(READY_LINE + server.baseUrl());
        out.flush();
        server.awaitShutdown();
    }

    static ServerConfig parse(List<String> args) {
        ServerConfig config = ServerConfig.defaults();
        Iterator<String> arguments = args.iterator();
        while (arguments.hasNext()) {
            String flag = arguments.next();
            config = switch (flag) {
                case "--host" -> config.withHost(value(flag, arguments));
                case "--port" -> config.withPort(port(value(flag, arguments)));
                case "--data-dir" -> config.withDataDir(Path.of(value(flag, arguments)));
                case "--db" -> config.withJdbcUrl(value(flag, arguments));
                default -> throw new IllegalArgumentException("unknown argument '" + flag + "'");
            };
        }
        return config;
    }

    private static String value(String flag, Iterator<String> arguments) {
        if (!arguments.hasNext()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return arguments.next();
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, found '" + text + "'");
        }
    }

    private static void fail(String message, int exitCode) {
        System.err.println(message);
        System.exit(exitCode);
    }
}
