package io.polder.registry.usage;

import static java.util.Objects.requireNonNull;

import io.polder.registry.Cursor;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.Pages;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.store.Database;
import io.polder.registry.store.Ids;
import io.polder.registry.store.Json;
import io.polder.registry.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The usage log of the query gateway: every query, run or refused, with the output ports and columns it read.
 * Who sees what: platform-admin and governance see every query; the owners of a product (its domain's owners
 * and the members of its owning team) see every query that read one of its ports; everyone sees their own.
 */
public final class UsageService {
    private static final String LISTING = "usage";
    static final String INSERT = """
            INSERT INTO query_usage (id, occurred_at, principal_name, principal_role, outcome, error_code, message,
                                     sql_sha256, row_count, truncated, duration_ms)
            VALUES (:id, :occurredAt, :principal, :role, :outcome, :errorCode, :message, :sqlSha256, :rows, :truncated,
                    :durationMs)""";
    static final String INSERT_PORT = """
            INSERT INTO query_usage_ports (usage_id, product_id, port_name, major_version, relation, snapshot, grant_id,
                                           columns_read)
            VALUES (:usage, :product, :port, :major, :relation, :snapshot, :grant, :columns)""";
    /** The products {@code :me} owns: as a domain-owner or member token, or as named in mesh.yaml. */
    private static final String OWNED_BY_READER = """
            (pr.domain_id = :ownerDomain OR pr.team_id = :memberTeam
             OR pr.domain_id IN (SELECT domain_id FROM domain_owners WHERE principal_name = :me)
             OR pr.team_id IN (SELECT team_id FROM team_members WHERE principal_name = :me))""";
    static final String LIST = """
            SELECT u.id, u.occurred_at, u.principal_name, u.principal_role, u.outcome, u.error_code, u.message,
                   u.sql_sha256, u.row_count, u.truncated, u.duration_ms
            FROM query_usage u
            WHERE (:product IS NULL OR EXISTS (SELECT 1 FROM query_usage_ports p
                                               WHERE p.usage_id = u.id AND p.product_id = :product))
              AND (:principal IS NULL OR u.principal_name = :principal)
              AND (:outcome IS NULL OR u.outcome = :outcome)
              AND (:after IS NULL OR u.id < :after)
              AND (:everything = 1 OR u.principal_name = :me
                   OR EXISTS (SELECT 1 FROM query_usage_ports p JOIN products pr ON pr.id = p.product_id
                              WHERE p.usage_id = u.id AND""" + OWNED_BY_READER + """
            ))
            ORDER BY u.id DESC
            LIMIT :limit""";
    static final String PORTS = """
            SELECT usage_id, product_id, port_name, major_version, relation, snapshot, grant_id, columns_read
            FROM query_usage_ports WHERE usage_id IN (<ids>) ORDER BY usage_id, relation""";
    static final String OWNS = "SELECT COUNT(*) FROM products pr WHERE pr.id = :product AND " + OWNED_BY_READER;
    static final String CONSUMERS = """
            SELECT u.principal_name, COUNT(*) AS queries,
                   SUM(CASE WHEN u.outcome = 'succeeded' THEN 1 ELSE 0 END) AS succeeded,
                   SUM(CASE WHEN u.outcome = 'denied' THEN 1 ELSE 0 END) AS denied,
                   SUM(CASE WHEN u.outcome = 'failed' THEN 1 ELSE 0 END) AS failed,
                   SUM(u.row_count) AS row_total, MAX(u.occurred_at) AS last_query
            FROM query_usage u
            WHERE EXISTS (SELECT 1 FROM query_usage_ports p WHERE p.usage_id = u.id AND p.product_id = :product)
              AND (:everything = 1 OR u.principal_name = :me)
            GROUP BY u.principal_name
            ORDER BY COUNT(*) DESC, u.principal_name""";

    private final Database database;
    private final CatalogService catalog;
    private final Ids ids;

    public UsageService(Database database, CatalogService catalog, Ids ids) {
        this.database = requireNonNull(database, "database is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    /** Records a query in a transaction of its own. */
    public QueryUsage record(QueryUsage usage) {
        return database.write(handle -> record(handle, usage));
    }

    /** Records a query as part of the transaction on {@code handle} (with its audit event, say). */
    public QueryUsage record(Handle handle, QueryUsage usage) {
        QueryUsage recorded = usage.withId(ids.next());
        handle.createUpdate(INSERT)
                .bind("id", recorded.id())
                .bind("occurredAt", recorded.time().toEpochMilli())
                .bind("principal", recorded.principal())
                .bind("role", recorded.role())
                .bind("outcome", recorded.outcome().value())
                .bind("errorCode", recorded.errorCode())
                .bind("message", recorded.message())
                .bind("sqlSha256", recorded.sqlSha256())
                .bind("rows", recorded.rows())
                .bind("truncated", recorded.truncated() ? 1 : 0)
                .bind("durationMs", recorded.durationMs())
                .execute();
        java.util.Set<String> relations = new java.util.HashSet<>();
        for (QueryUsage.PortRead port : recorded.ports()) {
            if (!relations.add(port.relation())) {
                continue;
            }
            handle.createUpdate(INSERT_PORT)
                    .bind("usage", recorded.id())
                    .bind("product", port.product())
                    .bind("port", port.port())
                    .bind("major", port.majorVersion())
                    .bind("relation", port.relation())
                    .bind("snapshot", port.snapshot())
                    .bind("grant", port.grant())
                    .bind("columns", Json.write(port.columns()))
                    .execute();
        }
        return recorded;
    }

    /**
     * A page of the queries {@code reader} may see that match {@code filter}, newest first: all of them for
     * platform-admin and governance; for anyone else their own, and those that read a product they own.
     */
    public Page<QueryUsage> list(Principal reader, UsageFilter filter, PageRequest page) {
        requireNonNull(reader, "reader is null");
        String after = page.cursor() == null ? null : Cursor.decode(LISTING, page.cursor(), 1).get(0);
        return database.read(handle -> {
            List<QueryUsage> rows = handle.createQuery(LIST)
                    .bind("product", filter.product())
                    .bind("principal", filter.principal())
                    .bind("outcome", filter.outcome() == null ? null : filter.outcome().value())
                    .bind("after", after)
                    .bind("everything", seesEverything(reader) ? 1 : 0)
                    .bind("me", reader.name())
                    .bind("ownerDomain", reader.domain())
                    .bind("memberTeam", reader.team())
                    .bind("limit", page.limit() + 1)
                    .map(UsageService::usage)
                    .list();
            return Pages.of(withPorts(handle, rows), page.limit(), last -> Cursor.encode(LISTING, last.id()));
        });
    }

    /**
     * How each consumer used {@code productId}'s output ports: every consumer for its owners, platform-admin and
     * governance; only the reader's own line for anyone else.
     *
     * @throws io.polder.error.PolderException NOT_FOUND for an unknown product
     */
    public ProductUsage consumers(Principal reader, String productId) {
        requireNonNull(reader, "reader is null");
        catalog.getProductSummary(productId);
        return database.read(handle -> {
            boolean everything = seesEverything(reader) || owns(handle, reader, productId);
            List<ConsumerUsage> consumers = handle.createQuery(CONSUMERS)
                    .bind("product", productId)
                    .bind("everything", everything ? 1 : 0)
                    .bind("me", reader.name())
                    .map((row, context) -> new ConsumerUsage(row.getString("principal_name"), row.getLong("queries"),
                            row.getLong("succeeded"), row.getLong("denied"), row.getLong("failed"),
                            row.getLong("row_total"), Rows.instant(row, "last_query")))
                    .list();
            return new ProductUsage(productId, everything, consumers);
        });
    }

    private static boolean seesEverything(Principal reader) {
        return reader.role() == Role.PLATFORM_ADMIN || reader.role() == Role.GOVERNANCE;
    }

    private static boolean owns(Handle handle, Principal reader, String productId) {
        return handle.createQuery(OWNS)
                .bind("product", productId)
                .bind("me", reader.name())
                .bind("ownerDomain", reader.domain())
                .bind("memberTeam", reader.team())
                .mapTo(Long.class).one() > 0;
    }

    private static List<QueryUsage> withPorts(Handle handle, List<QueryUsage> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<QueryUsage.PortRead>> ports = new LinkedHashMap<>();
        handle.createQuery(PORTS).bindList("ids", rows.stream().map(QueryUsage::id).toList())
                .map((row, context) -> Map.entry(row.getString("usage_id"), port(row)))
                .forEach(entry -> ports.computeIfAbsent(entry.getKey(), key -> new ArrayList<>()).add(entry.getValue()));
        return rows.stream().map(usage -> new QueryUsage(usage.id(), usage.time(), usage.principal(), usage.role(),
                usage.outcome(), usage.errorCode(), usage.message(), usage.sqlSha256(), usage.rows(), usage.truncated(),
                usage.durationMs(), ports.getOrDefault(usage.id(), List.of()))).toList();
    }

    private static QueryUsage usage(ResultSet row, org.jdbi.v3.core.statement.StatementContext context) throws SQLException {
        return new QueryUsage(row.getString("id"), Rows.instant(row, "occurred_at"), row.getString("principal_name"),
                row.getString("principal_role"), UsageOutcome.parse(row.getString("outcome")), row.getString("error_code"),
                row.getString("message"), row.getString("sql_sha256"), row.getLong("row_count"),
                row.getInt("truncated") != 0, row.getLong("duration_ms"), List.of());
    }

    private static QueryUsage.PortRead port(ResultSet row) throws SQLException {
        int major = row.getInt("major_version");
        Integer majorVersion = row.wasNull() ? null : major;
        return new QueryUsage.PortRead(row.getString("product_id"), row.getString("port_name"), majorVersion,
                row.getString("relation"), row.getString("snapshot"), row.getString("grant_id"),
                readList(row.getString("columns_read")));
    }

    private static List<String> readList(String json) {
        try {
            return List.of(Json.mapper().readValue(json, String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the stored columns of a usage row are not a JSON list: " + e.getMessage(), e);
        }
    }
}
