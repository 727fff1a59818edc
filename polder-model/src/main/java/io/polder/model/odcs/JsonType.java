package io.polder.model.odcs;

import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;

/** The JSON types that server fields take. */
public enum JsonType {
    STRING("a string"),
    INTEGER("an integer");

    private final String noun;

    JsonType(String noun) {
        this.noun = noun;
    }

    /** For messages: "a string", "an integer". */
    public String noun() {
        return noun;
    }

    public boolean accepts(Node node) {
        return node instanceof ScalarNode scalar && (this == STRING ? scalar.isString() : scalar.isInteger());
    }
}
