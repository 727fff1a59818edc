package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.conformance.OfficialSchemas;
import io.polder.model.conformance.Standard;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The subtle corners of the two ODCS schemas (if/then branches without required, oneOf operators, open v3.0
 * objects, patterns), each checked three ways: the verdict written here, the official schema's, and Polder's.
 */
class OdcsSchemaEdgeCasesTest {
    private static final String V31 = "v3.1.0";
    private static final String V30 = "v3.0.2";

    record Case(String name, String apiVersion, String body, boolean valid) {
        @Override
        public String toString() {
            return name + " (" + apiVersion + ")";
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // logicalTypeOptions follow logicalType; without one, every branch applies and only {} passes
                property("options without logicalType may be empty", V31, "logicalTypeOptions: {}", true),
                property("options without logicalType must be empty", V31, "logicalTypeOptions: {minLength: 1}", false),
                property("properties and items without logicalType", V31,
                        "properties: [{name: b}]\n        items: {logicalType: string}", true),
                property("nested properties need logicalType object", V31, "logicalType: string\n        properties: []", false),
                property("items need logicalType array", V30, "logicalType: object\n        items: {}", false),
                property("boolean options are free", V31, "logicalType: boolean\n        logicalTypeOptions: {any: 1}", true),
                property("string options are closed", V31, "logicalType: string\n        logicalTypeOptions: {minimum: 1}", false),
                property("v3.1 items close to their type", V31,
                        "logicalType: array\n        items: {logicalType: string, properties: []}", false),
                property("v3.0 items may have properties whatever their type", V30,
                        "logicalType: array\n        items: {logicalType: string, properties: []}", true),
                property("v3.0 date bounds flag exclusivity", V30,
                        "logicalType: date\n        logicalTypeOptions: {exclusiveMaximum: true}", true),
                property("v3.1 date bounds are strings", V31,
                        "logicalType: date\n        logicalTypeOptions: {exclusiveMaximum: true}", false),
                property("multipleOf must be positive", V31,
                        "logicalType: number\n        logicalTypeOptions: {multipleOf: 0}", false),
                property("multipleOf may be a fraction", V31,
                        "logicalType: number\n        logicalTypeOptions: {multipleOf: 0.5}", true),
                property("integer formats are Rust's", V31,
                        "logicalType: integer\n        logicalTypeOptions: {format: i33}", false),
                property("number formats are f32 and f64", V31,
                        "logicalType: number\n        logicalTypeOptions: {format: i32}", false),
                property("required names at least one property", V31,
                        "logicalType: object\n        logicalTypeOptions: {required: []}", false),
                property("required names are unique", V31,
                        "logicalType: object\n        logicalTypeOptions: {required: [a, a]}", false),
                property("timestamp is new in v3.1", V30, "logicalType: timestamp", false),
                property("an integer may be written 1.0", V31, "primaryKeyPosition: 1.0", true),
                property("ids are stable identifiers", V31, "id: 'a b'", false),
                property("v3.0 properties have no id", V30, "id: a", false),
                property("examples are any values", V31, "examples: [1, null, {a: b}, [c]]", true),
                // quality rules: branches by type, by metric, and v3.0's library default
                quality("a metric makes a library rule", V31, "metric: nullValues\n          mustBe: 0", true),
                quality("a library rule needs an operator", V31, "metric: nullValues", false),
                quality("a rule takes one operator", V31,
                        "metric: rowCount\n          mustBeGreaterThan: 1\n          mustBeLessThan: 9", false),
                quality("v3.0 rules may take several operators", V30,
                        "rule: rowCount\n          mustBeGreaterThan: 1\n          mustBeLessThan: 9", true),
                quality("mustBe may be null", V31, "metric: nullValues\n          mustBe: null", true),
                quality("a range has two different numbers", V31, "metric: rowCount\n          mustBeBetween: [1, 1.0]", false),
                quality("a range may be given high first", V31, "metric: rowCount\n          mustBeBetween: [9, 1]", true),
                quality("a range has exactly two numbers", V31, "metric: rowCount\n          mustBeBetween: [1, 2, 3]", false),
                quality("a metric must be a string", V31, "metric: 5\n          mustBe: 0", false),
                quality("text rules take no operator in v3.1", V31, "type: text\n          mustBe: 0", false),
                quality("v3.0 text rules may carry anything", V30, "type: text\n          mustBeLessThan: many", true),
                quality("v3.0 rules without a type are library rules", V30, "description: no rule name", false),
                quality("v3.1 rules without a type or metric describe", V31, "description: just words", true),
                quality("v3.0 sql rules leave operators untyped", V30,
                        "type: sql\n          query: select 1\n          mustBeLessThan: many", true),
                quality("sql with a metric is both", V31,
                        "type: sql\n          metric: rowCount\n          query: select 1\n          mustBe: 1", true),
                quality("sql with a metric needs both", V31,
                        "type: sql\n          metric: rowCount\n          mustBe: 1", false),
                quality("custom implementation may be an object", V31,
                        "type: custom\n          engine: soda\n          implementation: {checks: []}", true),
                quality("custom implementation is text or an object", V31,
                        "type: custom\n          engine: soda\n          implementation: 5", false),
                quality("v3.0 rules are open", V30, "rule: rowCount\n          mustBe: 1\n          vendorHint: x", true),
                // relationships (v3.1)
                property("property relationships imply from", V31,
                        "relationships: [{from: a.b, to: c.d}]", false),
                property("references may be fully qualified", V31,
                        "relationships: [{to: 'schema/orders/properties/id'}]", true),
                property("references may name another contract", V31,
                        "relationships: [{to: 'https://x.org/c.yaml#/schema/orders/properties/id'}]", true),
                property("a reference is table.column", V31, "relationships: [{to: 'a.b.c'}]", false),
                property("a composite reference lists something", V31, "relationships: [{to: []}]", false),
                object("schema relationships match their ends", V31,
                        "relationships: [{from: a.b, to: [c.d]}]", false),
                object("schema relationships may be composite", V31,
                        "relationships: [{from: [a.b, a.c], to: [c.d, c.e]}]", true),
                object("relationships are new in v3.1", V30, "relationships: [{from: a.b, to: c.d}]", false),
                object("a schema object is an object", V31, "logicalType: array", false),
                object("a schema object has no items", V31, "items: {}", false),
                // servers: one schema per type; v3.0 leaves them open
                server("v3.0 servers are open", V30, "type: kafka\n    host: h\n    topic: t", true),
                server("v3.1 servers are closed", V31, "type: kafka\n    host: h\n    topic: t", false),
                server("v3.0 typed duckdb's schema as an integer", V30, "type: duckdb\n    database: d\n    schema: main", false),
                server("v3.1 types duckdb's schema as a string", V31, "type: duckdb\n    database: d\n    schema: main", true),
                server("sftp locations start with sftp://", V31, "type: sftp\n    location: s3://b/x", false),
                server("v3.0 enumerated s3 formats", V30, "type: s3\n    location: s3://b\n    format: avro", false),
                server("v3.1 allows any s3 format", V31, "type: s3\n    location: s3://b\n    format: avro", true),
                server("hive is new in v3.1", V30, "type: hive\n    host: h\n    database: d", false),
                server("custom servers may name a stream in v3.1", V31, "type: custom\n    stream: s", true),
                server("a port is an integer", V31, "type: mysql\n    host: h\n    port: '3306'\n    database: d", false),
                server("v3.1 servers have a type", V31, "host: h", false),
                // the rest of the contract
                contract("the team object is new in v3.1", V30, "team: {name: t}", false),
                contract("v3.1 still reads the member list", V31, "team: [{username: u}]", true),
                contract("v3.1 members have a username", V31, "team: {members: [{role: owner}]}", false),
                contract("v3.0 members need no username", V30, "team: [{role: owner, since: 2020}]", true),
                contract("a team is not text", V31, "team: everyone", false),
                contract("v3.0 custom properties need nothing", V30, "customProperties: [{note: x}]", true),
                contract("v3.1 custom properties need a value", V31, "customProperties: [{property: p}]", false),
                contract("a custom property's value may be null", V31, "customProperties: [{property: p, value: null}]", true),
                contract("descriptions are open", V31, "description: {purpose: p, audience: a}", true),
                contract("v3.0 support needs a url", V30, "support: [{channel: c}]", false),
                contract("v3.1 support needs only a channel", V31, "support: [{channel: c}]", true),
                contract("SLA values are scalars", V31, "slaProperties: [{property: p, value: [1]}]", false),
                contract("SLA values may be null", V31, "slaProperties: [{property: p, value: null}]", true),
                contract("v3.0 definitions are open", V30,
                        "authoritativeDefinitions: [{url: u, type: t, description: d}]", true),
                contract("the contract id is free text", V31, "id: 'a b'", true),
                contract("the contract has a status", V31, "tenant: t\nstatus: null", false),
                contract("kind is DataContract", V31, "kind: DataProduct", false),
                contract("price amounts are numbers", V31, "price: {priceAmount: '9.95'}", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void polderAndTheOfficialSchemaGiveTheExpectedVerdict(Case edge) {
        String yaml = document(edge);
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, edge.name(), SourceFormat.YAML);
        assertThat(parsed.problems()).isEmpty();
        SourceDocument document = parsed.documents().getFirst();
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) document.root().toPlain();
        List<String> official = OfficialSchemas.shared().errors(Standard.ODCS, edge.apiVersion(), tree);
        Problems problems = new Problems(edge.name());
        // each case pins one version's rules: read by that version's schema alone (the reader's default
        // accepts a v3.0.x contract that either v3.0.2 or v3.1.0 accepts)
        new OdcsReader().read(document, problems, edge.apiVersion().equals(V30) ? OdcsVersion.V3_0 : OdcsVersion.V3_1);

        assertThat(official.isEmpty()).as("official schema: " + official + "\n" + yaml).isEqualTo(edge.valid());
        assertThat(problems.hasErrors()).as("Polder:" + OdcsCorpus.describe(problems) + "\n" + yaml)
                .isEqualTo(!edge.valid());
    }

    /** The fundamentals, unless the case writes its own top-level value for one of them, then the case's body. */
    private static String document(Case edge) {
        StringBuilder yaml = new StringBuilder();
        List.of(Map.entry("apiVersion", edge.apiVersion()), Map.entry("kind", "DataContract"), Map.entry("id", "c1"),
                        Map.entry("version", "1.0.0"), Map.entry("status", "active"))
                .forEach(entry -> {
                    String key = entry.getKey();
                    String value = entry.getValue();
                    if (!edge.body().startsWith(key + ":") && !edge.body().contains("\n" + key + ":")) {
                        yaml.append(key).append(": ").append(value).append('\n');
                    }
                });
        return yaml.append(edge.body()).append('\n').toString();
    }

    private static Case contract(String name, String version, String body, boolean valid) {
        return new Case(name, version, body, valid);
    }

    private static Case object(String name, String version, String body, boolean valid) {
        return new Case(name, version, "schema:\n  - name: t\n    " + body, valid);
    }

    private static Case property(String name, String version, String body, boolean valid) {
        return new Case(name, version, "schema:\n  - name: t\n    properties:\n      - name: a\n        " + body, valid);
    }

    private static Case quality(String name, String version, String body, boolean valid) {
        return new Case(name, version, "schema:\n  - name: t\n    quality:\n        - " + body, valid);
    }

    private static Case server(String name, String version, String body, boolean valid) {
        return new Case(name, version, "servers:\n  - server: s\n    " + body, valid);
    }
}
