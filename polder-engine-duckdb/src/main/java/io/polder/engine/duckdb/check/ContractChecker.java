package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.DuckDbSession;
import io.polder.engine.duckdb.RelationNamespace;
import io.polder.engine.duckdb.Sql;
import io.polder.model.odcs.Comparison;
import io.polder.model.odcs.ComparisonOperator;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import io.polder.model.odcs.SlaProperty;
import io.polder.spi.ColumnInfo;
import io.polder.spi.PortRef;
import io.polder.spi.Progress;
import io.polder.spi.Stage;
import io.polder.spi.build.OutputPortDefinition;
import io.polder.spi.check.CheckKind;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.Severity;
import io.polder.spi.exceptions.BuildInterruptedException;
import io.polder.spi.exceptions.EngineException;
import io.polder.spi.exceptions.ResourceLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs an ODCS v3 contract against the tables of a snapshot, which the session shows as views named after
 * the contract's tables. Per table: schema conformance, required, unique, primary key, every quality rule,
 * and the latency and retention SLAs measured on its columns, in as few queries as {@link TableChecker}
 * manages; then samples of the failing rows, without personal or restricted columns.
 */
public final class ContractChecker {
    private final DuckDbSession session;
    private final CheckContext context;
    private final TypeResolver types;
    private final ColumnStatistics statistics;

    public ContractChecker(DuckDbSession session, CheckContext context, TypeResolver types, ColumnStatistics statistics) {
        this.session = session;
        this.context = context;
        this.types = types;
        this.statistics = statistics;
    }

    public CheckRun run(PortRef port, DataContract contract) {
        long started = System.nanoTime();
        int queriesBefore = session.queryCount();
        RuleIds ids = new RuleIds();
        List<SchemaObject> objects = contract.schema() == null ? List.of() : contract.schema();
        RelationNamespace namespace = new RelationNamespace("a quality rule");
        objects.forEach(object -> namespace.addLocal(OutputPortDefinition.tableName(object)));
        List<CheckResult> results = new ArrayList<>();
        Map<String, List<SlaCheck>> slaByTable = planSla(contract, objects, ids, results);
        Samples samples = new Samples(session, context.sampleRows());
        for (SchemaObject object : objects) {
            results.addAll(checkTable(object, slaByTable.getOrDefault(OutputPortDefinition.tableName(object), List.of()),
                    namespace, ids, samples));
        }
        return new CheckRun(context.runId(), port, context.snapshot(), contract.id(), contract.version(), context.now(),
                Duration.ofNanos(System.nanoTime() - started), session.queryCount() - queriesBefore, results);
    }

    private List<CheckResult> checkTable(SchemaObject object, List<SlaCheck> sla, RelationNamespace namespace,
                                         RuleIds ids, Samples samples) {
        String table = OutputPortDefinition.tableName(object);
        List<ColumnInfo> columns;
        try {
            columns = session.describe(Sql.identifier(table), "reading the columns of " + table);
        } catch (ResourceLimitException | BuildInterruptedException e) {
            throw e;
        } catch (EngineException e) {
            return List.of(new CheckResult(ids.id(null, table + ":schema"), table + " is present", CheckKind.SCHEMA,
                    table, null, "schema", Severity.ERROR, CheckOutcome.FAILED, null, null, null,
                    "table " + table + " is not in the snapshot", null));
        }
        TablePlan plan = new TablePlanner(object, table, columns, types, statistics, session, namespace, ids).plan(sla);
        report(table, "planned the checks of " + table + " (" + columns.size() + " columns)");
        List<CheckResult> results = new TableChecker(session, context).check(plan);
        return samples.add(plan, results, columns.stream().map(ColumnInfo::name).toList(), protectedColumns(object));
    }

    private void report(String table, String message) {
        try {
            context.progress().progress(new Progress(context.runId(), Stage.CHECK, table, -1, context.snapshot(), message));
        } catch (RuntimeException ignored) {
            // a progress display must not fail a contract run
        }
    }

    /** Columns classified personal or restricted: never sampled. */
    static Set<String> protectedColumns(SchemaObject object) {
        Set<String> columns = new HashSet<>();
        for (SchemaProperty property : object.properties() == null ? List.<SchemaProperty>of() : object.properties()) {
            String classification = property.classification() == null ? ""
                    : property.classification().trim().toLowerCase(Locale.ROOT);
            if (classification.equals("personal") || classification.equals("restricted")) {
                columns.add(TablePlanner.columnName(property));
            }
        }
        return columns;
    }

    /** The SLA checks by table; those that need no table (or cannot run) go straight into {@code results}. */
    private Map<String, List<SlaCheck>> planSla(DataContract contract, List<SchemaObject> objects, RuleIds ids,
                                                List<CheckResult> results) {
        Map<String, List<SlaCheck>> byTable = new LinkedHashMap<>();
        for (SlaProperty sla : contract.slaProperties() == null ? List.<SlaProperty>of() : contract.slaProperties()) {
            boolean latency = SlaRules.isLatency(sla.property());
            if (!latency && !SlaRules.isRetention(sla.property())) {
                continue; // frequency, availability, ...: promises about the platform, not about the data
            }
            Severity severity = "regulatory".equalsIgnoreCase(sla.driver()) ? Severity.ERROR : Severity.WARNING;
            String metric = latency ? "latency" : "retention";
            SlaRules.Amount amount = SlaRules.amount(sla.value(), sla.unit());
            List<SlaRules.Element> elements = SlaRules.elements(sla.element());
            RuleMeta base = new RuleMeta(ids.id(sla.id() == null ? null : "sla:" + sla.id(), "sla:" + metric), "SLA "
                    + metric + " " + sla.value() + (sla.unit() == null ? "" : " " + sla.unit()), CheckKind.SLA, null, null,
                    metric, severity, sla.unit(), null);
            if (amount == null) {
                results.add(base.result(CheckOutcome.ERROR, null, "cannot read the SLA's value " + sla.value() + " "
                        + sla.unit() + " as an amount of time (units: s, min, h, d, w, mo, y)"));
            } else if (elements.isEmpty()) {
                results.add(withoutElement(base, amount, latency));
            } else {
                for (SlaRules.Element element : elements) {
                    addElement(byTable, base, element, objects, amount, latency, results);
                }
            }
        }
        return byTable;
    }

    private void addElement(Map<String, List<SlaCheck>> byTable, RuleMeta base, SlaRules.Element element,
                            List<SchemaObject> objects, SlaRules.Amount amount, boolean latency, List<CheckResult> results) {
        String table = element.table() != null ? element.table()
                : objects.size() == 1 ? OutputPortDefinition.tableName(objects.getFirst()) : null;
        Map<String, SchemaObject> byName = new HashMap<>();
        objects.forEach(object -> {
            byName.put(object.name(), object);
            byName.put(OutputPortDefinition.tableName(object), object);
        });
        if (table == null || !byName.containsKey(table)) {
            results.add(base.result(CheckOutcome.ERROR, null, "the SLA's element `" + (element.table() == null ? ""
                    : element.table() + ".") + element.column() + "` names no table of the contract"
                    + (table == null ? " (with several tables, write table.column)" : "")));
            return;
        }
        String stored = OutputPortDefinition.tableName(byName.get(table));
        RuleMeta meta = new RuleMeta(base.ruleId(), base.name(), base.kind(), stored, element.column(), base.metric(),
                base.severity(), base.unit(), null);
        byTable.computeIfAbsent(stored, key -> new ArrayList<>())
                .add(new SlaCheck(meta, element.column(), amount, context.now(), latency));
    }

    /**
     * Latency without an element has nothing to measure. Retention without an element is about how long
     * snapshots are kept: the port's retention policy must delete them within the promised time.
     */
    private CheckResult withoutElement(RuleMeta meta, SlaRules.Amount amount, boolean latency) {
        if (latency) {
            return meta.result(CheckOutcome.SKIPPED, null, "latency without an `element`: there is no column to measure");
        }
        Duration promised = amount.duration();
        Duration kept = context.retention().maxAge();
        RuleMeta withThreshold = meta.withThreshold(new Comparison(ComparisonOperator.MUST_BE_LESS_OR_EQUAL_TO,
                amount.value()));
        if (kept == null) {
            return withThreshold.result(CheckOutcome.FAILED, null, "the contract keeps data " + amount + ", but the"
                    + " port's retention policy keeps snapshots without an age limit (set retention.maxAge in polder.yaml)");
        }
        boolean passes = kept.compareTo(promised) <= 0;
        return withThreshold.result(passes ? CheckOutcome.PASSED : CheckOutcome.FAILED, amount.measure(kept),
                "the port's retention policy deletes snapshots after " + kept.toDays() + " days; the contract keeps data "
                        + amount);
    }
}
