package io.polder.engine.duckdb.check;

import io.polder.engine.duckdb.DuckDbSession;
import io.polder.engine.duckdb.ParsedQuery;
import io.polder.engine.duckdb.RelationNamespace;
import io.polder.engine.duckdb.Sql;
import io.polder.engine.duckdb.SqlAnalyzer;
import io.polder.model.odcs.Comparison;
import io.polder.model.odcs.ComparisonOperator;
import io.polder.model.odcs.LibraryMetric;
import io.polder.model.odcs.QualityCheck;
import io.polder.model.odcs.QualityRule;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import io.polder.spi.ColumnInfo;
import io.polder.spi.check.CheckKind;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.Severity;
import io.polder.spi.exceptions.EngineException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Plans the checks of one table of a contract: schema conformance, {@code required}, {@code unique},
 * the primary key, every quality rule of the table and of its properties, and the SLA checks whose element
 * is one of its columns. A rule that cannot run (a missing column, no arguments, an unknown metric, SQL
 * that does not parse) is planned as an error of its own; the others still run.
 */
final class TablePlanner {
    private static final Comparison ZERO = new Comparison(ComparisonOperator.MUST_BE, 0L);
    private static final Map<String, LibraryMetric> FORMER_RULE_NAMES = Map.ofEntries(
            Map.entry("duplicateCount", LibraryMetric.DUPLICATE_VALUES),
            Map.entry("noDuplicateValues", LibraryMetric.DUPLICATE_VALUES),
            Map.entry("noDuplicates", LibraryMetric.DUPLICATE_VALUES),
            Map.entry("unique", LibraryMetric.DUPLICATE_VALUES),
            Map.entry("validValues", LibraryMetric.INVALID_VALUES),
            Map.entry("noInvalidValues", LibraryMetric.INVALID_VALUES),
            Map.entry("nullCheck", LibraryMetric.NULL_VALUES),
            Map.entry("notNull", LibraryMetric.NULL_VALUES),
            Map.entry("noNullValues", LibraryMetric.NULL_VALUES),
            Map.entry("noMissingValues", LibraryMetric.MISSING_VALUES));

    private final SchemaObject object;
    private final String table;
    private final Map<String, ColumnInfo> columns = new LinkedHashMap<>();
    private final TypeResolver types;
    private final DuckDbSession session;
    private final RelationNamespace namespace;
    private final RuleIds ids;
    private final TablePlan plan;
    private final ColumnStatistics statistics;

    TablePlanner(SchemaObject object, String table, List<ColumnInfo> actualColumns, TypeResolver types,
                 ColumnStatistics statistics, DuckDbSession session, RelationNamespace namespace, RuleIds ids) {
        this.statistics = statistics;
        this.object = object;
        this.table = table;
        actualColumns.forEach(column -> columns.put(column.name(), column));
        this.types = types;
        this.session = session;
        this.namespace = namespace;
        this.ids = ids;
        this.plan = new TablePlan(table, Sql.identifier(table));
    }

    static String columnName(SchemaProperty property) {
        return property.physicalName() != null ? property.physicalName() : property.name();
    }

    TablePlan plan(List<SlaCheck> slaChecks) {
        List<SchemaProperty> properties = object.properties() == null ? List.of() : object.properties();
        for (SchemaProperty property : properties) {
            planProperty(property);
        }
        planPrimaryKey(properties);
        List<QualityRule> rules = object.quality() == null ? List.of() : object.quality();
        for (QualityRule rule : rules) {
            planRule(rule, null);
        }
        slaChecks.forEach(sla -> sla.plan(plan, columns));
        return plan;
    }

    private void planProperty(SchemaProperty property) {
        String column = columnName(property);
        if (column == null) {
            return;
        }
        ColumnInfo actual = columns.get(column);
        plan.add(schemaCheck(property, column, actual));
        if (Boolean.TRUE.equals(property.required())) {
            RuleMeta meta = meta(null, "required", CheckKind.REQUIRED, column, "required", Severity.ERROR,
                    "rows", ZERO, column + " is required");
            plan.add(actual == null ? missingColumn(meta, column) : nulls(meta, column, false, "null values in a required column"));
        }
        if (Boolean.TRUE.equals(property.unique())) {
            RuleMeta meta = meta(null, "unique", CheckKind.UNIQUE, column, "unique", Severity.ERROR, "rows",
                    ZERO, column + " is unique");
            plan.add(actual == null ? missingColumn(meta, column) : duplicates(meta, List.of(column), false));
        }
        for (QualityRule rule : property.quality() == null ? List.<QualityRule>of() : property.quality()) {
            planRule(rule, property);
        }
    }

    private PlannedCheck schemaCheck(SchemaProperty property, String column, ColumnInfo actual) {
        RuleMeta meta = meta(null, "schema", CheckKind.SCHEMA, column, "schema", Severity.ERROR, null, null,
                column + " has a compatible type");
        if (actual == null) {
            return new PlannedCheck.Known(meta, CheckOutcome.FAILED, null, "column " + table + "." + column
                    + " is missing; the table has " + String.join(", ", columns.keySet()));
        }
        String verdict = SchemaConformance.verdict(property, actual.type(), types.resolve(property.physicalType()));
        boolean passed = verdict.startsWith(SchemaConformance.COMPATIBLE);
        return new PlannedCheck.Known(meta, passed ? CheckOutcome.PASSED : CheckOutcome.FAILED, actual.type(),
                table + "." + column + ": " + verdict);
    }

    private void planPrimaryKey(List<SchemaProperty> properties) {
        List<SchemaProperty> keys = properties.stream().filter(property -> Boolean.TRUE.equals(property.primaryKey()))
                .sorted(Comparator.comparingLong(property -> property.primaryKeyPosition() == null
                        || property.primaryKeyPosition() < 0 ? Long.MAX_VALUE : property.primaryKeyPosition()))
                .toList();
        if (keys.isEmpty()) {
            return;
        }
        List<String> keyColumns = keys.stream().map(TablePlanner::columnName).toList();
        RuleMeta meta = new RuleMeta(ids.id(null, table + ":primaryKey"), table + " primary key ("
                + String.join(", ", keyColumns) + ")", CheckKind.PRIMARY_KEY, table, null, "primaryKey",
                Severity.ERROR, "rows", ZERO);
        List<String> missing = keyColumns.stream().filter(column -> !columns.containsKey(column)).toList();
        if (!missing.isEmpty()) {
            plan.add(missingColumn(meta, String.join(", ", missing)));
            return;
        }
        String nullKey = Predicates.anyNull(keyColumns);
        plan.keySet(keyColumns);
        boolean noNulls = keyColumns.stream().allMatch(key -> statistics.nullCount(table, key).orElse(-1) == 0);
        plan.add(noNulls ? new PlannedCheck.Duplicates(meta, keyColumns, false, -1, 0L, nullKey)
                : new PlannedCheck.Duplicates(meta, keyColumns, false, plan.count(nullKey), null, nullKey));
    }

    private void planRule(QualityRule rule, SchemaProperty property) {
        String column = property == null ? null : columnName(property);
        CheckKind kind = kindOf(rule);
        String metric = rule.metric() != null ? rule.metric().value() : rule.rule();
        RuleMeta meta = meta(rule, metric != null ? metric : kind.value(), kind, column, metric,
                Severity.parse(rule.severity()), rule.unit(), rule.comparison(), null);
        try {
            switch (rule.check()) {
                case QualityCheck.Text text -> plan.add(new PlannedCheck.Known(meta, CheckOutcome.SKIPPED, null,
                        "text rule, recorded and not run" + (text.description() == null ? "" : ": " + text.description().strip())));
                case QualityCheck.Library library -> planLibrary(meta, rule, library, column);
                case QualityCheck.Sql sql -> planSql(meta, sql, column);
                case QualityCheck.Custom custom -> planCustom(meta, custom, column);
            }
        } catch (RuleException | EngineException e) {
            plan.add(new PlannedCheck.Known(meta, CheckOutcome.ERROR, null, e.getMessage()));
        }
    }

    private static CheckKind kindOf(QualityRule rule) {
        return switch (rule.check()) {
            case QualityCheck.Text ignored -> CheckKind.TEXT;
            case QualityCheck.Library ignored -> CheckKind.LIBRARY;
            case QualityCheck.Sql ignored -> CheckKind.SQL;
            case QualityCheck.Custom ignored -> CheckKind.CUSTOM;
        };
    }

    private void planLibrary(RuleMeta base, QualityRule rule, QualityCheck.Library library, String column) {
        LibraryMetric metric = library.metric() != null ? library.metric() : FORMER_RULE_NAMES.get(library.rule());
        if (metric == null) {
            throw new RuleException("unknown library rule `" + library.rule() + "`; the metrics are nullValues,"
                    + " missingValues, invalidValues, duplicateValues and rowCount");
        }
        Comparison threshold = library.comparison() != null ? library.comparison()
                : metric == LibraryMetric.ROW_COUNT ? new Comparison(ComparisonOperator.MUST_BE_GREATER_THAN, 0L) : ZERO;
        boolean percent = percent(rule.unit());
        RuleMeta meta = base.with(metric.value(), percent ? "percent" : "rows", threshold);
        Map<String, Object> arguments = library.arguments() == null ? Map.of() : library.arguments();
        if (metric == LibraryMetric.ROW_COUNT) {
            if (percent) {
                throw new RuleException("rowCount is counted in rows; unit percent does not apply");
            }
            plan.add(new PlannedCheck.Counted(meta, TablePlan.ROW_COUNT, null, null, false, "rows"));
            return;
        }
        if (metric == LibraryMetric.DUPLICATE_VALUES) {
            plan.add(duplicates(meta, keyColumns(column, arguments), percent));
            return;
        }
        if (column == null) {
            throw new RuleException(metric.value() + " applies to a property; put the rule under the property's `quality`");
        }
        ColumnInfo actual = columns.get(column);
        if (actual == null) {
            plan.add(missingColumn(meta, column));
            return;
        }
        if (metric == LibraryMetric.NULL_VALUES) {
            plan.add(nulls(meta, column, percent, "null values"));
            return;
        }
        String predicate = switch (metric) {
            case NULL_VALUES -> Predicates.isNull(column);
            case MISSING_VALUES -> Predicates.missing(column, actual.type(), list(arguments, "missingValues", nullList()));
            case INVALID_VALUES -> invalid(column, actual.type(), arguments);
            default -> throw new IllegalStateException("planned above: " + metric);
        };
        String phrase = switch (metric) {
            case NULL_VALUES -> "null values";
            case MISSING_VALUES -> "missing values";
            default -> "invalid values";
        };
        plan.add(new PlannedCheck.Counted(meta, plan.count(predicate), null, predicate, percent, phrase));
    }

    /** The nulls of a column: from the footers when they know, else counted in the scan. */
    private PlannedCheck nulls(RuleMeta meta, String column, boolean percent, String phrase) {
        String predicate = Predicates.isNull(column);
        java.util.OptionalLong known = statistics.nullCount(table, column);
        return known.isPresent() ? new PlannedCheck.Counted(meta, -1, known.getAsLong(), predicate, percent, phrase)
                : new PlannedCheck.Counted(meta, plan.count(predicate), null, predicate, percent, phrase);
    }

    private static List<Object> nullList() {
        List<Object> nulls = new ArrayList<>();
        nulls.add(null);
        return nulls;
    }

    private String invalid(String column, String type, Map<String, Object> arguments) {
        List<Object> validValues = list(arguments, "validValues", null);
        Object pattern = arguments.get("pattern");
        if (validValues == null && pattern == null) {
            throw new RuleException("invalidValues needs `arguments` with validValues or a pattern");
        }
        if (pattern != null && !(pattern instanceof String)) {
            throw new RuleException("the `pattern` argument must be a string (a regular expression)");
        }
        return Predicates.invalid(column, type, validValues, (String) pattern);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> arguments, String key, List<Object> fallback) {
        Object value = arguments.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new RuleException("the `" + key + "` argument must be a list");
    }

    private List<String> keyColumns(String column, Map<String, Object> arguments) {
        if (column != null) {
            return List.of(column);
        }
        List<Object> properties = list(arguments, "properties", null);
        if (properties == null || properties.isEmpty()) {
            throw new RuleException("duplicateValues on a table needs `arguments.properties`: the columns that"
                    + " together must be unique");
        }
        List<String> keys = new ArrayList<>();
        for (Object property : properties) {
            keys.add(columnOf(String.valueOf(property)));
        }
        return keys;
    }

    /** The column of a property named in an argument (its name, or its physical name). */
    private String columnOf(String propertyName) {
        for (SchemaProperty property : object.properties() == null ? List.<SchemaProperty>of() : object.properties()) {
            if (propertyName.equals(property.name()) || propertyName.equals(property.physicalName())) {
                return columnName(property);
            }
        }
        return propertyName;
    }

    private PlannedCheck duplicates(RuleMeta meta, List<String> keyColumns, boolean percent) {
        List<String> missing = keyColumns.stream().filter(key -> !columns.containsKey(key)).toList();
        if (!missing.isEmpty()) {
            return missingColumn(meta, String.join(", ", missing));
        }
        plan.keySet(keyColumns);
        return new PlannedCheck.Duplicates(meta, keyColumns, percent, -1, null, null);
    }

    private void planSql(RuleMeta meta, QualityCheck.Sql sql, String column) {
        if (sql.query() == null || sql.query().isBlank()) {
            throw new RuleException("a sql rule needs a `query`");
        }
        if (sql.comparison() == null) {
            throw new RuleException("a sql rule needs an operator (mustBe, mustBeLessThan, ...) to compare its result");
        }
        plan.add(new PlannedCheck.Query(meta, checkedSql(sql.query(), column, meta)));
    }

    private void planCustom(RuleMeta meta, QualityCheck.Custom custom, String column) {
        String engine = custom.engine() == null ? "" : custom.engine().toLowerCase(Locale.ROOT);
        if (!engine.equals("duckdb") && !engine.equals("polder")) {
            plan.add(new PlannedCheck.Known(meta, CheckOutcome.SKIPPED, null, "custom rule for engine `" + custom.engine()
                    + "`, which Polder does not run (it runs custom rules of engine duckdb or polder)"));
            return;
        }
        if (custom.implementation() instanceof String query) {
            plan.add(new PlannedCheck.Rows(meta.withThreshold(ZERO), checkedSql(query, column, meta)));
            return;
        }
        if (custom.implementation() instanceof Map<?, ?> map && map.get("query") instanceof String query) {
            Comparison comparison = comparisonIn(map);
            String checked = checkedSql(query, column, meta);
            plan.add(comparison == null ? new PlannedCheck.Rows(meta.withThreshold(ZERO), checked)
                    : new PlannedCheck.Query(meta.withThreshold(comparison), checked));
            return;
        }
        throw new RuleException("a custom rule of engine " + custom.engine() + " needs an `implementation`: a SELECT of"
                + " the offending rows, or an object with a `query` and an operator");
    }

    private static Comparison comparisonIn(Map<?, ?> implementation) {
        for (ComparisonOperator operator : ComparisonOperator.values()) {
            if (implementation.containsKey(operator.value())) {
                return new Comparison(operator, implementation.get(operator.value()));
            }
        }
        return null;
    }

    /** Fills in {object} and {property}, then refuses SQL that reads anything but the port's tables. */
    private String checkedSql(String query, String column, RuleMeta meta) {
        String sql = query.replace("{object}", Sql.identifier(table)).replace("{table}", Sql.identifier(table));
        if (sql.contains("{property}") || sql.contains("{column}")) {
            if (column == null) {
                throw new RuleException("the query uses {property}, but the rule is on a table, not a property");
            }
            sql = sql.replace("{property}", Sql.identifier(column)).replace("{column}", Sql.identifier(column));
        }
        String where = "rule " + meta.ruleId();
        ParsedQuery parsed = SqlAnalyzer.parse(session, sql, where);
        namespace.check(parsed, sql, where);
        return withoutTrailingSemicolons(sql);
    }

    /** A query is run inside other SQL (a count, a sample), where a trailing semicolon would end it early. */
    static String withoutTrailingSemicolons(String sql) {
        String stripped = sql.strip();
        while (stripped.endsWith(";")) {
            stripped = stripped.substring(0, stripped.length() - 1).strip();
        }
        return stripped;
    }

    private PlannedCheck missingColumn(RuleMeta meta, String column) {
        return new PlannedCheck.Known(meta, CheckOutcome.ERROR, null, "column " + column + " is not in table " + table
                + "; the table has " + String.join(", ", columns.keySet()));
    }

    private static boolean percent(String unit) {
        if (unit == null) {
            return false;
        }
        return switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "rows", "row", "count" -> false;
            case "percent", "%", "pct" -> true;
            default -> throw new RuleException("unknown unit `" + unit + "`; library metrics count in rows or percent");
        };
    }

    /**
     * The meta of a check: {@code rule} is the contract's rule, or null for a check the schema implies (then
     * {@code generatedSuffix} and {@code label} name it).
     */
    private RuleMeta meta(QualityRule rule, String generatedSuffix, CheckKind kind, String column, String metric,
                          Severity severity, String unit, Comparison threshold, String label) {
        String subject = column == null ? table : table + "." + column;
        String id = ids.id(rule == null ? null : rule.id(), subject + ":" + generatedSuffix);
        String name = rule != null && rule.name() != null ? rule.name() : label != null ? table + "." + label
                : subject + " " + (metric != null ? metric : kind.value())
                + (threshold == null ? "" : " " + Expectation.describe(threshold));
        return new RuleMeta(id, name, kind, table, column, metric, severity, unit, threshold);
    }

    /** A rule that cannot be planned: it becomes an error result of its own. */
    static final class RuleException extends RuntimeException {
        RuleException(String message) {
            super(message);
        }
    }

    Set<String> columnNames() {
        return columns.keySet();
    }
}
