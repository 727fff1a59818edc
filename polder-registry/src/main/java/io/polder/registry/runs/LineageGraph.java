package io.polder.registry.runs;

import java.util.List;

/**
 * The products of the mesh and how data flows between them, at product level: an edge runs from an output
 * port of one product to the input port of another that reads its contract.
 *
 * @param focus the product the graph was asked around, or null for the whole mesh
 */
public record LineageGraph(String focus, int depth, List<Node> nodes, List<Edge> edges) {
    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A product.
     *
     * @param distance how many edges away from the focus (negative upstream, positive downstream, 0 the focus)
     * @param lastBuild the state of its newest build, or null when it was never built
     */
    public record Node(String product, String domain, String version, String status, int distance, String lastBuild) {
    }

    /** Data flowing from {@code fromProduct}'s output port to {@code toProduct}'s input port under {@code contract}. */
    public record Edge(String fromProduct, String fromPort, String toProduct, String toPort, String contract) {
    }
}
