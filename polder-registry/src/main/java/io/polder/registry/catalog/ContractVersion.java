package io.polder.registry.catalog;

import java.time.Instant;

/** A published version of a contract; immutable like a product version. */
public record ContractVersion(String contractId, String version, String digest, String sourcePath, Instant createdAt,
                              String createdBy) {
}
