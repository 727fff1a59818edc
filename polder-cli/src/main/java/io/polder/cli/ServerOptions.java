package io.polder.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that talks to a Polder server; see {@link Credentials} for the defaults. */
final class ServerOptions {
    @Option(names = "--server", paramLabel = "URL",
            description = "The Polder server (default: $POLDER_SERVER, else http://127.0.0.1:8080).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = {"The API token (default: $POLDER_TOKEN; for a server on this machine, else",
                "./polder-data/admin.token when it exists). Prefer the variable: options show in `ps`."})
    String token;

    /**
     * Whether a server is configured: named by --server or POLDER_SERVER, or a token given by --token or
     * POLDER_TOKEN, or a local server's admin token in ./polder-data/admin.token.
     */
    boolean configured() {
        return server != null || token != null || present(System.getenv("POLDER_SERVER"))
                || present(System.getenv("POLDER_TOKEN")) || Files.isRegularFile(Credentials.DEFAULT_TOKEN_FILE);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    PolderClient client() {
        Credentials credentials = Credentials.resolve(server, token, System.getenv(), Path.of(""));
        return new PolderClient(credentials.server(), credentials.token());
    }
}
