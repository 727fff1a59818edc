package io.polder.server.query;

import static java.util.Objects.requireNonNull;

import io.polder.gateway.AccessView;
import io.polder.gateway.ColumnMask;
import io.polder.gateway.GrantedRelation;
import io.polder.gateway.LapsedGrant;
import io.polder.gateway.RelationName;
import io.polder.gateway.RowFilter;
import io.polder.registry.access.Grant;
import io.polder.registry.access.GrantSet;
import io.polder.registry.auth.Principal;
import io.polder.spi.Engine;
import io.polder.spi.PublishedRelation;
import io.polder.spi.exceptions.NoPublishedSnapshotException;
import io.polder.spi.exceptions.SnapshotNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a principal's grants into the gateway's {@link AccessView}, per query and port by port (only the ports a
 * query names are read and described): each active grant on an output
 * port becomes, for every table of the port's contract, the relation {@code "PRODUCT/PORT/vMAJOR".TABLE} at the
 * port's published snapshot, and {@code "PRODUCT/PORT".TABLE} for the current major version; masked as the
 * contract's classification says, except the columns the grant unmasks; filtered by the grant's row filter.
 * Lapsed grants become {@link LapsedGrant}s, so that a refusal says when and why access ended.
 *
 * <p>When several active grants cover one port (a personal grant, a team's, an owner's implicit access), the
 * least restricted one applies: one without a row filter before one with, then the one that unmasks more
 * columns, then the one that lasts longer.
 */
final class AccessViews {
    private static final Comparator<Grant> LEAST_RESTRICTED = Comparator
            .comparing((Grant grant) -> grant.rowFilter() != null && !grant.rowFilter().isBlank())
            .thenComparing(grant -> -grant.unmaskedColumns().size())
            .thenComparing(grant -> grant.expiresAt() == null ? Long.MIN_VALUE : -grant.expiresAt().toEpochMilli())
            .thenComparing(Grant::id);

    /**
     * What one principal may read for one query.
     *
     * @param unpublished the addresses ({@code PRODUCT/PORT}) of granted ports that have published nothing yet
     */
    record Built(AccessView view, Map<String, GrantedRelation> relations, Set<String> unpublished) {
        /** The granted relation a decision names (by its SQL name), if any. */
        GrantedRelation relation(String sqlName) {
            return relations.get(sqlName);
        }
    }

    private final PortTables ports;
    private final Engine engine;

    AccessViews(PortTables ports, Engine engine) {
        this.ports = requireNonNull(ports, "ports is null");
        this.engine = requireNonNull(engine, "engine is null");
    }

    /**
     * A view that reads the principal's grants on a port only when the query names one of the port's relations:
     * one indexed read and one description per port the query reads, whatever the number of grants the
     * principal holds. {@link Built#relations} and {@link Built#unpublished} fill in as the query is checked.
     */
    Built lookingUp(Principal principal, Instant now, GrantSource grants) {
        Map<String, GrantedRelation> bySql = new ConcurrentHashMap<>();
        Set<String> unpublished = ConcurrentHashMap.newKeySet();
        AccessView view = AccessView.lookingUp(principal.name(), new AccessView.PortGrants() {
            @Override
            public AccessView.PortAccess lookup(String portAddress) {
                int slash = portAddress.indexOf('/');
                GrantSet onPort = grants.grantsOn(principal, now, portAddress.substring(0, slash),
                        portAddress.substring(slash + 1));
                Map<String, Grant> byPort = effective(onPort);
                List<GrantedRelation> relations = new ArrayList<>();
                for (Grant grant : byPort.values()) {
                    relations.addAll(relations(grant, unpublished));
                }
                relations.forEach(relation -> bySql.put(relation.name().sql(), relation));
                List<LapsedGrant> lapsed = lapsed(onPort, byPort);
                return new AccessView.PortAccess(relations, lapsed.isEmpty() ? null : lapsed.getFirst());
            }

            @Override
            public List<String> someNames(int limit) {
                return names(grants.grantsFor(principal, now), limit).stream().map(RelationName::sql).toList();
            }

            @Override
            public Optional<AccessView.Catalogued> catalogued(String productId) {
                return Optional.of(ports.outputPortNames(productId)
                        .<AccessView.Catalogued>map(names -> new AccessView.Catalogued.Product(productId, names))
                        .orElseGet(() -> new AccessView.Catalogued.NoProduct(productId)));
            }
        });
        return new Built(view, bySql, unpublished);
    }

    /**
     * The names of the relations {@code grants} cover, sorted by their SQL, at most {@code limit}, from the ports'
     * contracts (without reading any data, so a name may have nothing published yet).
     */
    List<RelationName> names(GrantSet grants, int limit) {
        Map<String, RelationName> names = new TreeMap<>();
        for (Grant grant : effective(grants).values()) {
            for (PortTables.PortVersion version : ports.versions(grant.product(), grant.port())) {
                for (PortTables.Table table : version.tables()) {
                    RelationName.of(version.ref(), table.name(), version.current())
                            .forEach(name -> names.put(name.sql(), name));
                }
            }
        }
        return names.values().stream().limit(limit).toList();
    }

    /** The grant that applies on each port: the least restricted of those that work. */
    private static Map<String, Grant> effective(GrantSet grants) {
        Map<String, Grant> byPort = new LinkedHashMap<>();
        for (Grant grant : grants.active()) {
            byPort.merge(address(grant), grant, (one, other) -> LEAST_RESTRICTED.compare(one, other) <= 0 ? one : other);
        }
        return byPort;
    }

    /** The lapsed grants on ports no working grant covers. */
    private static List<LapsedGrant> lapsed(GrantSet grants, Map<String, Grant> working) {
        List<LapsedGrant> lapsed = new ArrayList<>();
        for (Grant grant : grants.lapsed()) {
            if (!working.containsKey(address(grant))) {
                lapsed.add(grant.revokedAt() != null
                        ? new LapsedGrant(grant.product() + "/" + grant.port(), LapsedGrant.Reason.REVOKED, grant.revokedAt())
                        : new LapsedGrant(grant.product() + "/" + grant.port(), LapsedGrant.Reason.EXPIRED, grant.expiresAt()));
            }
        }
        return lapsed;
    }

    private List<GrantedRelation> relations(Grant grant, Set<String> unpublished) {
        List<GrantedRelation> relations = new ArrayList<>();
        RowFilter filter = grant.rowFilter() == null || grant.rowFilter().isBlank() ? null : new RowFilter(grant.rowFilter());
        Set<String> unmasked = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        unmasked.addAll(grant.unmaskedColumns());
        for (PortTables.PortVersion version : ports.versions(grant.product(), grant.port())) {
            for (PortTables.Table table : version.tables()) {
                PublishedRelation published;
                try {
                    published = engine.describe(version.ref(), table.name());
                } catch (NoPublishedSnapshotException | SnapshotNotFoundException e) {
                    unpublished.add(address(grant));
                    continue;
                }
                Map<String, ColumnMask> masks = new LinkedHashMap<>();
                table.masks().forEach((column, mask) -> {
                    boolean exists = published.columns().stream().anyMatch(info -> info.name().equals(column));
                    if (exists && !unmasked.contains(column)) {
                        masks.put(column, mask);
                    }
                });
                for (RelationName name : RelationName.of(version.ref(), table.name(), version.current())) {
                    relations.add(GrantedRelation.of(name, published, masks, filter, grant.expiresAt(), grant.id()));
                }
            }
        }
        return relations;
    }

    private static String address(Grant grant) {
        return (grant.product() + "/" + grant.port()).toLowerCase(Locale.ROOT);
    }
}
