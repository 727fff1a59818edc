package io.polder.registry.runs;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Names;
import io.polder.registry.store.Database;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        }
        return database.read(handle -> {
            Map<String, List<String>> products = new LinkedHashMap<>();
            handle.createQuery(PRODUCTS).map((row, context) -> List.of(row.getString("id"), row.getString("domain_id"),
                    row.getString("current_version"), row.getString("status"))).forEach(row -> products.put(row.get(0), row));
            Map<String, String> lastBuilds = new HashMap<>();
            handle.createQuery(LAST_BUILDS).map((row, context) -> Map.entry(row.getString("product_id"),
                    row.getString("state"))).forEach(entry -> lastBuilds.put(entry.getKey(), entry.getValue()));
            List<LineageGraph.Edge> edges = edges(handle.createQuery(CURRENT_PORTS).map((row, context) -> List.of(
                    row.getString("product_id"), row.getString("direction"), row.getString("name"),
                    row.getString("contract_id"))).list());
            if (product != null && !products.containsKey(product)) {
                throw new PolderException(ErrorCode.NOT_FOUND, "no product '" + product + "'");
            }
            Map<String, Integer> distances = product == null ? allAtZero(products) : distances(product, depth, edges);
            List<LineageGraph.Node> nodes = distances.entrySet().stream().map(entry -> {
                List<String> row = products.get(entry.getKey());
                return new LineageGraph.Node(entry.getKey(), row.get(1), row.get(2), row.get(3), entry.getValue(),
                        lastBuilds.get(entry.getKey()));
            }).toList();
            List<LineageGraph.Edge> shown = edges.stream().filter(edge -> distances.containsKey(edge.fromProduct())
                    && distances.containsKey(edge.toProduct())).toList();
            return new LineageGraph(product, depth, nodes, shown);
        });
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

    /** Breadth-first, upstream (negative distances) and downstream (positive), each up to {@code depth}. */
    private static Map<String, Integer> distances(String product, int depth, List<LineageGraph.Edge> edges) {
        Map<String, Integer> distances = new LinkedHashMap<>();
        distances.put(product, 0);
        walk(product, depth, edges, distances, -1);
        walk(product, depth, edges, distances, 1);
        return distances;
    }

    private static void walk(String start, int depth, List<LineageGraph.Edge> edges, Map<String, Integer> distances,
                             int direction) {
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        Map<String, Integer> steps = new HashMap<>(Map.of(start, 0));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            int step = steps.get(current);
            if (step == depth) {
                continue;
            }
            for (LineageGraph.Edge edge : edges) {
                String next = direction < 0 ? (edge.toProduct().equals(current) ? edge.fromProduct() : null)
                        : (edge.fromProduct().equals(current) ? edge.toProduct() : null);
                if (next != null && !steps.containsKey(next)) {
                    steps.put(next, step + 1);
                    distances.putIfAbsent(next, direction * (step + 1));
                    queue.addLast(next);
                }
            }
        }
    }
}
