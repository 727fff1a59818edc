package io.polder.spi;

import java.util.Optional;

/**
 * Looks up a secret by name, such as the password of a database a source reads from. Configuration names
 * secrets; it never holds them.
 */
@FunctionalInterface
public interface SecretResolver {
    Optional<String> secret(String name);

    /** Secrets from the process environment. */
    static SecretResolver environment() {
        return name -> Optional.ofNullable(System.getenv(name));
    }

    /** No secrets at all. */
    static SecretResolver none() {
        return name -> Optional.empty();
    }
}
