package io.polder.web.pages;

import io.polder.registry.runs.LineageGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The product page's lineage graph, laid out here on the server as SVG: one column per distance from the
 * product (upstream to the left, downstream to the right), products in a column by id, edges as curves from
 * output to input. Drawn without script, so it shows in any browser; the edges are also listed as a table.
 * A graph with more than {@link #MAX_NODES} products keeps the nearest ones and says how many it left out.
 *
 * @param hidden how many products of the graph were left out of the drawing
 */
public record LineageView(int depth, List<NodeBox> nodes, List<EdgeCurve> curves, List<LineageGraph.Edge> edges,
                          int width, int height, int hidden) {
    static final int MAX_NODES = 60;
    public static final int NODE_WIDTH = 190;
    public static final int NODE_HEIGHT = 46;
    static final int COLUMN_GAP = 70;
    static final int ROW_GAP = 14;
    static final int MARGIN = 8;
    private static final int LABEL_LENGTH = 26;

    public LineageView {
        nodes = List.copyOf(nodes);
        curves = List.copyOf(curves);
        edges = List.copyOf(edges);
    }

    /** Whether the product stands alone: nothing upstream or downstream. */
    public boolean isAlone() {
        return edges.isEmpty();
    }

    /**
     * A product's box.
     *
     * @param relation upstream, downstream or focus
     */
    public record NodeBox(String product, String label, String detail, String relation, String lastBuild, int x,
                          int y, int textX, int labelY, int detailY) {
    }

    /** An edge's curve, with what flows along it as its tooltip. */
    public record EdgeCurve(String path, String title) {
    }

    static LineageView of(LineageGraph graph) {
        List<LineageGraph.Node> kept = graph.nodes().stream()
                .sorted(Comparator.comparingInt((LineageGraph.Node node) -> Math.abs(node.distance()))
                        .thenComparing(LineageGraph.Node::product))
                .limit(MAX_NODES).toList();
        Map<Integer, List<LineageGraph.Node>> columns = new TreeMap<>();
        kept.forEach(node -> columns.computeIfAbsent(node.distance(), distance -> new ArrayList<>()).add(node));
        columns.values().forEach(column -> column.sort(Comparator.comparing(LineageGraph.Node::product)));
        Map<String, int[]> places = new HashMap<>();
        List<NodeBox> boxes = new ArrayList<>();
        int columnIndex = 0;
        int tallest = 0;
        for (List<LineageGraph.Node> column : columns.values()) {
            int x = MARGIN + columnIndex * (NODE_WIDTH + COLUMN_GAP);
            for (int row = 0; row < column.size(); row++) {
                LineageGraph.Node node = column.get(row);
                int y = MARGIN + row * (NODE_HEIGHT + ROW_GAP);
                places.put(node.product(), new int[] {x, y});
                boxes.add(new NodeBox(node.product(), abbreviate(node.product()), detail(node), relation(node),
                        node.lastBuild() == null ? "never-built" : node.lastBuild(), x, y, x + 10, y + 19, y + 36));
            }
            tallest = Math.max(tallest, column.size());
            columnIndex++;
        }
        List<EdgeCurve> curves = new ArrayList<>();
        for (LineageGraph.Edge edge : graph.edges()) {
            int[] from = places.get(edge.fromProduct());
            int[] to = places.get(edge.toProduct());
            if (from != null && to != null) {
                curves.add(new EdgeCurve(curve(from, to), edge.fromProduct() + "." + edge.fromPort() + " → "
                        + edge.toProduct() + "." + edge.toPort() + " (contract " + edge.contract() + ")"));
            }
        }
        int width = 2 * MARGIN + Math.max(1, columns.size()) * NODE_WIDTH + Math.max(0, columns.size() - 1) * COLUMN_GAP;
        int height = 2 * MARGIN + Math.max(1, tallest) * NODE_HEIGHT + Math.max(0, tallest - 1) * ROW_GAP;
        return new LineageView(graph.depth(), boxes, curves, graph.edges(), width, height,
                graph.nodes().size() - kept.size());
    }

    /** From the right side of one box to the left side of the other, bending halfway. */
    private static String curve(int[] from, int[] to) {
        int startX = from[0] + NODE_WIDTH;
        int startY = from[1] + NODE_HEIGHT / 2;
        int endX = to[0];
        int endY = to[1] + NODE_HEIGHT / 2;
        int bend = Math.max(COLUMN_GAP / 2, Math.abs(endX - startX) / 2);
        return String.format(Locale.ROOT, "M%d,%d C%d,%d %d,%d %d,%d", startX, startY, startX + bend, startY,
                endX - bend, endY, endX, endY);
    }

    private static String relation(LineageGraph.Node node) {
        return node.distance() < 0 ? "upstream" : node.distance() > 0 ? "downstream" : "focus";
    }

    private static String detail(LineageGraph.Node node) {
        return abbreviate(node.domain() + " · v" + node.version() + " · "
                + (node.lastBuild() == null ? "never built" : "build " + node.lastBuild()));
    }

    private static String abbreviate(String text) {
        return text.length() <= LABEL_LENGTH + 4 ? text : text.substring(0, LABEL_LENGTH + 3) + "…";
    }
}
