package io.polder.engine.duckdb;

import io.polder.spi.ColumnInfo;
import io.polder.spi.Progress;
import io.polder.spi.ProgressListener;
import io.polder.spi.Stage;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.exceptions.EngineException;
import io.polder.spi.exceptions.SourceDataException;
import io.polder.spi.exceptions.SourceUnavailableException;
import io.polder.spi.settings.FileSource;
import io.polder.spi.settings.JdbcSource;
import io.polder.spi.settings.SourceColumn;
import io.polder.spi.settings.SourceFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sets up a build's session: a schema per input port with a view per table of its published snapshot, the
 * schema {@code source} with the declared sources, unqualified names where they are not ambiguous, then the
 * lock-down (read the inputs' and sources' files only, write the candidates' folders only), then one view per
 * relation the build makes.
 */
final class BuildSession {
    private final DuckDbSession session;
    private final DuckDbEngine engine;
    private final String runId;
    private final ProgressListener progress;
    private final RelationNamespace namespace = new RelationNamespace("a build");
    private final Set<String> sourceNames = new HashSet<>();

    BuildSession(DuckDbSession session, DuckDbEngine engine, String runId, ProgressListener progress) {
        this.session = session;
        this.engine = engine;
        this.runId = runId;
        this.progress = progress;
    }

    /** Attaches the inputs' published snapshots and the sources; answers the files the build may read. */
    List<Path> attach(List<ResolvedInput> inputs, List<ResolvedSource> sources, Map<String, List<ColumnInfo>> sourceColumns) {
        List<Path> readable = new ArrayList<>();
        for (ResolvedInput input : inputs) {
            readable.addAll(attachInput(input));
        }
        session.execute("CREATE SCHEMA " + Sql.identifier(RelationNamespace.SOURCE_SCHEMA), "creating schema source");
        for (ResolvedSource source : sources) {
            sourceColumns.put(source.name(), attachSource(source));
            readable.addAll(source.files());
            sourceNames.add(source.name());
            namespace.addSchemaTable(RelationNamespace.SOURCE_SCHEMA, source.name());
        }
        return readable;
    }

    /** Checks and orders the build files, then locks the session down; answers the relations to create. */
    List<BuildPlanner.Relation> plan(List<BuildFile> files, List<OutputPortDefinition> ports, Collection<Path> readable,
                                     Collection<Path> writable) {
        List<BuildPlanner.Relation> relations = BuildPlanner.plan(session, files, ports, namespace, sourceNames);
        namespace.unqualifiedAliases().forEach((name, schema) -> session.execute("CREATE VIEW main." + Sql.identifier(name)
                + " AS SELECT * FROM " + Sql.qualified(schema, name), "naming " + name));
        session.lockDown(readable, writable);
        return relations;
    }

    private List<Path> attachInput(ResolvedInput input) {
        String schema = input.binding().inputPort();
        if (schema.equals(RelationNamespace.SOURCE_SCHEMA) || schema.equals("main")) {
            throw new BuildDefinitionException("an input port cannot be called `" + schema + "`: the name is reserved");
        }
        session.execute("CREATE SCHEMA " + Sql.identifier(schema), "attaching input port " + schema);
        List<Path> files = new ArrayList<>();
        input.tables().forEach((table, file) -> {
            session.execute("CREATE VIEW " + Sql.qualified(schema, table) + " AS SELECT * FROM read_parquet("
                    + Sql.literal(file) + ")", "attaching " + schema + "." + table);
            namespace.addSchemaTable(schema, table);
            files.add(file);
        });
        return files;
    }

    private List<ColumnInfo> attachSource(ResolvedSource source) {
        String view = Sql.qualified(RelationNamespace.SOURCE_SCHEMA, source.name());
        try {
            if (source.definition() instanceof JdbcSource jdbc) {
                long rows = new JdbcSourceLoader(session, engine.context().secrets(), progress, runId)
                        .load(jdbc, RelationNamespace.SOURCE_SCHEMA);
                progress.progress(new Progress(runId, Stage.LOAD_SOURCES, source.name(), rows, null,
                        "loaded source " + source.name()));
                return session.describe(view, "reading source " + source.name());
            }
            FileSource file = (FileSource) source.definition();
            List<ColumnInfo> found = file.format() == SourceFormat.CSV
                    ? UnevenCsvRows.sniff(session, file, source.files(),
                            file.columns().stream().map(SourceColumn::name).toList(), "reading source " + source.name())
                    : session.describe("(SELECT * FROM " + SourceFiles.reader(file, source.files(), false) + ")",
                            "reading source " + source.name());
            checkColumns(file, source.files(), found);
            session.execute("CREATE VIEW " + view + " AS SELECT * FROM " + SourceFiles.reader(file, source.files(), true),
                    "reading source " + source.name());
            return session.describe(view, "reading source " + source.name());
        } catch (SourceDataException | SourceUnavailableException e) {
            throw e;
        } catch (EngineException e) {
            throw new SourceDataException("source " + source.name() + " (" + source.description() + "): "
                    + e.getMessage(), e);
        }
    }

    /** The declared columns must be there: in order for CSV (read by position), by name otherwise. */
    private void checkColumns(FileSource source, List<Path> files, List<ColumnInfo> actual) {
        List<SourceColumn> declared = source.columns();
        if (declared.isEmpty()) {
            return;
        }
        List<String> names = names(actual);
        Map<String, String> types = new LinkedHashMap<>();
        actual.forEach(column -> types.put(column.name(), column.type()));
        if (source.format() == SourceFormat.CSV) {
            List<String> expected = declared.stream().map(SourceColumn::name).toList();
            if (!expected.equals(names)) {
                throw new SourceDataException("source " + source.name() + ": the columns of " + files.stream()
                        .map(Path::toString).collect(Collectors.joining(", ")) + " are " + String.join(", ", names)
                        + (UnevenCsvRows.headerMisread(source, names) ? " (DuckDB cannot make out the header row)" : "")
                        + "; polder.yaml declares " + String.join(", ", expected));
            }
            return;
        }
        DuckDbTypes resolver = engine.types(session);
        for (SourceColumn column : declared) {
            String type = types.get(column.name());
            if (type == null) {
                throw new SourceDataException("source " + source.name() + ": column " + column.name()
                        + " is missing; the source has " + String.join(", ", names));
            }
            String expected = resolver.resolve(column.type());
            if (expected != null && !TypeFamily.of(type).castsTo(TypeFamily.of(expected))) {
                throw new SourceDataException("source " + source.name() + ": column " + column.name() + " is " + type
                        + ", but polder.yaml declares " + column.type());
            }
        }
    }

    private static List<String> names(List<ColumnInfo> columns) {
        return columns.stream().map(ColumnInfo::name).toList();
    }

    void createRelations(List<BuildPlanner.Relation> relations) {
        for (BuildPlanner.Relation relation : relations) {
            String create = "CREATE VIEW main." + Sql.identifier(relation.name()) + " AS " + relation.sql();
            if (relation.fromFile()) {
                session.executeFileSql(create, relation.where());
            } else {
                session.execute(create, relation.where());
            }
        }
    }
}
