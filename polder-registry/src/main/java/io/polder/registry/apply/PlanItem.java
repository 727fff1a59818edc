package io.polder.registry.apply;

import static java.util.Objects.requireNonNull;

/**
 * One line of a plan: what happens to one object and why.
 *
 * @param productId for a contract, the product it belongs to; for a product, its own id; else null
 * @param domain the domain the object belongs to (for a domain, itself)
 * @param fromVersion the current version in the registry, if any
 * @param toVersion the version the bundle declares, if any
 * @param reason a sentence for people
 */
public record PlanItem(ObjectKind kind, String id, String productId, String domain, ChangeKind change,
                       String fromVersion, String toVersion, String reason) {
    public PlanItem {
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(change, "change is null");
        requireNonNull(reason, "reason is null");
    }

    public boolean changes() {
        return change != ChangeKind.UNCHANGED;
    }

    /** The line a command line prints: {@code ~ product sales-orders 1.2.0 -> 1.3.0: new version}. */
    public String format() {
        String symbol = switch (change) {
            case ADD -> "+";
            case CHANGE -> "~";
            case DEPRECATE -> "!";
            case RETIRE -> "-";
            case UNCHANGED -> "=";
        };
        String versions = fromVersion == null && toVersion == null ? ""
                : fromVersion == null ? " " + toVersion
                : toVersion == null || toVersion.equals(fromVersion) ? " " + fromVersion
                : " " + fromVersion + " -> " + toVersion;
        return symbol + " " + kind + " " + id + versions + ": " + reason;
    }
}
