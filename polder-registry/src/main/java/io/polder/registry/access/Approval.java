package io.polder.registry.access;

import java.util.List;

/**
 * What an approver decides beyond "yes": which masked columns the grant shows (null: those requested), the
 * row filter (a boolean SQL expression over the port's columns, or null for every row; the caller checks it
 * against the port's contract, see {@link AccessService#approve}), how many days it lasts (null: as requested)
 * and a note for the requester.
 */
public record Approval(List<String> unmaskColumns, String rowFilter, Integer days, String reason) {
    public Approval {
        unmaskColumns = unmaskColumns == null ? null : List.copyOf(unmaskColumns);
    }

    /** Approve as requested. */
    public static Approval asRequested() {
        return new Approval(null, null, null, null);
    }

    public Approval withUnmask(List<String> columns) {
        return new Approval(columns, rowFilter, days, reason);
    }

    public Approval withRowFilter(String filter) {
        return new Approval(unmaskColumns, filter, days, reason);
    }

    public Approval withDays(Integer value) {
        return new Approval(unmaskColumns, rowFilter, value, reason);
    }
}
