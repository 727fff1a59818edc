package io.polder.server.api;

import io.polder.gateway.RowFilter;
import io.polder.gateway.RowFilterChecker;
import java.util.List;

/**
 * The gateway's row-filter check as approvals use it: its DuckDB connection is opened at the first approval with a
 * row filter (most server starts never need it) and closed with the server.
 */
public final class RowFilterChecks implements AutoCloseable {
    private RowFilterChecker checker;
    private boolean closed;

    /**
     * Checks {@code filter} for a relation with {@code columns}; see {@link RowFilterChecker#check}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public synchronized void check(RowFilter filter, List<String> columns, String what) {
        if (closed) {
            throw new IllegalStateException("the server is stopping");
        }
        if (checker == null) {
            checker = RowFilterChecker.open();
        }
        checker.check(filter, columns, what);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (checker != null) {
            checker.close();
            checker = null;
        }
    }
}
