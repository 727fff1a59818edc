package io.polder.registry.governance;

/**
 * A preview request: the text of one policy file and where it would lie in the mesh.
 *
 * @param path the file's path relative to the mesh root ({@code policies/new-rule.yaml} for a global policy,
 *             {@code customer/policies/new-rule.yaml} for the customer domain's); default {@code policies/preview.yaml}
 * @param text the file's text (YAML or JSON, one or more documents)
 */
public record PreviewRequest(String path, String text) {
}
