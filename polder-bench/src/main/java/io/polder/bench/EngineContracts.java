package io.polder.bench;

/**
 * The contracts of the engine benchmark's port: the 20 columns with their types, and either no rules (for
 * the build) or 30 checks that read data (for the contract run): a row count, 11 required columns, 6 null
 * counts, 9 invalid-value rules (lists and patterns), 3 missing-value rules. Every check passes on the
 * benchmark's data, so no time goes to sampling failed rows.
 */
final class EngineContracts {
    /** The columns, as ODCS properties: {@code %s} stands for each property's rules. */
    private static final String[][] COLUMNS = {
            {"id", "integer", "bigint"}, {"code", "string", "varchar"}, {"customer_id", "integer", "bigint"},
            {"channel", "string", "varchar"}, {"country", "string", "varchar"}, {"amount", "number", "decimal(12,2)"},
            {"tax", "number", "decimal(12,2)"}, {"score", "number", "double"}, {"order_date", "date", "date"},
            {"updated_at", "timestamp", "timestamp"}, {"note", "string", "varchar"}, {"quantity", "integer", "integer"},
            {"flag", "boolean", "boolean"}, {"email", "string", "varchar"}, {"status", "string", "varchar"},
            {"ref", "integer", "bigint"}, {"days", "integer", "integer"}, {"sku", "string", "varchar"},
            {"pct", "number", "double"}, {"maybe", "integer", "bigint"}};

    private EngineContracts() {
    }

    /** Columns and types only: what a build is checked against when only writing is measured. */
    static String schemaOnly() {
        return contract(new String[COLUMNS.length], "");
    }

    /** The 30 checks; with {@code uniqueKey}, id is also declared unique (a 31st check, one more query). */
    static String thirtyChecks(boolean uniqueKey) {
        return checks(uniqueKey, true);
    }

    /** The 27 checks that are not patterns: what the three regular expressions cost shows in the difference. */
    static String withoutPatterns() {
        return checks(false, false);
    }

    private static String checks(boolean uniqueKey, boolean patterns) {
        String[] rules = new String[COLUMNS.length];
        for (String required : new String[] {"id", "code", "customer_id", "channel", "country", "amount", "tax",
                "order_date", "updated_at", "status", "sku"}) {
            rules[index(required)] = "required: true\n";
        }
        rules[index("id")] += uniqueKey ? "unique: true\n" : "";
        add(rules, "score", "{metric: nullValues, mustBe: 0}");
        add(rules, "note", "{metric: nullValues, unit: percent, mustBeLessThan: 20}");
        add(rules, "maybe", "{metric: nullValues, unit: percent, mustBeLessThan: 10}");
        add(rules, "pct", "{metric: nullValues, mustBe: 0}");
        add(rules, "days", "{metric: nullValues, mustBe: 0}");
        add(rules, "quantity", "{metric: nullValues, mustBe: 0}");
        add(rules, "channel", "{metric: invalidValues, arguments: {validValues: [web, store, phone]}, mustBe: 0}");
        add(rules, "country", "{metric: invalidValues, arguments: {validValues: [NL, BE, DE, FR, SE]}, mustBe: 0}");
        add(rules, "status", "{metric: invalidValues, arguments: {validValues: [a, b, c, d]}, mustBe: 0}");
        add(rules, "flag", "{metric: invalidValues, arguments: {validValues: [true, false]}, mustBe: 0}");
        add(rules, "days", "{metric: invalidValues, arguments: {validValues: " + range(0, 364) + "}, mustBe: 0}");
        add(rules, "quantity", "{metric: invalidValues, arguments: {validValues: " + range(1, 50) + "}, mustBe: 0}");
        if (patterns) {
            add(rules, "sku", "{metric: invalidValues, arguments: {pattern: '^SKU-[0-9]{7}$'}, mustBe: 0}");
            add(rules, "code", "{metric: invalidValues, arguments: {pattern: '^ORD-[0-9]{9}$'}, mustBe: 0}");
            add(rules, "email", "{metric: invalidValues, arguments: {pattern: '@example[.]com$'}, mustBe: 0}");
        }
        add(rules, "note", "{metric: missingValues, arguments: {missingValues: [null, '', N/A]}, unit: percent, mustBeLessThan: 20}");
        add(rules, "email", "{metric: missingValues, arguments: {missingValues: ['', n/a]}, mustBe: 0}");
        add(rules, "customer_id", "{metric: missingValues, arguments: {missingValues: [0]}, mustBeLessThan: 100000}");
        return contract(rules, "    quality:\n      - {metric: rowCount, mustBeGreaterThan: 0}\n");
    }

    private static void add(String[] rules, String column, String rule) {
        int at = index(column);
        String existing = rules[at] == null ? "" : rules[at];
        if (!existing.contains("quality:")) {
            existing += "quality:\n";
        }
        rules[at] = existing + "  - " + rule + "\n";
    }

    private static String range(int from, int to) {
        StringBuilder list = new StringBuilder("[");
        for (int i = from; i <= to; i++) {
            list.append(i == from ? "" : ", ").append(i);
        }
        return list.append(']').toString();
    }

    private static int index(String column) {
        for (int i = 0; i < COLUMNS.length; i++) {
            if (COLUMNS[i][0].equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(column);
    }

    private static String contract(String[] rules, String tableRules) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: v3.1.0
                kind: DataContract
                id: bench-orders-orders
                version: 1.0.0
                status: active
                schema:
                  - name: orders
                    properties:
                """);
        for (int i = 0; i < COLUMNS.length; i++) {
            yaml.append("      - name: ").append(COLUMNS[i][0]).append('\n')
                    .append("        logicalType: ").append(COLUMNS[i][1]).append('\n')
                    .append("        physicalType: '").append(COLUMNS[i][2]).append("'\n");
            if (rules[i] != null) {
                rules[i].lines().forEach(line -> yaml.append("        ").append(line).append('\n'));
            }
        }
        return yaml + tableRules;
    }

    /** The product: one output port, built from the Parquet source {@code big}. */
    static String product() {
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: bench-orders
                version: 1.0.0
                status: active
                outputPorts:
                  - name: orders
                    version: 1.0.0
                    contractId: bench-orders-orders
                """;
    }
}
