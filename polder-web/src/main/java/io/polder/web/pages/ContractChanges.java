package io.polder.web.pages;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaChange;
import java.util.List;

/**
 * What changed in a contract's schema between two of its versions, in words a consumer reads for what breaks
 * their queries ({@link SchemaChange}: tables and columns added and removed, a column's type, whether it is
 * required, its classification), the breaking ones marked.
 */
final class ContractChanges {
    private ContractChanges() {
    }

    /** The changes from {@code before} to {@code after}, each prefixed with {@code where} (a port). */
    static List<String> between(String where, DataContract before, DataContract after) {
        return SchemaChange.between(before, after).stream()
                .map(change -> where + ": " + change.describe() + (change.breaking() ? " (breaking)" : ""))
                .toList();
    }
}
