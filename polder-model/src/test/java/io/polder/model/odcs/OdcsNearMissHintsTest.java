package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.problem.Severity;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a contract uses the spelling of ODCS v2, of the Data Contract Specification, of JSON Schema, or of a
 * later ODCS version than it declares, the problem says what to write instead, at the right place.
 */
class OdcsNearMissHintsTest {
    private static final String V31 = "apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\n";
    private static final String V30 = V31.replace("v3.1.0", "v3.0.2");

    @Test
    void odcsV2PropertyFlagsPointToTheirV3Names() {
        List<Problem> problems = errors(V31 + """
                schema:
                  - name: orders
                    properties:
                      - name: id
                        isPrimaryKey: true
                        isNullable: false
                        isUnique: true
                        sampleValues: [a]
                """);

        assertThat(problems).extracting(Problem::format).containsExactly(
                "c.yaml:10:9: unknown field `isPrimaryKey`; ODCS v3 renamed this to `primaryKey` "
                        + "(at /schema/0/properties/0/isPrimaryKey)",
                "c.yaml:11:9: unknown field `isNullable`; ODCS v3 renamed this to `required` (inverted: "
                        + "isNullable: true is required: false) (at /schema/0/properties/0/isNullable)",
                "c.yaml:12:9: unknown field `isUnique`; ODCS v3 renamed this to `unique` "
                        + "(at /schema/0/properties/0/isUnique)",
                "c.yaml:13:9: unknown field `sampleValues`; ODCS v3 calls this `examples` "
                        + "(at /schema/0/properties/0/sampleValues)");
    }

    @Test
    void dataContractSpecificationSpellingsAreRecognised() {
        List<String> messages = messages(V31 + """
                info: {title: Orders}
                servicelevels: {}
                schema:
                  - name: orders
                    type: table
                    fields: []
                    properties:
                      - name: id
                        type: string
                        maxLength: 10
                        enum: [a, b]
                """);

        assertThat(messages).containsExactly(
                "unknown field `info`; `info` is DCS syntax: ODCS writes name, version, status and description at the top level",
                "unknown field `servicelevels`; `servicelevels` is DCS syntax; ODCS uses `slaProperties`",
                "unknown field `type`; ODCS calls this `physicalType` (table, view, topic, file, ...)",
                "unknown field `fields`; `fields` is DCS syntax; ODCS calls them `properties`",
                "unknown field `type`; ODCS calls the type `logicalType` (string, date, timestamp, time, number, "
                        + "integer, object, array, boolean), with the source's own type in `physicalType`",
                "unknown field `maxLength`; in ODCS `maxLength` goes inside `logicalTypeOptions`",
                "unknown field `enum`; ODCS has no enum: use a quality rule with metric: invalidValues and "
                        + "arguments.validValues");
    }

    @Test
    void aDcsDocumentIsToldSo() {
        List<String> messages = messages("dataContractSpecification: 1.2.1\nid: x\nmodels: {}\n");

        assertThat(messages).contains("unknown field `dataContractSpecification`; this is a Data Contract "
                + "Specification (DCS) document, not ODCS: run `polder convert --to odcs-v3.1.0`");
    }

    @Test
    void typosGetTheNearestField() {
        List<String> messages = messages(V31 + "descripton: {purpose: p}\nschema:\n  - name: t\n    physicalNme: x\n");

        assertThat(messages).containsExactly(
                "unknown field `descripton`; did you mean `description`?",
                "unknown field `physicalNme`; did you mean `physicalName`?");
    }

    @Test
    void featuresOfALaterVersionSayWhichVersionTheyNeed() {
        List<String> messages = messages(V30 + """
                team: {name: sales}
                servers:
                  - server: s
                    type: impala
                    host: h
                schema:
                  - name: t
                    relationships: []
                    properties:
                      - name: at
                        logicalType: timestamp
                """);

        assertThat(messages).containsExactly(
                "`team` must be a list of members in ODCS v3.0.x (the team object is new in v3.1.0: declare "
                        + "apiVersion: v3.1.0 to use it), found an object",
                "`type` must be one of api, athena, azure, bigquery, clickhouse, databricks, denodo, dremio, duckdb, "
                        + "glue, cloudsql, db2, informix, kafka, kinesis, local, mysql, oracle, postgresql, postgres, "
                        + "presto, pubsub, redshift, s3, sftp, snowflake, sqlserver, synapse, trino, vertica, custom; "
                        + "found 'impala'; `impala` is new in ODCS v3.1.0, and this contract is read as ODCS v3.0.x",
                "unknown field `relationships`; `relationships` is new in ODCS v3.1.0, and this contract is read as "
                        + "ODCS v3.0.x (declare apiVersion: v3.1.0 to use it)",
                "`logicalType` must be one of string, date, number, integer, object, array, boolean; found "
                        + "'timestamp'; `timestamp` is new in ODCS v3.1.0, and this contract is read as ODCS v3.0.x");
    }

    @Test
    void serverFieldsOfAnotherTypeListTheTypesOwn() {
        List<String> messages = messages(V31 + "servers:\n  - server: s\n    type: kafka\n    host: h\n    topic: t\n");

        assertThat(messages).containsExactly(
                "unknown field `topic`; a `kafka` server has host, format besides the common server fields");
    }

    @Test
    void qualityFieldsOfAnotherKindSayWhichKindTheyBelongTo() {
        List<String> messages = messages(V31 + """
                schema:
                  - name: t
                    quality:
                      - type: text
                        query: select 1
                        mustBeLessThan: 3
                """);

        assertThat(messages).containsExactly(
                "unknown field `query`; `query` belongs to sql rules (type: sql)",
                "unknown field `mustBeLessThan`; operators compare the result of library and sql rules; "
                        + "this rule is of type text");
    }

    @Test
    void deprecatedFieldsOfV31AreWarningsNotErrors() {
        Problems problems = read(V31 + """
                dataProduct: sales
                team: [{username: u}]
                schema:
                  - name: t
                    quality:
                      - metric: rowCount
                        rule: rowCount
                        mustBeGreaterThan: 0
                """);

        assertThat(problems.hasErrors()).isFalse();
        assertThat(problems.list()).extracting(Problem::severity).containsOnly(Severity.WARNING);
        assertThat(problems.list()).extracting(Problem::message).containsExactly(
                "`dataProduct` is deprecated since ODCS v3.1.0: products now list their contracts (ODPS output ports)",
                "a list of team members is deprecated since ODCS v3.1.0: write a team object with `members`",
                "`rule` is deprecated since ODCS v3.1.0: `metric` names the check");
    }

    @Test
    void anUnsupportedApiVersionNamesTheSupportedOnes() {
        List<String> messages = messages(V31.replace("v3.1.0", "v2.2.2"));

        assertThat(messages).containsExactly("ODCS apiVersion 'v2.2.2' is not supported; Polder reads v3.0.0, "
                + "v3.0.1, v3.0.2, v3.1.0 (migrate ODCS v2 contracts to v3)");
    }

    @Test
    void aDocumentThatIsNotAnObjectIsNoContract() {
        ParsedFile parsed = DocumentReader.withDefaults().read("- a\n- b\n", "c.yaml", SourceFormat.YAML);
        Problems problems = new Problems("c.yaml");

        assertThat(new OdcsReader().read(parsed.documents().getFirst(), problems)).isNull();
        assertThat(problems.list()).extracting(Problem::format)
                .containsExactly("c.yaml:1:1: expected an ODCS data contract (an object), found a list");
    }

    private static List<String> messages(String yaml) {
        return errors(yaml).stream().map(Problem::message).toList();
    }

    private static List<Problem> errors(String yaml) {
        return read(yaml).list().stream().filter(Problem::isError).toList();
    }

    private static Problems read(String yaml) {
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, "c.yaml", SourceFormat.YAML);
        assertThat(parsed.problems()).isEmpty();
        Problems problems = new Problems("c.yaml");
        new OdcsReader().read(parsed.documents().getFirst(), problems);
        return problems;
    }
}
