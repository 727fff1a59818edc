package io.polder.flight;

import io.polder.gateway.QueryRefusedException;
import io.polder.gateway.QueryResult;
import io.polder.gateway.RelationName;
import io.polder.gateway.ResultColumn;
import io.polder.gateway.RowSink;
import java.util.List;
import java.util.Optional;

/**
 * What the Flight SQL endpoint asks of the server: who a bearer token belongs to, and the governed query
 * gateway for that principal. The endpoint holds no grants, tokens or settings of its own; every call is
 * authenticated again, and every query (also one named by a prepared statement's handle or a ticket) is
 * checked again by the gateway when it runs.
 *
 * <p>Implementations are called from several threads at once.
 *
 * @param <P> the server's principal: whatever it needs to look up grants and write the audit log
 */
public interface FlightQueries<P> {
    /** The principal a bearer token belongs to, or empty when the token is not valid (unknown, expired, revoked). */
    Optional<P> authenticate(String bearerToken);

    /**
     * The columns {@code sql} would return for {@code principal}, without returning rows.
     *
     * @throws QueryRefusedException (or another {@link io.polder.error.PolderException}) when the query is refused
     */
    List<ResultColumn> describe(P principal, String sql);

    /**
     * Runs {@code sql} for {@code principal} under the server's row cap and timeout, streaming the rows to {@code sink}.
     *
     * @throws QueryRefusedException (or another {@link io.polder.error.PolderException}) when the query is refused
     */
    QueryResult execute(P principal, String sql, RowSink sink);

    /** The relations {@code principal} may query, for the catalog calls (GetDbSchemas, GetTables). */
    List<RelationName> relations(P principal);
}
