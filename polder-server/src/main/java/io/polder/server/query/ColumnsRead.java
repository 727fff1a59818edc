package io.polder.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.gateway.GrantedColumn;
import io.polder.gateway.GrantedRelation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which columns of a relation a query read, for the usage log: the relation's columns the query names anywhere
 * (select list, WHERE, JOIN, GROUP BY, ...), or all of them when it selects {@code *}. Read from DuckDB's parse
 * tree, like the gateway's own checks, off the request thread. A column name two relations share counts for
 * both (the log errs towards reporting a column as read).
 */
final class ColumnsRead implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ColumnsRead.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Opened at the first query to parse, off the server's start (loading DuckDB takes a few hundred ms). */
    private Connection parser;
    private boolean openFailed;
    private boolean closed;

    private static Connection open() {
        try {
            Properties properties = new Properties();
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "false");
            properties.setProperty("threads", "1");
            Connection connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET enable_external_access = false");
                statement.execute("SET lock_configuration = true");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB to read queries' columns: " + e.getMessage(), e);
        }
    }

    /** The columns of {@code relation} that a query naming {@code names} reads, in the relation's order. */
    List<String> of(GrantedRelation relation, Names names) {
        return relation.columns().stream().map(GrantedColumn::name)
                .filter(column -> names.star() || names.columns().contains(column.toLowerCase(Locale.ROOT))).toList();
    }

    /** The column names a query mentions, lower case, and whether it selects a star. */
    record Names(Set<String> columns, boolean star) {
    }

    /**
     * Parses {@code sql}; a query that does not parse names no column. When DuckDB cannot be opened, every column
     * counts as read (the log errs towards reporting a column as read), and the failure is logged once.
     */
    synchronized Names names(String sql) {
        if (closed) {
            return new Names(Set.of(), false); // as a closed connection would answer: nothing parses any more
        }
        if (parser == null) {
            if (openFailed) {
                return new Names(Set.of(), true);
            }
            try {
                parser = open();
            } catch (IllegalStateException e) {
                openFailed = true;
                LOG.error("the usage log counts every column of a relation as read: {}", e.getMessage());
                return new Names(Set.of(), true);
            }
        }
        JsonNode tree;
        try (PreparedStatement statement = parser.prepareStatement("SELECT json_serialize_sql(?)")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                tree = JSON.readTree(result.getString(1));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Names(Set.of(), false);
        }
        Set<String> columns = new HashSet<>();
        boolean star = false;
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(tree);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject()) {
                String kind = node.path("class").asText("");
                if (kind.equals("COLUMN_REF") && node.path("column_names").isArray() && !node.path("column_names").isEmpty()) {
                    JsonNode parts = node.path("column_names");
                    columns.add(parts.get(parts.size() - 1).asText().toLowerCase(Locale.ROOT));
                } else if (kind.equals("STAR")) {
                    star = true;
                }
            }
            node.forEach(pending::push);
        }
        return new Names(Set.copyOf(columns), star);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (parser == null) {
            return;
        }
        try {
            parser.close();
        } catch (SQLException ignored) {
            // an in-memory database: closing frees its memory, nothing to recover
        }
    }
}
