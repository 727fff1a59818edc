package io.polder.spi.settings;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A table or a query of a database reached with JDBC (a PostgreSQL table, for instance). Exactly one of
 * {@code table} and {@code query} is set.
 *
 * @param passwordSecret the name of the secret holding the password (see {@link io.polder.spi.SecretResolver}),
 *                       or null when the URL or the database needs none
 */
public record JdbcSource(String name, String description, String url, String table, String query, String user,
                         String passwordSecret, List<SourceColumn> columns) implements SourceDefinition {
    public JdbcSource {
        requireNonNull(name, "name is null");
        requireNonNull(url, "url is null");
        if ((table == null) == (query == null)) {
            throw new IllegalArgumentException("a JDBC source has either a table or a query");
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.JDBC;
    }
}
