package io.polder.flight;

import static java.util.Objects.requireNonNull;

import io.polder.error.PolderException;
import io.polder.gateway.RelationName;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The catalog calls, answered from the relations the caller may query: no catalogs (relation names have
 * none), one schema per granted port address ({@code sales-orders/orders}, {@code sales-orders/orders/v1}),
 * each granted relation as a {@code TABLE}; with its columns when asked, as the gateway describes
 * {@code SELECT * FROM} it (masked columns keep their published type, or VARCHAR where the mask makes text).
 */
final class CatalogStreams<P> {
    static final String TABLE_TYPE = "TABLE";

    private final FlightQueries<P> queries;
    private final BufferAllocator allocator;

    CatalogStreams(FlightQueries<P> queries, BufferAllocator allocator) {
        this.queries = requireNonNull(queries, "queries is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    void catalogs(ServerStreamListener listener) {
        empty(Schemas.GET_CATALOGS_SCHEMA, listener);
    }

    void tableTypes(ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TABLE_TYPES_SCHEMA, allocator)) {
            text(root, "table_type", 0, TABLE_TYPE);
            send(root, 1, listener);
        }
    }

    void schemas(P principal, CommandGetDbSchemas command, ServerStreamListener listener) {
        boolean noCatalog = !command.hasCatalog() || command.getCatalog().isEmpty();
        Pattern schemaPattern = like(command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null);
        TreeSet<String> schemas = new TreeSet<>();
        if (noCatalog) {
            for (RelationName relation : relations(principal)) {
                if (schemaPattern.matcher(relation.schema()).matches()) {
                    schemas.add(relation.schema());
                }
            }
        }
        try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_SCHEMAS_SCHEMA, allocator)) {
            int row = 0;
            for (String schema : schemas) {
                text(root, "catalog_name", row, null);
                text(root, "db_schema_name", row++, schema);
            }
            send(root, row, listener);
        }
    }

    void tables(P principal, CommandGetTables command, ServerStreamListener listener) {
        boolean noCatalog = !command.hasCatalog() || command.getCatalog().isEmpty();
        boolean tableType = command.getTableTypesCount() == 0 || command.getTableTypesList().stream()
                .anyMatch(TABLE_TYPE::equalsIgnoreCase);
        Pattern schemaPattern = like(command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null);
        Pattern tablePattern = like(command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null);
        List<RelationName> relations = !noCatalog || !tableType ? List.of() : relations(principal).stream()
                .filter(relation -> schemaPattern.matcher(relation.schema()).matches()
                        && tablePattern.matcher(relation.table()).matches())
                .sorted(Comparator.comparing(RelationName::schema).thenComparing(RelationName::table)).toList();
        Schema schema = command.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            int row = 0;
            for (RelationName relation : relations) {
                byte[] columns = null;
                if (command.getIncludeSchema()) {
                    try {
                        columns = ArrowColumns.schema(queries.describe(principal, "SELECT * FROM " + relation.sql()))
                                .serializeAsMessage();
                    } catch (PolderException e) {
                        continue; // the grant lapsed since it was listed, or its snapshot cannot be read: not listed
                    }
                    ((VarBinaryVector) root.getVector("table_schema")).setSafe(row, columns);
                }
                text(root, "catalog_name", row, null);
                text(root, "db_schema_name", row, relation.schema());
                text(root, "table_name", row, relation.table());
                text(root, "table_type", row, TABLE_TYPE);
                row++;
            }
            send(root, row, listener);
        }
    }

    void empty(Schema schema, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            send(root, 0, listener);
        }
    }

    private List<RelationName> relations(P principal) {
        try {
            return queries.relations(principal);
        } catch (RuntimeException e) {
            throw FlightErrors.of(e);
        }
    }

    private static void text(VectorSchemaRoot root, String column, int row, String value) {
        VarCharVector vector = (VarCharVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(VectorSchemaRoot root, int rows, ServerStreamListener listener) {
        root.setRowCount(rows);
        listener.start(root);
        listener.putNext();
        listener.completed();
    }

    /** A Flight SQL filter pattern ({@code %} any text, {@code _} one character, {@code \} escapes) as a regex. */
    static Pattern like(String pattern) {
        if (pattern == null) {
            return Pattern.compile(".*", Pattern.DOTALL);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
