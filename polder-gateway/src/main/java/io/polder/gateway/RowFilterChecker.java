package io.polder.gateway;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Checks a grant's row filter where no query runs: when a port's owner approves a request with a filter. The
 * check is the one every query makes before it uses the filter ({@link QueryGateway#checkRowFilter}): DuckDB's
 * parse tree of the filter inside {@code SELECT * FROM relation WHERE (...)}, columns of the relation, literals,
 * operators and plain functions only. It uses one in-memory DuckDB connection of its own that reads no file,
 * reaches no network and loads no extension; checks are serialised on it.
 */
public final class RowFilterChecker implements AutoCloseable {
    private final Connection parser;
    private final RowFilterCheck check;

    private RowFilterChecker(Connection parser, RowFilterCheck check) {
        this.parser = parser;
        this.check = check;
    }

    /** Opens the checker's DuckDB connection and reads the functions a filter may call from its catalog. */
    public static RowFilterChecker open() {
        try {
            Connection parser = DriverManager.getConnection("jdbc:duckdb:", QueryGateway.lockedProperties());
            try {
                FunctionCatalog functions = FunctionCatalog.read(parser);
                try (java.sql.Statement statement = parser.createStatement()) {
                    statement.execute("SET enable_external_access = false");
                    statement.execute("SET lock_configuration = true");
                }
                return new RowFilterChecker(parser, new RowFilterCheck(functions));
            } catch (SQLException | RuntimeException e) {
                parser.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the row filter check: " + e.getMessage(), e);
        }
    }

    /**
     * Checks {@code filter} for a relation with {@code columns}.
     *
     * @param what how messages name the filter, such as {@code the row filter for "sales-orders/orders".orders}
     * @throws IllegalArgumentException naming what is wrong
     */
    public synchronized void check(RowFilter filter, List<String> columns, String what) {
        requireNonNull(filter, "filter is null");
        requireNonNull(columns, "columns is null");
        try {
            JsonNode tree = QueryGateway.parseWith(parser, RowFilterCheck.probe(filter));
            check.check(tree, columns, what);
        } catch (Refusal refusal) {
            throw new IllegalArgumentException(what + ": " + refusal.getMessage(), refusal);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            parser.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the row filter check: " + e.getMessage(), e);
        }
    }
}
