package io.polder.engine.duckdb;

import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import io.polder.spi.ColumnInfo;
import io.polder.spi.PortRef;
import io.polder.spi.TableInfo;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.lineage.Facets;
import io.polder.spi.lineage.LineageEvents;
import io.polder.spi.lineage.RunEvent;
import io.polder.spi.settings.FileSource;
import io.polder.spi.settings.JdbcSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The datasets of a build's lineage: each table of an output port or of an input port is a dataset named
 * {@code PRODUCT.PORT.vMAJOR.TABLE} in the warehouse's namespace, versioned by its snapshot id; a file
 * source is a {@code file} dataset named by its path; a JDBC source is named after its database and table.
 */
final class BuildLineage {
    private final LineageEvents events;
    private final String namespace;

    BuildLineage(LineageEvents events, String namespace) {
        this.events = events;
        this.namespace = namespace;
    }

    static String datasetName(PortRef port, String table) {
        return port.productId() + "." + port.portName() + ".v" + port.majorVersion() + "." + table;
    }

    /** The tables a port will have, with the contract's columns (for START). */
    List<RunEvent.Dataset> declared(OutputPortDefinition port) {
        List<RunEvent.Dataset> datasets = new ArrayList<>();
        for (SchemaObject object : port.tables()) {
            List<Facets.Field> fields = new ArrayList<>();
            for (SchemaProperty property : object.properties() == null ? List.<SchemaProperty>of() : object.properties()) {
                String type = property.physicalType() != null ? property.physicalType()
                        : property.logicalType() == null ? null : property.logicalType().value();
                fields.add(new Facets.Field(property.physicalName() != null ? property.physicalName() : property.name(),
                        type, null));
            }
            datasets.add(events.dataset(namespace, datasetName(port.ref(), OutputPortDefinition.tableName(object)),
                    fields, null, null, null, null));
        }
        return datasets;
    }

    /** The tables a port's snapshot has, as written (for COMPLETE and FAIL). */
    List<RunEvent.Dataset> written(PortRef port, String snapshot, List<TableInfo> tables) {
        return tables.stream().map(table -> events.dataset(namespace, datasetName(port, table.name()),
                fields(table.columns()), snapshot, null, table.rows(), table.bytes())).toList();
    }

    /** The tables of an input port's snapshot. */
    List<RunEvent.Dataset> input(ResolvedInput input) {
        PortRef port = input.binding().upstream();
        return input.manifest().tables().stream().map(table -> events.dataset(namespace, datasetName(port, table.name()),
                fields(table.columns()), input.snapshot().value(), null, null, null)).toList();
    }

    RunEvent.Dataset source(ResolvedSource source, List<ColumnInfo> columns) {
        List<Facets.Field> fields = columns == null ? null : fields(columns);
        return switch (source.definition()) {
            case FileSource file -> {
                String name = source.files().size() == 1 ? source.files().getFirst().toString()
                        : source.files().getFirst().getParent() + "/" + file.path().substring(file.path().lastIndexOf('/') + 1);
                yield events.dataset("file", name, fields, null, "file://" + name, null, null);
            }
            case JdbcSource jdbc -> {
                String url = JdbcSourceLoader.redact(jdbc.url());
                String name = jdbc.table() != null ? jdbc.table() : jdbc.name();
                yield events.dataset(jdbcNamespace(url), name, fields, null, url, null, null);
            }
        };
    }

    /** {@code jdbc:postgresql://host:5432/db} becomes {@code postgres://host:5432}, as OpenLineage names PostgreSQL. */
    static String jdbcNamespace(String url) {
        String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
        int scheme = rest.indexOf("://");
        if (scheme < 0) {
            return rest;
        }
        String kind = rest.substring(0, scheme).replace("postgresql", "postgres");
        String authority = rest.substring(scheme + 3);
        int end = authority.indexOf('/');
        return kind + "://" + (end < 0 ? authority : authority.substring(0, end));
    }

    private static List<Facets.Field> fields(List<ColumnInfo> columns) {
        return columns.stream().map(column -> new Facets.Field(column.name(), column.type(), null)).toList();
    }

    static String sql(List<io.polder.spi.build.BuildFile> files) {
        StringBuilder text = new StringBuilder();
        files.forEach(file -> text.append("-- ").append(file.displayPath()).append('\n').append(file.sql().strip()).append("\n\n"));
        return text.toString().strip();
    }
}
