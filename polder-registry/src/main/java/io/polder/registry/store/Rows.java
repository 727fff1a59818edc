package io.polder.registry.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reading the store's column conventions: times are epoch milliseconds, possibly null. */
public final class Rows {
    private Rows() {
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
