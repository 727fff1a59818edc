package io.polder.registry.apply;

import io.polder.registry.governance.GovernanceReport;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What applying a bundle does (or, for a dry run, would do): one item per domain, team, product and
 * contract concerned, in that order, plus the warnings the documents raised.
 *
 * @param applied whether the changes were made (false for a plan or dry run)
 * @param governance what the policies said about each product, and which products were refused (an applied
 *                   plan's items still list a refused product's change; {@code governance.refused()} says it
 *                   was not made)
 */
public record Plan(List<PlanItem> items, List<String> warnings, boolean applied, GovernanceReport governance) {
    public Plan {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
        governance = governance == null ? GovernanceReport.NONE : governance;
    }

    /** A plan without policy results. */
    public Plan(List<PlanItem> items, List<String> warnings, boolean applied) {
        this(items, warnings, applied, GovernanceReport.NONE);
    }

    public boolean hasChanges() {
        return items.stream().anyMatch(PlanItem::changes);
    }

    /** The items that change something. */
    public List<PlanItem> changes() {
        return items.stream().filter(PlanItem::changes).toList();
    }

    public List<PlanItem> items(ObjectKind kind) {
        return items.stream().filter(item -> item.kind() == kind).toList();
    }

    /** The item for the object {@code id} of {@code kind}, if the plan has one. */
    public java.util.Optional<PlanItem> item(ObjectKind kind, String id) {
        return items.stream().filter(item -> item.kind() == kind && item.id().equals(id)).findFirst();
    }

    /** The plan for people: its changes, one per line, or {@code No changes.} */
    public String summary() {
        if (!hasChanges()) {
            return "No changes.";
        }
        long count = changes().size();
        return changes().stream().map(PlanItem::format).collect(Collectors.joining("\n"))
                + "\n" + count + (count == 1 ? " change" : " changes") + (applied ? " applied." : " planned.");
    }
}
