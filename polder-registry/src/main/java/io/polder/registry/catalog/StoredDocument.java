package io.polder.registry.catalog;

/**
 * A document as it was submitted.
 *
 * @param text the exact text submitted
 * @param json its parsed form as JSON, keys in document order
 * @param digest SHA-256 (hex) of its content
 */
public record StoredDocument(String text, String json, String digest) {
}
