package io.polder.engine.duckdb.check;

import java.sql.SQLException;

/** DuckDB's reason for a failed check query, on one line, without the query excerpt DuckDB appends. */
final class CheckErrors {
    private CheckErrors() {
    }

    static String message(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        int excerpt = message.indexOf("\n\nLINE ");
        String first = excerpt > 0 ? message.substring(0, excerpt) : message;
        return first.replaceAll("\\s*\\n\\s*", " ").strip();
    }
}
