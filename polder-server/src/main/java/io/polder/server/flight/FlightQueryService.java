package io.polder.server.flight;

import static java.util.Objects.requireNonNull;

import io.polder.flight.FlightQueries;
import io.polder.gateway.QueryResult;
import io.polder.gateway.RelationName;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowSink;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.TokenService;
import io.polder.server.query.QueryService;
import java.util.List;
import java.util.Optional;

/**
 * The Arrow Flight SQL endpoint's view of the server: tokens as the API takes them, the same role check as
 * {@code POST /api/v1/query}, and the server's one {@link QueryService}, so a Flight query is governed, capped,
 * audited and counted exactly as a REST query is.
 */
public final class FlightQueryService implements FlightQueries<Principal> {
    /** The most relations a catalog call lists. */
    static final int MAX_LISTED = 10_000;

    private final TokenService tokens;
    private final Authorizer authorizer;
    private final QueryService queries;

    public FlightQueryService(TokenService tokens, Authorizer authorizer, QueryService queries) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.queries = requireNonNull(queries, "queries is null");
    }

    @Override
    public Optional<Principal> authenticate(String bearerToken) {
        return tokens.authenticate(bearerToken);
    }

    @Override
    public List<ResultColumn> describe(Principal principal, String sql) {
        authorizer.require(principal, Action.QUERY_DATA, "query");
        return queries.describe(principal, sql);
    }

    @Override
    public QueryResult execute(Principal principal, String sql, RowSink sink) {
        authorizer.require(principal, Action.QUERY_DATA, "query");
        return queries.execute(principal, queries.request(principal, sql, null, null), sink);
    }

    @Override
    public List<RelationName> relations(Principal principal) {
        authorizer.require(principal, Action.QUERY_DATA, "query");
        return queries.relations(principal, MAX_LISTED);
    }
}
