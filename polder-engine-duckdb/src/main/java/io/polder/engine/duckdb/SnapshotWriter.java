package io.polder.engine.duckdb;

import io.polder.engine.duckdb.check.TypeResolver;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import io.polder.spi.ColumnInfo;
import io.polder.spi.PortRef;
import io.polder.spi.TableInfo;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.exceptions.BuildDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one contract table of a candidate snapshot as Parquet. The port publishes what its contract
 * declares: the columns of the contract, in its order, each cast to its physicalType when the build's type is
 * of a family that casts without changing meaning (a SUM's DECIMAL(38,2) to DECIMAL(12,2)); columns the
 * contract does not declare are not published, and a warning says so. A column that is missing, or of a type
 * that does not cast, is written as built and fails the schema check.
 */
final class SnapshotWriter {
    private final DuckDbSession session;
    private final TypeResolver types;
    private final PortRef port;

    SnapshotWriter(DuckDbSession session, TypeResolver types, PortRef port) {
        this.session = session;
        this.types = types;
        this.port = port;
    }

    TableInfo write(SchemaObject object, String relation, Path file, String where, List<String> warnings) {
        String table = OutputPortDefinition.tableName(object);
        Map<String, ColumnInfo> built = new LinkedHashMap<>();
        session.describe(Sql.identifier(relation), where).forEach(column -> built.put(column.name(), column));
        List<String> projection = projection(object, built);
        if (projection.isEmpty()) {
            throw new BuildDefinitionException(where + ": makes none of the columns of table " + table
                    + " that the contract declares; it makes " + String.join(", ", built.keySet()));
        }
        Set<String> undeclared = new TreeSet<>(built.keySet());
        properties(object).forEach(property -> undeclared.remove(columnName(property)));
        if (!undeclared.isEmpty()) {
            warnings.add(where + ": makes column" + (undeclared.size() > 1 ? "s " : " ") + String.join(", ", undeclared)
                    + ", which the contract of table " + table + " does not declare; not published");
        }
        String select = "SELECT " + String.join(", ", projection) + " FROM " + Sql.identifier(relation);
        List<ColumnInfo> columns = session.describe("(" + select + ")", where);
        long rows = session.execute("COPY (" + select + ") TO " + Sql.literal(file) + " (FORMAT parquet)",
                "writing table " + table + " of " + port + " (" + where + ")");
        return new TableInfo(table, rows, size(file), columns);
    }

    private List<String> projection(SchemaObject object, Map<String, ColumnInfo> built) {
        List<String> projection = new ArrayList<>();
        for (SchemaProperty property : properties(object)) {
            String column = columnName(property);
            ColumnInfo actual = column == null ? null : built.get(column);
            if (actual == null) {
                continue;
            }
            String declared = types.resolve(property.physicalType());
            boolean cast = declared != null && !declared.equalsIgnoreCase(actual.type())
                    && TypeFamily.of(actual.type()).castsTo(TypeFamily.of(declared));
            projection.add(cast ? "CAST(" + Sql.identifier(column) + " AS " + declared + ") AS " + Sql.identifier(column)
                    : Sql.identifier(column));
        }
        return projection;
    }

    private static List<SchemaProperty> properties(SchemaObject object) {
        return object.properties() == null ? List.of() : object.properties();
    }

    private static String columnName(SchemaProperty property) {
        return property.physicalName() != null ? property.physicalName() : property.name();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw Warehouse.storageError("measuring " + file, e);
        }
    }
}
