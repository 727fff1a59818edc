package io.polder.engine.duckdb.check;

import java.util.HashSet;
import java.util.Set;

/** Ids for checks: a rule's own {@code id} when it has one, else one made from where it sits; unique in a run. */
final class RuleIds {
    private final Set<String> used = new HashSet<>();

    String id(String declared, String generated) {
        String base = declared != null && !declared.isBlank() ? declared : generated;
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            id = base + "#" + n;
        }
        return id;
    }
}
