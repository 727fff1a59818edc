package io.polder.registry.governance;

/**
 * A policy in force, as {@code GET /api/v1/policies} lists it.
 *
 * @param scope {@code global} or the domain it governs
 * @param target product, output-port, contract, schema-object or property
 * @param file the file it is declared in, relative to the mesh root
 * @param line the line of its document in that file
 * @param when its filter, or null
 */
public record PolicyInfo(String id, String version, String scope, String target, String severity, String description,
                         String owner, String when, String rule, String message, String file, int line) {
}
