package io.polder.model.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Cycle detection on the product graph (product id to the ids of the products it consumes). */
final class ProductGraph {
    private enum Mark { VISITING, DONE }

    private ProductGraph() {
    }

    /**
     * Each elementary cycle reachable by depth-first search, once, written from its first product back to
     * it (a -> b -> a). Iterative, so a long chain of products cannot overflow the stack.
     */
    static List<List<String>> cycles(Map<String, List<String>> consumes) {
        Map<String, Mark> marks = new HashMap<>();
        List<List<String>> cycles = new ArrayList<>();
        for (String start : consumes.keySet()) {
            if (marks.containsKey(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            List<Integer> nextChild = new ArrayList<>();
            path.add(start);
            nextChild.add(0);
            marks.put(start, Mark.VISITING);
            while (!path.isEmpty()) {
                int top = path.size() - 1;
                String node = path.get(top);
                List<String> children = consumes.getOrDefault(node, List.of());
                int index = nextChild.get(top);
                if (index == children.size()) {
                    marks.put(node, Mark.DONE);
                    path.remove(top);
                    nextChild.remove(top);
                    continue;
                }
                nextChild.set(top, index + 1);
                String child = children.get(index);
                Mark mark = marks.get(child);
                if (mark == Mark.VISITING) {
                    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
                    cycle.add(child);
                    cycles.add(cycle);
                } else if (mark == null && consumes.containsKey(child)) {
                    marks.put(child, Mark.VISITING);
                    path.add(child);
                    nextChild.add(0);
                }
            }
        }
        return cycles;
    }
}
