package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.Position;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import org.junit.jupiter.api.Test;

/** Every problem names the line and column of what is wrong, and its JSON pointer. */
class OdcsProblemPositionsTest {
    private static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            version: 1.0.0
            schema:
              - name: orders
                properties:
                  - name: id
                    logicalType: strng
                    isNullable: false
                  - name: total
                    logicalType: number
                    logicalTypeOptions:
                      minLength: 1
                    quality:
                      - metric: nullValues
                        mustBe: 0
                        mustBeLessThan: 5
            servers:
              - server: prod
                type: postgres
                host: db
                port: "5432"
            """;

    @Test
    void eachProblemIsPlacedExactly() {
        Problems problems = read(CONTRACT);

        assertThat(problems.list()).extracting(Problem::format).containsExactly(
                "orders.odcs.yaml:1:1: missing required field `status`",
                "orders.odcs.yaml:9:22: `logicalType` must be one of string, date, timestamp, time, number, integer, "
                        + "object, array, boolean; found 'strng'; did you mean `string`? (at /schema/0/properties/0/logicalType)",
                "orders.odcs.yaml:10:9: unknown field `isNullable`; ODCS v3 renamed this to `required` (inverted: "
                        + "isNullable: true is required: false) (at /schema/0/properties/0/isNullable)",
                "orders.odcs.yaml:14:11: unknown field `minLength`; `minLength` is an option of logicalType string, "
                        + "not of number (at /schema/0/properties/1/logicalTypeOptions/minLength)",
                "orders.odcs.yaml:18:29: a rule takes exactly one operator, found `mustBe` and `mustBeLessThan` "
                        + "(at /schema/0/properties/1/quality/0/mustBeLessThan)",
                "orders.odcs.yaml:20:5: missing required fields `database`, `schema` of a `postgres` server (it needs "
                        + "host, port, database, schema) (at /servers/0)",
                "orders.odcs.yaml:23:11: `port` of a `postgres` server must be an integer, found a string "
                        + "(at /servers/0/port)");
    }

    @Test
    void aProblemLeadsBackToItsNodeByPointer() {
        ParsedFile parsed = DocumentReader.withDefaults().read(CONTRACT, "orders.odcs.yaml", SourceFormat.YAML);
        SourceDocument document = parsed.documents().getFirst();
        Problems problems = new Problems("orders.odcs.yaml");
        new OdcsReader().read(document, problems);

        for (Problem problem : problems.list()) {
            Position node = document.positionOf(problem.pointer());
            // a problem sits on its value, or on the key of an unknown field (same line)
            assertThat(node.line()).as(problem.format()).isEqualTo(problem.position().line());
        }
    }

    @Test
    void jsonContractsArePlacedToo() {
        Problems problems = read("""
                {"apiVersion": "v3.0.2", "kind": "DataContract", "id": "x", "version": "1", "status": "draft",
                 "schema": [{"name": "t", "relationships": []}]}
                """, SourceFormat.JSON);

        assertThat(problems.list()).extracting(Problem::format).containsExactly(
                "orders.odcs.json:1:16: warning: declares ODCS v3.0.2 but uses ODCS v3.1.0: by the v3.0 rules, unknown"
                        + " field `relationships`; `relationships` is new in ODCS v3.1.0, and this contract is read as"
                        + " ODCS v3.0.x (declare apiVersion: v3.1.0 to use it) (line 2:27); it is valid because the"
                        + " v3.1.0 rules also accept apiVersion v3.0.2; declare `apiVersion: v3.1.0` (at /apiVersion)");
    }

    private static Problems read(String yaml) {
        return read(yaml, SourceFormat.YAML);
    }

    private static Problems read(String text, SourceFormat format) {
        String file = format == SourceFormat.JSON ? "orders.odcs.json" : "orders.odcs.yaml";
        ParsedFile parsed = DocumentReader.withDefaults().read(text, file, format);
        assertThat(parsed.problems()).isEmpty();
        Problems problems = new Problems(file);
        new OdcsReader().read(parsed.documents().getFirst(), problems);
        return problems;
    }
}
