package io.polder.server.query;

import static java.util.Objects.requireNonNull;

import io.polder.gateway.ColumnMask;
import io.polder.gateway.GrantedRelation;
import io.polder.gateway.QueryDecision;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.store.Database;
import io.polder.registry.usage.QueryUsage;
import io.polder.registry.usage.UsageOutcome;
import io.polder.registry.usage.UsageService;
import io.polder.spi.PortRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every query's decision to the audit log and its usage to the usage log, in one transaction, on a
 * thread of its own: a query does not wait for the registry's disk. The queue is bounded; when it is full the
 * query's own thread writes (slower, nothing lost). Closing drains the queue.
 *
 * <p>The audit event: action {@code query-data}, target {@code port/PRODUCT/PORT/vMAJOR} (several joined by
 * commas; {@code query} when none was read), outcome succeeded, denied (403) or failed, and details
 * {@code sqlSha256}, {@code relations} (each with its snapshot and grant), {@code masks} and {@code rowFilters}
 * that applied, {@code rows}, and {@code code} and {@code reason} of a refusal.
 */
final class QueryRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryRecorder.class);
    private static final int QUEUE = 10_000;

    private final Database database;
    private final AuditLog audit;
    private final UsageService usage;
    private final ColumnsRead columns = new ColumnsRead();
    private final ThreadPoolExecutor writer;

    QueryRecorder(Database database, AuditLog audit, UsageService usage) {
        this.database = requireNonNull(database, "database is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("polder-query-recorder").daemon().factory(),
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Queues {@code record} to be written. */
    void record(QueryRecord record) {
        if (writer.isShutdown()) {
            write(record);
            return;
        }
        writer.execute(() -> write(record));
    }

    /** Waits until everything queued before this call is written (for tests and shutdown). */
    void awaitWritten(long timeoutMillis) {
        try {
            writer.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("queries' audit and usage records not written within {} ms: {}", timeoutMillis, e.toString());
        }
    }

    private void write(QueryRecord record) {
        try {
            List<QueryUsage.PortRead> ports = ports(record);
            QueryDecision decision = record.decision();
            AuditOutcome outcome = decision.allowed() ? AuditOutcome.SUCCEEDED
                    : record.code() == io.polder.error.ErrorCode.FORBIDDEN ? AuditOutcome.DENIED : AuditOutcome.FAILED;
            String target = ports.isEmpty() ? "query" : ports.stream()
                    .map(port -> "port/" + port.product() + "/" + port.port()
                            + (port.majorVersion() == null ? "" : "/v" + port.majorVersion()))
                    .distinct().collect(Collectors.joining(","));
            Map<String, String> details = details(record);
            database.writeVoid(handle -> {
                if (record.usage()) {
                    QueryUsage recorded = usage.record(handle, new QueryUsage(null, decision.at(), record.principal().name(),
                            record.principal().role().value(), decision.allowed() ? UsageOutcome.SUCCEEDED
                            : UsageOutcome.ofRefusal(record.code()), record.code() == null ? null : record.code().name(),
                            decision.allowed() ? null : decision.reason(), decision.sqlSha256(), record.rows(),
                            record.truncated(), record.durationMs(), ports));
                    details.put("usageId", recorded.id());
                }
                audit.record(handle, record.principal(), Action.QUERY_DATA, target.length() <= 2000 ? target
                        : target.substring(0, 2000), outcome, details);
            });
        } catch (RuntimeException e) {
            LOG.error("could not record a query of {} in the audit and usage logs", record.principal().name(), e);
        }
    }

    private List<QueryUsage.PortRead> ports(QueryRecord record) {
        List<QueryUsage.PortRead> ports = new ArrayList<>();
        ColumnsRead.Names names = record.decision().relations().isEmpty() ? null : columns.names(record.sql());
        for (QueryDecision.RelationUse use : record.decision().relations()) {
            PortRef port = PortRef.parse(use.port());
            GrantedRelation relation = record.relations().get(use.relation());
            List<String> read = relation == null ? List.of() : columns.of(relation, names);
            ports.add(new QueryUsage.PortRead(port.productId(), port.portName(), port.majorVersion(), use.relation(),
                    use.snapshot(), use.grant().isEmpty() ? null : use.grant(), read));
        }
        if (ports.isEmpty() && record.details().get("port") instanceof String address && address.contains("/")) {
            String[] parts = address.split("/");
            Object relation = record.details().getOrDefault("relation", address);
            ports.add(new QueryUsage.PortRead(parts[0], parts[1], null, relation.toString(), null, null, List.of()));
        }
        return ports;
    }

    private static Map<String, String> details(QueryRecord record) {
        QueryDecision decision = record.decision();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("sqlSha256", decision.sqlSha256());
        if (!decision.relations().isEmpty()) {
            details.put("relations", decision.relations().stream().map(use -> use.relation() + " @" + use.snapshot()
                    + (use.grant().isEmpty() ? "" : " grant " + use.grant())).collect(Collectors.joining("; ")));
            String masks = decision.relations().stream().filter(use -> !use.masks().isEmpty())
                    .map(use -> use.relation() + ": " + masks(use.masks())).collect(Collectors.joining("; "));
            if (!masks.isEmpty()) {
                details.put("masks", masks);
            }
            String filters = decision.relations().stream().filter(use -> !use.rowFilter().isEmpty())
                    .map(use -> use.relation() + ": " + use.rowFilter()).collect(Collectors.joining("; "));
            if (!filters.isEmpty()) {
                details.put("rowFilters", filters);
            }
        }
        if (decision.allowed()) {
            details.put("rows", Long.toString(record.rows()));
            if (record.truncated()) {
                details.put("truncated", "true");
            }
        } else {
            details.put("code", record.code() == null ? "INTERNAL" : record.code().name());
            details.put("reason", decision.reason());
        }
        if (!record.usage()) {
            details.put("describe", "true");
        }
        return details;
    }

    private static String masks(Map<String, ColumnMask> masks) {
        return new TreeSet<>(masks.keySet()).stream().map(column -> column + "=" + masks.get(column))
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("some queries' audit and usage records were not written before shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        columns.close();
    }
}
