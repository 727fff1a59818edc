package io.polder.engine.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.spi.RetentionPolicy;
import io.polder.spi.check.CheckKind;
import io.polder.spi.check.CheckOutcome;
import io.polder.spi.check.CheckResult;
import io.polder.spi.check.CheckRun;
import io.polder.spi.check.Severity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ODCS v3.1 checks on DuckDB: every library metric with every operator, rows and percent, sql, custom
 * and text rules, schema conformance, keys, SLAs, severities; NaN, infinities and all-null columns; broken
 * rules failing alone; and how few queries a run needs.
 */
class ContractChecksTest {
    /** Ten rows: code has A×3, B×2, C, '', 'N/A', X and one null; score has NaN and both infinities. */
    private static final String ROWS = """
            SELECT * FROM (VALUES
              (1, 'A', 1.0::DOUBLE, 10.00::DECIMAL(10,2), TIMESTAMPTZ '2025-06-15 11:30:00+00', 'ann@x.com'),
              (2, 'B', 2.0, 20.00, TIMESTAMPTZ '2025-06-14 10:00:00+00', 'bob@x.com'),
              (3, 'A', 'NaN', 30.00, TIMESTAMPTZ '2025-06-13 10:00:00+00', 'cy@x.com'),
              (4, 'C', 'Infinity', 40.00, TIMESTAMPTZ '2025-01-01 10:00:00+00', 'dee@x.com'),
              (5, NULL, '-Infinity', 50.00, TIMESTAMPTZ '2024-01-01 10:00:00+00', 'eve@x.com'),
              (6, '', NULL, 60.00, TIMESTAMPTZ '2023-01-01 10:00:00+00', 'fay@x.com'),
              (7, 'N/A', 3.0, 70.00, TIMESTAMPTZ '2025-06-10 10:00:00+00', 'gus@x.com'),
              (8, 'X', 4.0, 80.00, TIMESTAMPTZ '2025-06-10 10:00:00+00', 'hal@x.com'),
              (9, 'B', 5.0, 90.00, TIMESTAMPTZ '2025-06-10 10:00:00+00', 'ivy@x.com'),
              (10, 'A', 6.0, 100.00, TIMESTAMPTZ '2025-06-10 10:00:00+00', 'jon@x.com')
            ) AS v(id, code, score, amount, created, email)
            """;

    @TempDir
    Path directory;
    private CheckHarness harness;

    @BeforeEach
    void createTables() {
        harness = new CheckHarness(directory).table("t", ROWS)
                .table("empty_column", "SELECT range AS id, CAST(NULL AS VARCHAR) AS nothing FROM range(4)")
                .lockDown();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    /** A contract with table {@code t} whose property {@code code} carries {@code rule}. */
    private static String onCode(String rule) {
        return contract("""
                    properties:
                      - name: id
                        logicalType: integer
                      - name: code
                        logicalType: string
                        quality:
                          - id: rule
                %s
                """.formatted(indent(rule, 12)));
    }

    private static String contract(String objectBody) {
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: checks
                version: 1.0.0
                status: active
                schema:
                  - name: t
                %s""".formatted(objectBody);
    }

    private static String indent(String text, int spaces) {
        return text.strip().lines().map(line -> " ".repeat(spaces) + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private CheckResult rule(String contract) {
        return harness.run(contract).result("rule").orElseThrow();
    }

    @ParameterizedTest(name = "nullValues = 1 {0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "mustBe|1|passed", "mustBe|0|failed", "mustNotBe|1|failed", "mustNotBe|0|passed",
            "mustBeGreaterThan|0|passed", "mustBeGreaterThan|1|failed",
            "mustBeGreaterOrEqualTo|1|passed", "mustBeGreaterOrEqualTo|2|failed",
            "mustBeLessThan|2|passed", "mustBeLessThan|1|failed",
            "mustBeLessOrEqualTo|1|passed", "mustBeLessOrEqualTo|0|failed",
            "mustBeBetween|[0, 1]|passed", "mustBeBetween|[1, 3]|passed", "mustBeBetween|[2, 5]|failed",
            "mustNotBeBetween|[0, 1]|failed", "mustNotBeBetween|[2, 5]|passed"})
    void everyOperator(String operator, String operand, String outcome) {
        CheckResult result = rule(onCode("metric: nullValues\n" + operator + ": " + operand));

        assertThat(result.value()).isEqualTo(1L);
        assertThat(result.outcome().value()).isEqualTo(outcome);
        assertThat(result.threshold().operator().value()).isEqualTo(operator);
    }

    @Test
    void countsInPercentWhenAsked() {
        CheckResult result = rule(onCode("metric: nullValues\nunit: percent\nmustBeLessThan: 10"));

        assertThat(result.value()).isEqualTo(new BigDecimal("10"));
        assertThat(result.unit()).isEqualTo("percent");
        assertThat(result.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(rule(onCode("metric: nullValues\nunit: percent\nmustBeLessOrEqualTo: 10")).outcome())
                .isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void missingValuesCountTheListedValuesAndNull() {
        assertThat(rule(onCode("metric: missingValues\narguments:\n  missingValues: [null, '', 'N/A']\nmustBe: 3")).outcome())
                .isEqualTo(CheckOutcome.PASSED);
        assertThat(rule(onCode("metric: missingValues\narguments:\n  missingValues: ['N/A']\nmustBe: 1")).outcome())
                .isEqualTo(CheckOutcome.PASSED);
        assertThat(rule(onCode("metric: missingValues\nunit: percent\nmustBe: 10")).outcome())
                .as("without arguments, null is what is missing").isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void missingTextValuesOnANumericColumnCountNothingRatherThanFail() {
        CheckResult result = harness.run(contract("""
                    properties:
                      - name: score
                        quality:
                          - id: rule
                            metric: missingValues
                            arguments:
                              missingValues: ['', 'N/A', -1]
                            mustBe: 0
                """)).result("rule").orElseThrow();

        assertThat(result.outcome()).isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void invalidValuesByListByPatternAndByBoth() {
        assertThat(rule(onCode("metric: invalidValues\narguments:\n  validValues: [A, B, C]\nmustBe: 3")).outcome())
                .isEqualTo(CheckOutcome.PASSED);
        assertThat(rule(onCode("metric: invalidValues\narguments:\n  pattern: '^[A-C]$'\nmustBe: 3")).outcome())
                .isEqualTo(CheckOutcome.PASSED);
        assertThat(rule(onCode("metric: invalidValues\narguments:\n  validValues: [A, B, X]\n  pattern: '^[AB]$'\nmustBe: 4")).value())
                .as("valid means in the list and matching the pattern").isEqualTo(4L);
        CheckResult noArguments = rule(onCode("metric: invalidValues\nmustBe: 0"));
        assertThat(noArguments.outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(noArguments.message()).contains("validValues or a pattern");
    }

    @Test
    void anInvalidRegexFailsAloneWithDuckDbsReason() {
        CheckRun run = harness.run(contract("""
                    properties:
                      - name: code
                        quality:
                          - id: broken
                            metric: invalidValues
                            arguments:
                              pattern: '([A-C'
                            mustBe: 0
                          - id: fine
                            metric: nullValues
                            mustBe: 1
                """));

        assertThat(run.result("broken").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("broken").orElseThrow().message()).contains("missing");
        assertThat(run.result("fine").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.queryCount()).as("the broken expression is found by binding, not by scanning").isEqualTo(1);
    }

    @Test
    void nanAndInfinitiesAreValuesLikeAnyOther() {
        CheckResult invalid = harness.run(contract("""
                    properties:
                      - name: score
                        quality:
                          - id: rule
                            metric: invalidValues
                            arguments:
                              validValues: [1.0, 2]
                            mustBe: 7
                """)).result("rule").orElseThrow();
        assertThat(invalid.outcome()).as(invalid.message()).isEqualTo(CheckOutcome.PASSED);

        CheckRun run = harness.run(contract("""
                    quality:
                      - id: nan
                        type: sql
                        query: SELECT max(score) FROM {object}
                        mustBeLessThan: 100
                      - id: infinity
                        type: sql
                        query: SELECT max(score) FILTER (WHERE NOT isnan(score)) FROM {object}
                        mustBeGreaterThan: 1.0e300
                      - id: minus_infinity
                        type: sql
                        query: SELECT min(score) FROM {object}
                        mustBeLessThan: -1.0e300
                """));
        assertThat(run.result("nan").orElseThrow().outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(run.result("nan").orElseThrow().value()).isEqualTo("NaN");
        assertThat(run.result("nan").orElseThrow().message()).contains("NaN satisfies no comparison");
        assertThat(run.result("infinity").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("minus_infinity").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void allNullColumns() {
        CheckRun run = harness.run("""
                apiVersion: v3.1.0
                kind: DataContract
                id: checks
                version: 1.0.0
                status: active
                schema:
                  - name: empty_column
                    properties:
                      - name: nothing
                        logicalType: string
                        required: true
                        quality:
                          - id: nulls
                            metric: nullValues
                            unit: percent
                            mustBe: 100
                          - id: invalid
                            metric: invalidValues
                            arguments:
                              pattern: '^x$'
                            mustBe: 0
                          - id: duplicates
                            metric: duplicateValues
                            mustBe: 0
                """);

        assertThat(run.result("nulls").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("invalid").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("duplicates").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("empty_column.nothing:required").orElseThrow().value()).isEqualTo(4L);
    }

    @Test
    void duplicatesOfAColumnAndOfSeveralColumns() {
        CheckResult column = rule(onCode("metric: duplicateValues\nmustBe: 3"));
        assertThat(column.outcome()).as(column.message()).isEqualTo(CheckOutcome.PASSED);
        assertThat(column.message()).contains("2 repeated values");
        assertThat(rule(onCode("metric: duplicateValues\nunit: percent\nmustBe: 30")).outcome()).isEqualTo(CheckOutcome.PASSED);

        CheckRun run = harness.run(contract("""
                    properties:
                      - name: id
                      - name: code
                    quality:
                      - id: composite
                        metric: duplicateValues
                        arguments:
                          properties: [code, id]
                        mustBe: 0
                      - id: rows
                        metric: rowCount
                        mustBeBetween: [5, 20]
                      - id: rows_in_percent
                        metric: rowCount
                        unit: percent
                        mustBe: 100
                """));
        assertThat(run.result("composite").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("rows").orElseThrow().value()).isEqualTo(10L);
        assertThat(run.result("rows_in_percent").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
    }

    @Test
    void sqlRulesWithPlaceholdersAndWhatTheyReturn() {
        CheckRun run = harness.run(contract("""
                    properties:
                      - name: code
                        quality:
                          - id: property_placeholder
                            type: sql
                            query: SELECT count(*) FROM {object} WHERE {property} IS NULL;
                            mustBe: 1
                    quality:
                      - id: boolean_result
                        type: sql
                        query: SELECT count(*) = 10 FROM {object}
                        mustBe: true
                      - id: null_result
                        type: sql
                        query: SELECT max(id) FROM {object} WHERE id > 100
                        mustBe: 0
                      - id: two_rows
                        type: sql
                        query: SELECT id FROM {object} WHERE id < 3
                        mustBe: 1
                      - id: table_placeholder_for_property
                        type: sql
                        query: SELECT count(*) FROM {object} WHERE {property} > 0
                        mustBe: 0
                      - id: reads_a_file
                        type: sql
                        query: SELECT count(*) FROM read_csv('/etc/passwd')
                        mustBe: 0
                      - id: reads_another_table
                        type: sql
                        query: SELECT count(*) FROM empty_column
                        mustBe: 4
                """));

        assertThat(run.result("property_placeholder").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("boolean_result").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("null_result").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("null_result").orElseThrow().message()).contains("NULL");
        assertThat(run.result("two_rows").orElseThrow().message()).contains("more than one row");
        assertThat(run.result("table_placeholder_for_property").orElseThrow().message()).contains("{property}");
        assertThat(run.result("reads_a_file").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("reads_a_file").orElseThrow().message()).contains("read_csv");
        assertThat(run.result("reads_another_table").orElseThrow().outcome())
                .as("only the tables of the contract are readable").isEqualTo(CheckOutcome.ERROR);
    }

    @Test
    void customRulesRunForDuckDbAndPolderOnly() {
        CheckRun run = harness.run(contract("""
                    properties:
                      - name: id
                      - name: email
                        classification: personal
                    quality:
                      - id: offending_rows
                        type: custom
                        engine: duckdb
                        implementation: SELECT id, email FROM {object} WHERE id > 8
                      - id: with_operator
                        type: custom
                        engine: polder
                        implementation:
                          query: SELECT count(*) FROM {object}
                          mustBeGreaterThan: 5
                      - id: soda
                        type: custom
                        engine: soda
                        implementation: |
                          type: row_count
                      - id: described
                        type: text
                        description: Someone looks at it.
                """));

        CheckResult rows = run.result("offending_rows").orElseThrow();
        assertThat(rows.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(rows.value()).isEqualTo(2L);
        assertThat(rows.failedRows().columns()).containsExactly("id");
        assertThat(rows.failedRows().omittedColumns()).contains("email");
        assertThat(run.result("with_operator").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("soda").orElseThrow().outcome()).isEqualTo(CheckOutcome.SKIPPED);
        assertThat(run.result("described").orElseThrow().outcome()).isEqualTo(CheckOutcome.SKIPPED);
        assertThat(run.result("described").orElseThrow().kind()).isEqualTo(CheckKind.TEXT);
    }

    @Test
    void schemaConformanceAndKeys() {
        CheckRun run = harness.run(contract("""
                    properties:
                      - name: id
                        logicalType: integer
                        physicalType: bigint
                        primaryKey: true
                        unique: true
                      - name: code
                        logicalType: integer
                      - name: amount
                        logicalType: number
                        physicalType: decimal(10,2)
                        required: true
                      - name: created
                        logicalType: timestamp
                        physicalType: timestamp with time zone
                      - name: gone
                        logicalType: string
                        required: true
                        quality:
                          - id: on_gone
                            metric: nullValues
                            mustBe: 0
                """));

        assertThat(run.result("t.id:schema").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("t.id:schema").orElseThrow().message()).contains("same family");
        assertThat(run.result("t.code:schema").orElseThrow().outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(run.result("t.amount:schema").orElseThrow().message()).contains("as declared");
        assertThat(run.result("t.created:schema").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("t.gone:schema").orElseThrow().message()).contains("missing");
        assertThat(run.result("t.gone:required").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("on_gone").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.result("t.id:unique").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("t:primaryKey").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("t.amount:required").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void aCompositePrimaryKeyCountsDuplicatesAndNullKeys() {
        CheckRun run = harness.run(contract("""
                    properties:
                      - name: code
                        primaryKey: true
                        primaryKeyPosition: 1
                      - name: score
                        primaryKey: true
                        primaryKeyPosition: 2
                """));

        CheckResult key = run.result("t:primaryKey").orElseThrow();
        assertThat(key.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(key.value()).as(key.message()).isEqualTo(2L); // a null code and a null score; no duplicate pair
        assertThat(key.failedRows().rows()).hasSize(2);
    }

    @Test
    void severitiesDecideWhatBlocks() {
        CheckRun run = harness.run(onCode("metric: nullValues\nmustBe: 0\nseverity: warning"));
        CheckResult result = run.result("rule").orElseThrow();

        assertThat(result.severity()).isEqualTo(Severity.WARNING);
        assertThat(result.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(result.blocksPublishing()).isFalse();
        assertThat(run.blocksPublishing()).isFalse();
        assertThat(harness.run(onCode("metric: nullValues\nmustBe: 0")).blocksPublishing())
                .as("a rule without a severity is an error").isTrue();
    }

    @Test
    void slaLatencyAndRetention() {
        String contract = contract("""
                    properties:
                      - name: created
                """) + """
                slaProperties:
                  - id: fresh
                    property: latency
                    value: 1
                    unit: h
                    element: t.created
                  - id: stale
                    property: latency
                    value: 10
                    unit: min
                    element: created
                  - id: kept
                    property: retention
                    value: 2
                    unit: y
                    element: t.created
                    driver: regulatory
                  - id: snapshots
                    property: retention
                    value: 30
                    unit: d
                  - id: nothing_to_measure
                    property: latency
                    value: 1
                    unit: d
                  - id: odd_unit
                    property: latency
                    value: 1
                    unit: fortnights
                    element: t.created
                  - property: frequency
                    value: 1
                    unit: d
                """;
        CheckRun run = harness.run(contract, RetentionPolicy.maxAge(Duration.ofDays(30)));

        assertThat(run.result("sla:fresh").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("sla:fresh").orElseThrow().value()).isEqualTo(new BigDecimal("0.50"));
        assertThat(run.result("sla:stale").orElseThrow().outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(run.result("sla:stale").orElseThrow().severity()).isEqualTo(Severity.WARNING);
        CheckResult kept = run.result("sla:kept").orElseThrow();
        assertThat(kept.value()).as("one row from 2023 is older than two years").isEqualTo(1L);
        assertThat(kept.severity()).as("a regulatory promise is an error").isEqualTo(Severity.ERROR);
        assertThat(run.result("sla:snapshots").orElseThrow().outcome()).isEqualTo(CheckOutcome.PASSED);
        assertThat(run.result("sla:nothing_to_measure").orElseThrow().outcome()).isEqualTo(CheckOutcome.SKIPPED);
        assertThat(run.result("sla:odd_unit").orElseThrow().outcome()).isEqualTo(CheckOutcome.ERROR);
        assertThat(run.results()).noneMatch(result -> "frequency".equals(result.metric()));
        assertThat(harness.run(contract).result("sla:snapshots").orElseThrow().outcome())
                .as("a policy without an age limit keeps snapshots too long").isEqualTo(CheckOutcome.FAILED);
    }

    @Test
    void fusesEveryCountIntoOneScan() {
        CheckRun run = harness.run(contract("""
                    properties:
                      - name: id
                        required: true
                        unique: true
                        quality:
                          - metric: nullValues
                            mustBe: 0
                          - metric: duplicateValues
                            mustBe: 0
                      - name: code
                        quality:
                          - metric: missingValues
                            arguments:
                              missingValues: [null, '']
                            mustBeLessThan: 5
                          - metric: invalidValues
                            arguments:
                              validValues: [A, B, C, X, '', N/A]
                            mustBe: 0
                      - name: amount
                        required: true
                        quality:
                          - metric: invalidValues
                            arguments:
                              pattern: '^[0-9]+\\.[0-9]{2}$'
                            mustBe: 0
                      - name: created
                        required: true
                    quality:
                      - metric: rowCount
                        mustBeGreaterThan: 0
                """));

        assertThat(run.problems()).isEmpty();
        assertThat(run.results()).hasSize(4 + 3 + 2 + 2 + 1 + 1 + 1);
        // one aggregate scan, one duplicates query for the key set {id} shared by unique and duplicateValues
        assertThat(run.queryCount()).isEqualTo(2);
    }

    @Test
    void aV30RuleNameMapsToItsMetric() {
        CheckRun run = harness.run("""
                apiVersion: v3.0.2
                kind: DataContract
                id: checks
                version: 1.0.0
                status: active
                schema:
                  - name: t
                    properties:
                      - name: code
                        quality:
                          - rule: nullCheck
                            mustBe: 1
                """);

        assertThat(run.results()).filteredOn(result -> "nullValues".equals(result.metric())).singleElement()
                .satisfies(result -> assertThat(result.outcome()).isEqualTo(CheckOutcome.PASSED));
    }
}
