package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one principal may read, as the gateway looks it up: granted relations by name, and the grants that
 * lapsed (for clear refusals). Each relation a query names costs one lookup, whatever the number of grants or
 * columns.
 *
 * <p>A view is either complete ({@link #of}: every granted relation, built up front) or looked up port by port
 * ({@link #lookingUp}: only the ports the query names are asked of a {@link PortGrants} source, each once per
 * view), so that a principal holding thousands of grants pays for the ports a query reads, not for all of them.
 */
public final class AccessView {
    private final String principal;
    private final PortGrants source;
    /** Complete views: every relation by name key; looked-up views: the relations of the ports asked so far. */
    private final Map<String, GrantedRelation> relations;
    private final Map<String, LapsedGrant> lapsed;
    /** The ports a looked-up view has asked its source about (by lower-cased address), with the answer. */
    private final Map<String, PortAccess> asked;
    /** The masked columns of each relation, worked out once, so a decision costs nothing per column. */
    private final Map<String, Map<String, ColumnMask>> masks;

    private AccessView(String principal, PortGrants source, Map<String, GrantedRelation> relations,
                       Map<String, LapsedGrant> lapsed, Map<String, PortAccess> asked) {
        this.principal = principal;
        this.source = source;
        this.relations = relations;
        this.lapsed = lapsed;
        this.asked = asked;
        this.masks = new ConcurrentHashMap<>();
        relations.values().forEach(relation -> masks.put(relation.name().key(), maskedColumns(relation)));
    }

    /**
     * A complete view: every relation the principal may read.
     *
     * @throws IllegalArgumentException when two relations have names DuckDB cannot tell apart
     */
    public static AccessView of(String principal, Collection<GrantedRelation> relations, Collection<LapsedGrant> lapsed) {
        requireNonNull(principal, "principal is null");
        Map<String, LapsedGrant> byPort = new HashMap<>();
        for (LapsedGrant grant : lapsed) {
            byPort.put(RelationName.asciiLower(grant.port()), grant);
        }
        return new AccessView(principal, null, byName(relations), Map.copyOf(byPort), Map.of());
    }

    public static AccessView of(String principal, Collection<GrantedRelation> relations) {
        return of(principal, relations, List.of());
    }

    /**
     * A view that asks {@code source} about a port the first time a query names one of its relations, and
     * remembers the answer for the view's life (one query).
     */
    public static AccessView lookingUp(String principal, PortGrants source) {
        requireNonNull(principal, "principal is null");
        requireNonNull(source, "source is null");
        return new AccessView(principal, source, new ConcurrentHashMap<>(), Map.of(), new ConcurrentHashMap<>());
    }

    public String principal() {
        return principal;
    }

    public Optional<GrantedRelation> relation(RelationName name) {
        if (source != null) {
            Optional<String> port = name.portAddress();
            if (port.isEmpty()) {
                return Optional.empty();
            }
            ask(port.get());
        }
        return Optional.ofNullable(relations.get(name.key()));
    }

    /** The masked columns of a relation of this view, with their masks. */
    Map<String, ColumnMask> masks(GrantedRelation relation) {
        Map<String, ColumnMask> known = masks.get(relation.name().key());
        if (known != null && relations.get(relation.name().key()) == relation) {
            return known;
        }
        return maskedColumns(relation);
    }

    /** The lapsed grant on a port address ({@code PRODUCT/PORT}), if any. */
    public Optional<LapsedGrant> lapsed(String portAddress) {
        if (source != null) {
            return Optional.ofNullable(ask(portAddress).lapsed());
        }
        return Optional.ofNullable(lapsed.get(RelationName.asciiLower(portAddress)));
    }

    /** Up to {@code limit} relation names the principal may read, sorted, for messages. */
    public List<String> someNames(int limit) {
        if (source != null) {
            return source.someNames(limit);
        }
        return relations.values().stream().map(relation -> relation.name().sql()).sorted().limit(limit).toList();
    }

    /**
     * The names of the relations of the port {@code portAddress} ({@code PRODUCT/PORT}) the principal may read,
     * in SQL, sorted: for a refusal of a name the port does not have (another table, another version).
     */
    public List<String> namesOn(String portAddress) {
        if (source != null) {
            ask(portAddress);
        }
        String key = RelationName.asciiLower(unversioned(portAddress));
        return relations.values().stream()
                .filter(relation -> relation.name().portAddress().map(RelationName::asciiLower).filter(key::equals).isPresent())
                .map(relation -> relation.name().sql()).distinct().sorted().toList();
    }

    /**
     * What the catalog holds under the product id {@code productId}, for a refusal's message; empty when this
     * view cannot tell (a complete view, or a source that does not say).
     */
    public Optional<Catalogued> catalogued(String productId) {
        return source == null ? Optional.empty() : source.catalogued(RelationName.asciiLower(productId));
    }

    private PortAccess ask(String portAddress) {
        String key = RelationName.asciiLower(unversioned(portAddress));
        return asked.computeIfAbsent(key, address -> {
            PortAccess answer = source.lookup(address);
            for (Map.Entry<String, GrantedRelation> entry : byName(answer.relations()).entrySet()) {
                GrantedRelation previous = relations.putIfAbsent(entry.getKey(), entry.getValue());
                if (previous != null) {
                    throw new IllegalArgumentException("two granted relations are both named " + entry.getValue().name()
                            + " (" + previous.port() + " and " + entry.getValue().port() + ")");
                }
                masks.put(entry.getKey(), maskedColumns(entry.getValue()));
            }
            return answer;
        });
    }

    /** {@code PRODUCT/PORT} of {@code PRODUCT/PORT} or {@code PRODUCT/PORT/vN}: a port's grants cover every version. */
    private static String unversioned(String address) {
        int first = address.indexOf('/');
        int second = first < 0 ? -1 : address.indexOf('/', first + 1);
        return second < 0 ? address : address.substring(0, second);
    }

    private static Map<String, GrantedRelation> byName(Collection<GrantedRelation> relations) {
        Map<String, GrantedRelation> byName = new HashMap<>(relations.size() * 2);
        for (GrantedRelation relation : relations) {
            GrantedRelation previous = byName.putIfAbsent(relation.name().key(), relation);
            if (previous != null) {
                throw new IllegalArgumentException("two granted relations are both named " + relation.name()
                        + " (" + previous.port() + " and " + relation.port() + ")");
            }
        }
        return byName;
    }

    private static Map<String, ColumnMask> maskedColumns(GrantedRelation relation) {
        Map<String, ColumnMask> columns = new LinkedHashMap<>();
        relation.columns().stream().filter(column -> column.mask() != ColumnMask.NONE)
                .forEach(column -> columns.put(column.name(), column.mask()));
        return Map.copyOf(columns);
    }

    /**
     * What a principal may read on one port, as a looked-up view's source answers it.
     *
     * @param relations the granted relations of the port's tables (every name of every version); empty when no
     *                  grant works
     * @param lapsed the newest lapsed grant on the port when no grant works, or null
     */
    public record PortAccess(List<GrantedRelation> relations, LapsedGrant lapsed) {
        public static final PortAccess NONE = new PortAccess(List.of(), null);

        public PortAccess {
            relations = List.copyOf(relations);
        }
    }

    /** What the catalog holds under a product id a query names, as a refusal tells it. */
    public sealed interface Catalogued {
        /** No product has that id. */
        record NoProduct(String productId) implements Catalogued {
            public NoProduct {
                requireNonNull(productId, "productId is null");
            }
        }

        /** The product exists, with these output ports (their names, sorted). */
        record Product(String productId, List<String> outputPorts) implements Catalogued {
            public Product {
                requireNonNull(productId, "productId is null");
                outputPorts = List.copyOf(outputPorts);
            }
        }
    }

    /** Where a looked-up view finds a principal's access, one port at a time. */
    public interface PortGrants {
        /** The principal's access to the port {@code PRODUCT/PORT} (lower-cased ASCII). */
        PortAccess lookup(String portAddress);

        /** Up to {@code limit} relation names the principal may read, sorted, for a refusal's message. */
        List<String> someNames(int limit);

        /**
         * What the catalog holds under {@code productId} (lower-cased ASCII), so that a refusal says a product or
         * port does not exist rather than that it is not granted. The answer names output ports, so only a source
         * whose catalog every principal may read should give one; the default tells nothing.
         */
        default Optional<Catalogued> catalogued(String productId) {
            return Optional.empty();
        }
    }
}
