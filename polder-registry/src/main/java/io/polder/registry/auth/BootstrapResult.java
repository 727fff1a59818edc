package io.polder.registry.auth;

import java.nio.file.Path;

/**
 * What {@link TokenService#bootstrapAdmin} did.
 *
 * @param tokenFile where the first admin token is (or was) written
 * @param created whether this call created it; false on every start after the first
 */
public record BootstrapResult(Path tokenFile, boolean created) {
}
