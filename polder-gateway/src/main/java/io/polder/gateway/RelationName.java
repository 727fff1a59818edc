package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import io.polder.engine.duckdb.CteScopes;
import io.polder.engine.duckdb.Sql;
import io.polder.spi.PortRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name under which a table of an output port is queried: {@code "PRODUCT/PORT".TABLE} for the port's
 * current major version, {@code "PRODUCT/PORT/vMAJOR".TABLE} for any major version. The schema part is the
 * port's address, the very text a consumer requests access with ({@code polder access request PRODUCT/PORT});
 * the table part is the table's name in the port's contract. So the name is a pure function of registry
 * facts (product id, port name, major version, contract table) and two different tables never share one.
 *
 * <p>Names compare as DuckDB compares identifiers: ignoring the case of ASCII letters only. Any other
 * character must match exactly, so a look-alike letter from another script names another relation.
 */
public record RelationName(String schema, String table) {
    private static final Pattern ADDRESS = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9._-]{0,127})/([A-Za-z0-9][A-Za-z0-9._-]{0,127})(?:/v(\\d{1,6}))?");

    public RelationName {
        requireNonNull(schema, "schema is null");
        requireNonNull(table, "table is null");
        if (schema.isEmpty() || table.isEmpty()) {
            throw new IllegalArgumentException("a relation name has a schema and a table");
        }
    }

    /** {@code "PRODUCT/PORT".TABLE}: the table at the port's current major version. */
    public static RelationName current(PortRef port, String table) {
        return new RelationName(port.productId() + "/" + port.portName(), table);
    }

    /** {@code "PRODUCT/PORT/vMAJOR".TABLE}: the table at one major version of the port. */
    public static RelationName versioned(PortRef port, String table) {
        return new RelationName(port.toString(), table);
    }

    /**
     * The names of a table of {@code port}: always the versioned one, and the unversioned one too when
     * {@code port} is at the port's current major version.
     */
    public static java.util.List<RelationName> of(PortRef port, String table, boolean currentMajor) {
        return currentMajor ? java.util.List.of(current(port, table), versioned(port, table))
                : java.util.List.of(versioned(port, table));
    }

    /** The name as SQL: both parts quoted. */
    public String sql() {
        return Sql.identifier(schema) + "." + Sql.identifier(table);
    }

    /** What two names that DuckDB would resolve to the same relation have in common. */
    public String key() {
        return asciiLower(schema) + '\u0000' + asciiLower(table);
    }

    /**
     * The port this name addresses, {@code PRODUCT/PORT} (with {@code /vMAJOR} when written), when the schema
     * part has that form; empty otherwise (a name that cannot be any port's).
     */
    public Optional<String> portAddress() {
        Matcher matcher = ADDRESS.matcher(schema);
        return matcher.matches() ? Optional.of(matcher.group(1) + "/" + matcher.group(2)) : Optional.empty();
    }

    /** DuckDB's own case folding: A-Z only. */
    public static String asciiLower(String text) {
        return CteScopes.asciiLower(text);
    }

    @Override
    public String toString() {
        return sql();
    }
}
