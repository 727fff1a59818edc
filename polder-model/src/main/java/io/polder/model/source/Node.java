package io.polder.model.source;

/**
 * A value read from a YAML or JSON document, with where it stood in the file and its JSON pointer.
 * The tree is what the standards' readers bind into records; positions let every problem name file,
 * line and column.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {
    Position position();

    /** The RFC 6901 JSON pointer of this value within its document ("" for the root). */
    String pointer();

    /** A short noun for messages: "an object", "a list", "a string", ... */
    String kindName();

    /** This value as plain Java: Map (insertion ordered), List, String, Long, BigInteger, Double, Boolean or null. */
    Object toPlain();
}
