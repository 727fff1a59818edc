package io.polder.cli;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.auth.TokenService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the command line finds the server and the token it sends.
 *
 * <p>The server: {@code --server}, else {@code POLDER_SERVER}, else {@code http://127.0.0.1:8080}. The
 * token: {@code --token}, else {@code POLDER_TOKEN}, else, only when the server is on this machine
 * (a loopback address), the admin token that {@code polder serve} wrote to {@code ./polder-data/admin.token}.
 * The fallback makes the embedded story work without copying a secret around, and is limited to loopback
 * so that a local admin token is never sent to another machine. {@code --token ''} sends no token at all.
 */
record Credentials(URI server, String token) {
    static final String SERVER_VARIABLE = "POLDER_SERVER";
    static final String TOKEN_VARIABLE = "POLDER_TOKEN";
    static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    /** Where {@code polder serve}, started here with its default data directory, wrote the admin token. */
    static final Path DEFAULT_TOKEN_FILE = Path.of(LocalServerOptions.DEFAULT_DATA_DIR, TokenService.ADMIN_TOKEN_FILE);

    /** Never the token: a record's toString would print it. */
    @Override
    public String toString() {
        return "Credentials[server=" + server + ", token=" + (token == null ? "none" : "***") + "]";
    }

    static Credentials resolve(String serverOption, String tokenOption, Map<String, String> environment,
                               Path workingDirectory) {
        URI server = server(firstPresent(serverOption, environment.get(SERVER_VARIABLE)).orElse(DEFAULT_SERVER));
        if (tokenOption != null) {
            return new Credentials(server, tokenOption.isBlank() ? null : tokenOption.strip());
        }
        String fromEnvironment = environment.get(TOKEN_VARIABLE);
        if (isPresent(fromEnvironment)) {
            return new Credentials(server, fromEnvironment.strip());
        }
        Path file = workingDirectory.resolve(DEFAULT_TOKEN_FILE);
        if (isLoopback(server) && Files.isRegularFile(file)) {
            return new Credentials(server, read(file));
        }
        return new Credentials(server, null);
    }

    static URI server(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw notAServer(text);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw notAServer(text);
        }
        return uri;
    }

    /** Literal loopback names only: resolving a remote name here would ask DNS on every command. */
    static boolean isLoopback(URI server) {
        String host = server.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Whether an option or a variable says something: neither absent nor blank. */
    static boolean isPresent(String value) {
        return value != null && !value.isBlank();
    }

    private static Optional<String> firstPresent(String option, String environment) {
        return isPresent(option) ? Optional.of(option) : Optional.ofNullable(environment).filter(Credentials::isPresent);
    }

    private static String read(Path file) {
        try {
            String token = Files.readString(file).strip();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file, e);
        }
    }

    private static PolderException notAServer(String text) {
        return new PolderException(ErrorCode.INVALID_ARGUMENT, "not a server URL: '" + text
                + "'; expected something like http://127.0.0.1:8080");
    }
}
