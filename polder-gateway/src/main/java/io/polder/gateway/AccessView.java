package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one principal may read, as the gateway looks it up: granted relations by name, and the grants that
 * lapsed (for clear refusals). Each relation a query names costs one hash lookup, whatever the number of
 * grants or columns.
 */
public final class AccessView {
    private final String principal;
    private final Map<String, GrantedRelation> relations;
    private final Map<String, LapsedGrant> lapsed;
    /** The masked columns of each relation, worked out once, so a decision costs nothing per column. */
    private final Map<String, Map<String, ColumnMask>> masks;

    private AccessView(String principal, Map<String, GrantedRelation> relations, Map<String, LapsedGrant> lapsed) {
        this.principal = principal;
        this.relations = relations;
        this.lapsed = lapsed;
        Map<String, Map<String, ColumnMask>> masked = new HashMap<>(relations.size() * 2);
        relations.forEach((key, relation) -> {
            Map<String, ColumnMask> columns = new java.util.LinkedHashMap<>();
            relation.columns().stream().filter(column -> column.mask() != ColumnMask.NONE)
                    .forEach(column -> columns.put(column.name(), column.mask()));
            masked.put(key, Map.copyOf(columns));
        });
        this.masks = masked;
    }

    /**
     * @throws IllegalArgumentException when two relations have names DuckDB cannot tell apart
     */
    public static AccessView of(String principal, Collection<GrantedRelation> relations, Collection<LapsedGrant> lapsed) {
        requireNonNull(principal, "principal is null");
        Map<String, GrantedRelation> byName = new HashMap<>(relations.size() * 2);
        for (GrantedRelation relation : relations) {
            GrantedRelation previous = byName.putIfAbsent(relation.name().key(), relation);
            if (previous != null) {
                throw new IllegalArgumentException("two granted relations are both named " + relation.name()
                        + " (" + previous.port() + " and " + relation.port() + ")");
            }
        }
        Map<String, LapsedGrant> byPort = new HashMap<>();
        for (LapsedGrant grant : lapsed) {
            byPort.put(RelationName.asciiLower(grant.port()), grant);
        }
        return new AccessView(principal, Map.copyOf(byName), Map.copyOf(byPort));
    }

    public static AccessView of(String principal, Collection<GrantedRelation> relations) {
        return of(principal, relations, List.of());
    }

    public String principal() {
        return principal;
    }

    public Optional<GrantedRelation> relation(RelationName name) {
        return Optional.ofNullable(relations.get(name.key()));
    }

    /** The masked columns of a relation of this view, with their masks. */
    Map<String, ColumnMask> masks(GrantedRelation relation) {
        Map<String, ColumnMask> known = masks.get(relation.name().key());
        if (known != null && relations.get(relation.name().key()) == relation) {
            return known;
        }
        Map<String, ColumnMask> columns = new java.util.LinkedHashMap<>();
        relation.columns().stream().filter(column -> column.mask() != ColumnMask.NONE)
                .forEach(column -> columns.put(column.name(), column.mask()));
        return columns;
    }

    /** The lapsed grant on a port address ({@code PRODUCT/PORT}), if any. */
    public Optional<LapsedGrant> lapsed(String portAddress) {
        return Optional.ofNullable(lapsed.get(RelationName.asciiLower(portAddress)));
    }

    public int size() {
        return relations.size();
    }

    /** Up to {@code limit} relation names, sorted, for messages. */
    public List<String> someNames(int limit) {
        return relations.values().stream().map(relation -> relation.name().sql()).sorted().limit(limit).toList();
    }
}
