package io.polder.server.api;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.RelationName;
import io.polder.gateway.RowFilter;
import io.polder.gateway.RowFilterChecker;
import io.polder.model.odcs.SchemaObject;
import io.polder.registry.access.OutputPort;
import io.polder.spi.PortRef;
import io.polder.web.RowFilterCheck;
import java.util.List;
import java.util.Map;

/**
 * The gateway's row-filter check as approvals use it: its DuckDB connection is opened at the first approval with a
 * row filter (most server starts never need it) and closed with the server.
 */
public final class RowFilterChecks implements RowFilterCheck, AutoCloseable {
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

    /**
     * Checks an approval's {@code sql} against every table of {@code port}: the gateway applies a grant's row
     * filter to each of them.
     *
     * @throws PolderException INVALID_ARGUMENT (field {@code rowFilter}) naming what is wrong
     */
    @Override
    public void check(OutputPort port, String sql) {
        PortRef ref = PortRef.of(port.product(), port.port(), port.version());
        for (SchemaObject table : port.tables()) {
            String name = RelationName.current(ref, OutputPort.tableName(table)).sql();
            try {
                check(new RowFilter(sql), OutputPort.columnsOf(table), "the row filter for " + name);
            } catch (IllegalArgumentException e) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, e.getMessage()
                        + (port.tables().size() > 1 ? " (a grant's row filter applies to every table of the port)" : ""),
                        Map.of("field", "rowFilter"), null);
            }
        }
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
