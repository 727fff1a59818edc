package io.polder.registry.runs;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import io.polder.registry.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Product-level lineage from the registry's ports: the graph of the whole mesh, or the products up to
 * {@code depth} edges upstream and downstream of one product. Edges follow the current versions' ports (an
 * input port reads the contract an output port offers), the way builds bind them.
 */
public final class LineageService {
    /** How far a graph reaches at most; a mesh deeper than this is shown in parts. */
    public static final int MAX_DEPTH = 50;
    static final String PRODUCTS = "SELECT id, domain_id, current_version, status FROM products WHERE status <> 'retired'";
    static final String CURRENT_PORTS = """
            SELECT po.product_id, po.direction, po.name, po.contract_id FROM ports po
            JOIN products pr ON pr.id = po.product_id AND pr.current_version = po.product_version
            WHERE pr.status <> 'retired' AND po.contract_id IS NOT NULL
            ORDER BY po.product_id, po.direction, po.position""";
    static final String LAST_BUILDS = """
            SELECT r.product_id, r.state FROM runs r
            JOIN (SELECT product_id, MAX(id) AS id FROM runs WHERE run_kind = 'build' GROUP BY product_id) newest
              ON newest.id = r.id""";
    static final String PRODUCTS_IN = "SELECT id, domain_id, current_version, status FROM products"
            + " WHERE status <> 'retired' AND id IN (<ids>)";
    static final String LAST_BUILDS_IN = """
            SELECT r.product_id, r.state FROM runs r
            JOIN (SELECT product_id, MAX(id) AS id FROM runs WHERE run_kind = 'build' AND product_id IN (<ids>)
                  GROUP BY product_id) newest
              ON newest.id = r.id""";
    /** The current ports of some products: the primary key's prefix (product_id, product_version). */
    static final String PORTS_OF = """
            SELECT po.product_id, po.direction, po.name, po.contract_id FROM ports po
            JOIN products pr ON pr.id = po.product_id AND pr.current_version = po.product_version
            WHERE pr.status <> 'retired' AND po.contract_id IS NOT NULL AND po.product_id IN (<ids>)
            ORDER BY po.product_id, po.direction, po.position""";
    /** The current ports under some contracts: the index ports_by_contract. */
    static final String PORTS_READING = """
            SELECT po.product_id, po.direction, po.name, po.contract_id FROM ports po
            JOIN products pr ON pr.id = po.product_id AND pr.current_version = po.product_version
            WHERE pr.status <> 'retired' AND po.contract_id IN (<contracts>)
            ORDER BY po.product_id, po.direction, po.position""";

    private final Database database;

    public LineageService(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * @param product the product to centre on, or null for the whole mesh
     * @param depth how many edges to follow each way (1 to {@link #MAX_DEPTH})
     * @throws PolderException NOT_FOUND for an unknown product, INVALID_ARGUMENT for a depth out of range
     */
    public LineageGraph graph(String product, int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "depth must be between 1 and " + MAX_DEPTH
                    + ", found " + depth);
        }
        if (product != null) {
            Names.requireId("product id", product);
            return database.read(handle -> around(handle, product, depth));
        }
        return database.read(handle -> {
            Map<String, List<String>> products = new LinkedHashMap<>();
            handle.createQuery(PRODUCTS).map((row, context) -> List.of(row.getString("id"), row.getString("domain_id"),
                    row.getString("current_version"), row.getString("status"))).forEach(row -> products.put(row.get(0), row));
            Map<String, String> lastBuilds = new HashMap<>();
            handle.createQuery(LAST_BUILDS).map((row, context) -> Map.entry(row.getString("product_id"),
                    row.getString("state"))).forEach(entry -> lastBuilds.put(entry.getKey(), entry.getValue()));
            List<LineageGraph.Edge> edges = edges(handle.createQuery(CURRENT_PORTS).map(LineageService::portRow).list());
            Map<String, Integer> distances = allAtZero(products);
            return graph(null, depth, distances, products, lastBuilds, edges);
        });
    }

    /**
     * The products around {@code product}, found by following ports through the index on contract ids, a
     * step at a time: what it costs depends on the neighbourhood, not on the size of the mesh.
     */
    private static LineageGraph around(Handle handle, String product, int depth) {
        Map<String, Integer> distances = new LinkedHashMap<>();
        distances.put(product, 0);
        List<List<String>> ports = new ArrayList<>();
        walk(handle, product, depth, distances, -1, ports);
        walk(handle, product, depth, distances, 1, ports);
        Map<String, List<String>> products = new LinkedHashMap<>();
        handle.createQuery(PRODUCTS_IN).bindList("ids", List.copyOf(distances.keySet()))
                .map((row, context) -> List.of(row.getString("id"), row.getString("domain_id"),
                        row.getString("current_version"), row.getString("status")))
                .forEach(row -> products.put(row.get(0), row));
        if (!products.containsKey(product)) {
            throw new PolderException(ErrorCode.NOT_FOUND, "no product '" + product + "'");
        }
        Map<String, String> lastBuilds = new HashMap<>();
        handle.createQuery(LAST_BUILDS_IN).bindList("ids", List.copyOf(distances.keySet()))
                .map((row, context) -> Map.entry(row.getString("product_id"), row.getString("state")))
                .forEach(entry -> lastBuilds.put(entry.getKey(), entry.getValue()));
        List<List<String>> known = handle.createQuery(PORTS_OF).bindList("ids", List.copyOf(distances.keySet()))
                .map(LineageService::portRow).list();
        return graph(product, depth, distances, products, lastBuilds, edges(known));
    }

    private static LineageGraph graph(String focus, int depth, Map<String, Integer> distances,
                                      Map<String, List<String>> products, Map<String, String> lastBuilds,
                                      List<LineageGraph.Edge> edges) {
        List<LineageGraph.Node> nodes = distances.entrySet().stream().filter(entry -> products.containsKey(entry.getKey()))
                .map(entry -> {
                    List<String> row = products.get(entry.getKey());
                    return new LineageGraph.Node(entry.getKey(), row.get(1), row.get(2), row.get(3), entry.getValue(),
                            lastBuilds.get(entry.getKey()));
                }).toList();
        List<LineageGraph.Edge> shown = edges.stream().filter(edge -> distances.containsKey(edge.fromProduct())
                && distances.containsKey(edge.toProduct())).toList();
        return new LineageGraph(focus, depth, nodes, shown);
    }

    /**
     * Breadth-first from {@code start}, upstream (direction -1: the products offering what the frontier's input
     * ports read) or downstream (+1: the products whose input ports read what the frontier offers).
     */
    private static void walk(Handle handle, String start, int depth, Map<String, Integer> distances, int direction,
                             List<List<String>> ports) {
        Set<String> seen = new HashSet<>(List.of(start));
        List<String> frontier = List.of(start);
        String wanted = direction < 0 ? "input" : "output";
        String found = direction < 0 ? "output" : "input";
        for (int step = 1; step <= depth && !frontier.isEmpty(); step++) {
            List<String> contracts = handle.createQuery(PORTS_OF).bindList("ids", frontier)
                    .map(LineageService::portRow).list().stream().filter(port -> port.get(1).equals(wanted))
                    .map(port -> port.get(3)).distinct().toList();
            if (contracts.isEmpty()) {
                return;
            }
            List<String> next = new ArrayList<>();
            for (List<String> port : handle.createQuery(PORTS_READING).bindList("contracts", contracts)
                    .map(LineageService::portRow).list()) {
                if (port.get(1).equals(found) && seen.add(port.get(0))) {
                    next.add(port.get(0));
                    distances.putIfAbsent(port.get(0), direction * step);
                }
            }
            frontier = next;
        }
    }

    private static List<String> portRow(ResultSet row, StatementContext context) throws SQLException {
        return List.of(row.getString("product_id"), row.getString("direction"), row.getString("name"),
                row.getString("contract_id"));
    }

    private static List<LineageGraph.Edge> edges(List<List<String>> ports) {
        Map<String, List<String>> offered = new HashMap<>();
        ports.stream().filter(port -> port.get(1).equals("output")).forEach(port -> offered.putIfAbsent(port.get(3), port));
        List<LineageGraph.Edge> edges = new ArrayList<>();
        for (List<String> port : ports) {
            List<String> source = offered.get(port.get(3));
            if (port.get(1).equals("input") && source != null && !source.get(0).equals(port.get(0))) {
                edges.add(new LineageGraph.Edge(source.get(0), source.get(2), port.get(0), port.get(2), port.get(3)));
            }
        }
        return edges;
    }

    private static Map<String, Integer> allAtZero(Map<String, List<String>> products) {
        Map<String, Integer> distances = new LinkedHashMap<>();
        products.keySet().forEach(id -> distances.put(id, 0));
        return distances;
    }
}
