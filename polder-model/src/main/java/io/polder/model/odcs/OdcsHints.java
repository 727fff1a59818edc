package io.polder.model.odcs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Near-misses seen in real contracts, by where they appear: spellings of ODCS v2, of the Data Contract
 * Specification (DCS) and of JSON Schema, with what ODCS v3 writes instead. They complement the general
 * {@link io.polder.model.bind.Hints} (which covers isNullable, isUnique, columns, models, ...).
 */
final class OdcsHints {
    static final Map<String, String> CONTRACT = Map.ofEntries(
            Map.entry("dataContractSpecification", "this is a Data Contract Specification (DCS) document, not "
                    + "ODCS: run `polder convert --to odcs-v3.1.0`"),
            Map.entry("info", "`info` is DCS syntax: ODCS writes name, version, status and description at the top level"),
            Map.entry("terms", "`terms` is DCS syntax: ODCS uses description.usage and description.limitations"),
            Map.entry("definitions", "`definitions` is DCS syntax: ODCS describes each property where it is used"),
            Map.entry("links", "ODCS lists links as `authoritativeDefinitions`"),
            Map.entry("owner", "ODCS names the owner in `team`"),
            Map.entry("stakeholders", "ODCS v3 calls the stakeholders `team`"),
            Map.entry("productDl", "ODCS v3 lists contact channels under `support`"),
            Map.entry("productSlackChannel", "ODCS v3 lists contact channels under `support`"),
            Map.entry("productFeedbackUrl", "ODCS v3 lists contact channels under `support`"),
            Map.entry("slaDefaultColumn", "ODCS v3 calls this `slaDefaultElement`"),
            Map.entry("servicelevels", "`servicelevels` is DCS syntax; ODCS uses `slaProperties`"),
            Map.entry("server", "ODCS v3 lists data sources under `servers`"),
            Map.entry("sourceSystem", "ODCS v3 describes data sources under `servers`"),
            Map.entry("sourcePlatform", "ODCS v3 describes data sources under `servers`"),
            Map.entry("database", "ODCS v3 describes data sources under `servers`"),
            Map.entry("project", "ODCS v3 describes data sources under `servers`"),
            Map.entry("driver", "ODCS v3 describes data sources under `servers`"),
            Map.entry("type", "ODCS v3 has no contract type: each schema object has a physicalType (table, view, ...)"));

    static final Map<String, String> SCHEMA_OBJECT = Map.ofEntries(
            Map.entry("type", "ODCS calls this `physicalType` (table, view, topic, file, ...)"),
            Map.entry("fields", "`fields` is DCS syntax; ODCS calls them `properties`"),
            Map.entry("primaryKey", "ODCS marks each key property with primaryKey: true (and primaryKeyPosition)"),
            Map.entry("dataGranularity", "ODCS v3 calls this `dataGranularityDescription`"),
            Map.entry("title", "ODCS calls this `businessName`"));

    static final Map<String, String> PROPERTY = propertyHints();

    static final Map<String, String> QUALITY_RULE = Map.ofEntries(
            Map.entry("toolName", "ODCS v3 calls the tool `engine` (with type: custom)"),
            Map.entry("toolRuleName", "ODCS v3 puts the tool's rule in `implementation` (with type: custom)"),
            Map.entry("templateName", "ODCS v3 names library checks with `metric`"),
            Map.entry("code", "ODCS v3 puts executable checks in `query` (type: sql) or `implementation` (type: custom)"),
            Map.entry("scheduleCronExpression", "ODCS v3 writes `schedule` with `scheduler: cron`"),
            Map.entry("column", "a rule applies to the property it is declared on: move it under that property's `quality`"),
            Map.entry("columns", "a rule applies to the object or property it is declared on; for duplicates over "
                    + "several properties use metric: duplicateValues with arguments.properties"),
            Map.entry("threshold", "ODCS compares with an operator: mustBe, mustBeLessThan, mustBeBetween, ..."),
            Map.entry("mustBeGreaterOrEqualThan", "did you mean `mustBeGreaterOrEqualTo`?"),
            Map.entry("mustBeLessOrEqualThan", "did you mean `mustBeLessOrEqualTo`?"));

    private OdcsHints() {
    }

    private static Map<String, String> propertyHints() {
        Map<String, String> hints = new LinkedHashMap<>();
        hints.put("type", "ODCS calls the type `logicalType` (string, date, timestamp, time, number, integer, "
                + "object, array, boolean), with the source's own type in `physicalType`");
        hints.put("nullable", "ODCS says `required` (inverted: nullable: true is required: false)");
        hints.put("primary", "ODCS calls this `primaryKey`");
        hints.put("references", "ODCS v3.1 writes foreign keys as `relationships` (to: table.column)");
        hints.put("pii", "ODCS marks sensitive data with `classification` (or a customProperty)");
        hints.put("enum", "ODCS has no enum: use a quality rule with metric: invalidValues and arguments.validValues");
        hints.put("precision", "write precision and scale in `physicalType`, e.g. DECIMAL(10,2)");
        hints.put("scale", "write precision and scale in `physicalType`, e.g. DECIMAL(10,2)");
        hints.put("title", "ODCS calls this `businessName`");
        hints.put("partitionStatus", "ODCS v3 calls this `partitioned`");
        hints.put("clusterStatus", "ODCS v3 has no clustering fields; use customProperties");
        hints.put("clusterKeyPosition", "ODCS v3 has no clustering fields; use customProperties");
        hints.put("encryptedColumnName", "ODCS v3 calls this `encryptedName`");
        hints.put("transformSourceTables", "ODCS v3 calls this `transformSourceObjects`");
        hints.put("sampleValues", "ODCS v3 calls this `examples`");
        hints.put("criticalDataElementStatus", "ODCS v3 calls this `criticalDataElement`");
        for (String option : List.of("minLength", "maxLength", "pattern", "format", "minimum", "maximum",
                "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "uniqueItems",
                "minProperties", "maxProperties", "timezone", "defaultTimezone")) {
            hints.put(option, "in ODCS `" + option + "` goes inside `logicalTypeOptions`");
        }
        return Map.copyOf(hints);
    }
}
