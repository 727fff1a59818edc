package io.polder.engine.duckdb;

import io.polder.model.odcs.SchemaObject;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.exceptions.BuildDefinitionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders a product's build: every relation the build makes (one per build file, plus one per contract table
 * that a source of the same name provides as is), each after the relations it reads, with every reference
 * checked against the build's {@link RelationNamespace}. Each contract table of each output port must be made.
 */
final class BuildPlanner {
    /**
     * A relation the build makes, as a view over its SQL.
     *
     * @param fromFile whether {@code sql} is a build file's text as written (so DuckDB's line numbers are the file's)
     */
    record Relation(String name, String sql, String where, boolean fromFile) {
    }

    private BuildPlanner() {
    }

    static List<Relation> plan(DuckDbSession session, List<BuildFile> files, List<OutputPortDefinition> ports,
                               RelationNamespace namespace, Set<String> sourceNames) {
        Map<String, Relation> relations = new LinkedHashMap<>();
        for (BuildFile file : files) {
            if (relations.putIfAbsent(file.name(), new Relation(file.name(), file.sql(), file.displayPath(), true)) != null) {
                throw new BuildDefinitionException(file.displayPath() + ": two build files make relation " + file.name());
            }
        }
        for (OutputPortDefinition port : ports) {
            for (SchemaObject object : port.tables()) {
                String table = OutputPortDefinition.tableName(object);
                if (relations.containsKey(table)) {
                    continue;
                }
                if (!sourceNames.contains(table)) {
                    throw new BuildDefinitionException("output port " + port.port().name() + " needs table " + table
                            + " (contract " + port.contract().id() + "): add build/" + table + ".sql, or a source called "
                            + table + " in polder.yaml");
                }
                relations.put(table, new Relation(table, "SELECT * FROM " + Sql.qualified(RelationNamespace.SOURCE_SCHEMA,
                        table), "source " + table, false));
            }
        }
        relations.keySet().forEach(namespace::addLocal);
        Map<String, Set<String>> reads = new LinkedHashMap<>();
        for (Relation relation : relations.values()) {
            ParsedQuery parsed = SqlAnalyzer.parse(session, relation.sql(), relation.where());
            reads.put(relation.name(), namespace.check(parsed, relation.sql(), relation.where()));
        }
        return order(relations, reads);
    }

    private static List<Relation> order(Map<String, Relation> relations, Map<String, Set<String>> reads) {
        List<Relation> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : relations.keySet()) {
            visit(name, relations, reads, done, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(String name, Map<String, Relation> relations, Map<String, Set<String>> reads,
                              Set<String> done, Set<String> visiting, List<Relation> ordered) {
        if (done.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            List<String> cycle = new ArrayList<>(visiting);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            throw new BuildDefinitionException(relations.get(name).where() + ": build files read each other in a cycle: "
                    + String.join(" -> ", cycle) + " -> " + name + (cycle.size() == 1
                    ? " (to read an input or source of the same name, qualify it: \"PORT\".table or source.table)" : ""));
        }
        for (String read : reads.get(name)) {
            visit(read, relations, reads, done, visiting, ordered);
        }
        visiting.remove(name);
        done.add(name);
        ordered.add(relations.get(name));
    }
}
