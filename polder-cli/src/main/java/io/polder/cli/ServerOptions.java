package io.polder.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that talks to a Polder server; see {@link Credentials} for the defaults. */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "The Polder server (default: $POLDER_SERVER, else " + Credentials.DEFAULT_SERVER + ").")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The API token (default: $POLDER_TOKEN; else, for a server on this machine, the admin"
                    + " token in polder-data/admin.token under the current folder, when it exists). Prefer the"
                    + " variable: options show in `ps`.")
    String token;

    /**
     * Whether a server is configured: named by --server or POLDER_SERVER, or a token given by --token or
     * POLDER_TOKEN, or a local server's admin token in ./polder-data/admin.token.
     */
    boolean configured() {
        return server != null || token != null || Credentials.isPresent(System.getenv(Credentials.SERVER_VARIABLE))
                || Credentials.isPresent(System.getenv(Credentials.TOKEN_VARIABLE))
                || Files.isRegularFile(Credentials.DEFAULT_TOKEN_FILE);
    }

    PolderClient client() {
        Credentials credentials = Credentials.resolve(server, token, System.getenv(), Path.of(""));
        return new PolderClient(credentials.server(), credentials.token());
    }
}
