package io.polder.registry.catalog;

import java.time.Instant;

/**
 * A published version of a product. Immutable: the same version is never published with other content.
 *
 * @param revision the product's revision when this version was published
 * @param digest SHA-256 (hex) of the document's content (its parsed form, so reformatting or comments do
 *               not change it)
 * @param declaredStatus the {@code status} the document itself declares
 * @param sourcePath where in the mesh folder the document was read from
 */
public record ProductVersion(String productId, String version, long revision, String digest, String declaredStatus,
                             String sourcePath, Instant createdAt, String createdBy) {
}
