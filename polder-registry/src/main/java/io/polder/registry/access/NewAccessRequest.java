package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a principal asks for: the port {@code PRODUCT/PORT}, why, for how many days, and optionally masked
 * columns to see and the rows needed. Checked by {@link AccessService#request}.
 *
 * @param address the port, {@code PRODUCT/PORT}
 * @param days how long the grant should last (1 to {@value AccessService#MAX_DAYS})
 * @param unmaskColumns masked columns of the port's contract to see as published; empty for none
 * @param rowScope the rows needed, in the requester's words; null for every row
 * @param team the team to request for (the requester must belong to it), or null to request for oneself
 */
public record NewAccessRequest(String address, String purpose, Integer days, List<String> unmaskColumns,
                               String rowScope, String team) {
    public NewAccessRequest {
        requireNonNull(address, "address is null");
        unmaskColumns = unmaskColumns == null ? List.of() : List.copyOf(unmaskColumns);
    }

    public static NewAccessRequest of(String address, String purpose, int days) {
        return new NewAccessRequest(address, purpose, days, List.of(), null, null);
    }

    public NewAccessRequest withUnmask(List<String> columns) {
        return new NewAccessRequest(address, purpose, days, columns, rowScope, team);
    }

    public NewAccessRequest withRowScope(String scope) {
        return new NewAccessRequest(address, purpose, days, unmaskColumns, scope, team);
    }

    public NewAccessRequest forTeam(String teamId) {
        return new NewAccessRequest(address, purpose, days, unmaskColumns, rowScope, teamId);
    }
}
