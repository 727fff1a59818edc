package io.polder.model.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.conformance.OfficialSchemas;
import io.polder.model.conformance.Standard;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corners of the DCS schema that mutations of the corpus do not reach (if/then branches of quality checks,
 * uniqueItems, name patterns, minProperties, draft-07's ignored {@code $ref} siblings), each checked three ways:
 * the verdict written here, the official schema's, and Polder's.
 */
class DcsSchemaEdgeCasesTest {
    private static final String HEADER = """
            dataContractSpecification: 1.2.1
            id: orders
            info: {title: Orders, version: 1.0.0}
            """;

    record Case(String name, String body, boolean valid) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("every released version is accepted", "", true),
                top("an unreleased version is refused", "dataContractSpecification: 1.3.0", false),
                top("a version must be a string", "dataContractSpecification: 1.2", false),
                top("id must not be null", "id: null", false),
                top("extra top-level fields are allowed", "x-owner: me", true),
                top("info needs a version", "info: {title: Orders}", false),
                top("info is open", "info: {title: Orders, version: '1', audience: all}", true),
                top("models need at least one model", "models: {}", false),
                top("model names are letters, digits, _ and -", "models: {'order lines': {}}", false),
                top("a model name ends the pattern", "models: {\"orders\\n\": {}}", false),
                top("definitions may be empty", "definitions: {}", true),
                top("definition names may hold /", "definitions: {checkout/order_id: {type: string}}", true),
                top("definition names may not hold .", "definitions: {checkout.order_id: {type: string}}", false),
                top("a definition needs a type", "definitions: {order_id: {title: Order}}", false),
                top("a definition's precision is an integer", "definitions: {a: {type: decimal, precision: 3.5}}", false),
                top("an integer may be written 3.0", "definitions: {a: {type: decimal, precision: 3.0}}", true),
                field("a field's precision is any number", "{type: decimal, precision: 3.5}", true),
                field("tinyint is not a DCS type", "{type: tinyint}", false),
                field("types are lower case", "{type: STRING}", false),
                field("enum values are unique", "{type: string, enum: [a, a]}", false),
                field("enum values are strings", "{type: string, enum: [1]}", false),
                field("primaryKey is a boolean", "{type: string, primaryKey: 1}", false),
                field("items are fields", "{type: array, items: {type: tinyint}}", false),
                field("nested fields are fields", "{type: object, fields: {a: {type: int, required: yes}}}", true),
                field("nested fields must be objects", "{type: object, fields: {a: string}}", false),
                field("links need at least one link", "{type: string, links: {}}", false),
                field("links are strings", "{type: string, links: {docs: 1}}", false),
                field("config keys the schema names are strings", "{config: {avroType: 1}}", false),
                field("other config keys may be null", "{config: {clickhouseType: null}}", true),
                field("lineage needs inputFields", "{lineage: {}}", false),
                field("a transformation needs a type", "{lineage: {inputFields: [{namespace: a, name: b, field: c,"
                        + " transformations: [{subtype: x}]}]}}", false),
                field("a $ref is a string", "{$ref: 1}", false),
                field("a dangling $ref is only a warning", "{$ref: '#/definitions/missing'}", true),
                quality("a quality check without type needs every type's fields", "{description: d}", false),
                quality("a quality check without type may satisfy them all",
                        "{description: d, query: q, metric: m, engine: e}", true),
                quality("then, mustBe must be a number, as sql wants", "{description: d, query: q, metric: m, engine: e,"
                        + " mustBe: x}", false),
                quality("a text check needs a description", "{type: text}", false),
                quality("an unknown type satisfies no branch", "{type: other}", false),
                quality("a library mustBe may be anything", "{type: library, metric: rowCount, mustBe: x}", true),
                quality("a sql mustBe is a number", "{type: sql, query: q, mustBe: x}", false),
                quality("a library range has two different bounds", "{type: library, metric: m, mustBeBetween: [1, 1.0]}",
                        false),
                quality("a sql range may repeat a bound", "{type: sql, query: q, mustBeBetween: [1, 1.0]}", true),
                quality("a range has two bounds", "{type: sql, query: q, mustNotBeBetween: [1, 2, 3]}", false),
                quality("arguments may not be null", "{type: library, metric: m, arguments: {column: null}}", false),
                quality("a custom check needs an engine", "{type: custom, implementation: x}", false),
                quality("an implementation is not a number", "{type: custom, engine: soda, implementation: 5}", false),
                quality("quality checks are objects", "check rows", false),
                top("a server needs a type", "servers: {prod: {host: db}}", false),
                top("per-type server rules are not applied", "servers: {prod: {type: postgres}}", true),
                top("sftp locations are not checked either", "servers: {prod: {type: sftp, location: x}}", true),
                top("a role needs a name", "servers: {prod: {type: s3, roles: [{description: r}]}}", false),
                top("availability is a percentage", "servicelevels: {availability: {percentage: 99.9}}", false),
                top("a percentage ends with %", "servicelevels: {availability: {percentage: '99.9% '}}", false),
                top("a percentage may be whole", "servicelevels: {availability: {percentage: '100%'}}", true),
                top("frequency types are enumerated", "servicelevels: {frequency: {type: daily}}", false),
                top("policies are objects", "terms: {policies: [privacy]}", false),
                top("tags are strings", "tags: [1]", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void polderAndTheOfficialSchemaGiveTheWrittenVerdict(Case example) {
        SourceDocument document = parse(example.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) document.root().toPlain();
        Problems problems = new Problems("edge.yaml");
        new DcsValidator().validate(document, problems);

        assertThat(OfficialSchemas.shared().verdict(Standard.DCS, tree).valid()).as("official").isEqualTo(example.valid());
        assertThat(!problems.hasErrors()).as("Polder: " + problems.list()).isEqualTo(example.valid());
    }

    /** Top-level fields; each replaces the header's field of the same name. */
    private static Case top(String name, String yaml, boolean valid) {
        return new Case(name, yaml, valid);
    }

    private static Case field(String name, String field, boolean valid) {
        return new Case(name, "models: {orders: {fields: {f: " + field + "}}}", valid);
    }

    private static Case quality(String name, String check, boolean valid) {
        return new Case(name, "models: {orders: {quality: [" + check + "]}}", valid);
    }

    private static SourceDocument parse(String body) {
        String key = body.contains(":") ? body.substring(0, body.indexOf(':')) : "";
        StringBuilder yaml = new StringBuilder();
        HEADER.lines().filter(line -> key.isEmpty() || !line.startsWith(key + ":"))
                .forEach(line -> yaml.append(line).append('\n'));
        yaml.append(body).append('\n');
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml.toString(), "edge.yaml", SourceFormat.YAML);
        assertThat(parsed.problems()).isEmpty();
        return parsed.documents().getFirst();
    }
}
