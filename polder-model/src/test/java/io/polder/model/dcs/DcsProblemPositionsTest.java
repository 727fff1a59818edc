package io.polder.model.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import org.junit.jupiter.api.Test;

/** Every problem names the line and column of what is wrong, and its JSON pointer. */
class DcsProblemPositionsTest {
    private static final String WARNING_ONLY = " (a per-server-type rule of DCS that official validators do not apply,"
            + " so this is a warning)";
    private static final String CONTRACT = """
            dataContractSpecification: 1.3.0
            id: orders
            info:
              title: Orders
              owner: checkout
            servers:
              production:
                type: postgres
                host: db
                port: "5432"
              staging:
                host: db-staging
            models:
              order lines:
                type: table
              orders:
                type: tabel
                fields:
                  order_id:
                    type: tinyint
                    primaryKey: 1
                    requried: true
                  customer:
                    $ref: '#/definitions/customer_id'
                quality:
                  - description: at least one order a day
                    mustBeBetween: [1, 2, 3]
            servicelevels:
              availability:
                percentage: 99.9
            """;

    @Test
    void eachProblemIsPlacedExactly() {
        Problems problems = validate(CONTRACT);

        assertThat(problems.list()).extracting(Problem::format).containsExactly(
                "orders.yaml:1:28: `dataContractSpecification` must be one of 1.2.1, 1.2.0, 1.1.0, 0.9.3, 0.9.2, 0.9.1,"
                        + " 0.9.0; found '1.3.0' (at /dataContractSpecification)",
                "orders.yaml:4:3: missing required field `version` (at /info)",
                "orders.yaml:8:5: warning: a server of type `postgres` needs `database`" + WARNING_ONLY
                        + " (at /servers/production)",
                "orders.yaml:8:5: warning: a server of type `postgres` needs `schema`" + WARNING_ONLY
                        + " (at /servers/production)",
                "orders.yaml:10:11: warning: `port` of a server of type `postgres` should be an integer, found a string"
                        + WARNING_ONLY + " (at /servers/production/port)",
                "orders.yaml:12:5: missing required field `type` (at /servers/staging)",
                "orders.yaml:14:3: model name `order lines` may only contain letters, digits, '_' and '-'"
                        + " (at /models/order lines)",
                "orders.yaml:17:11: `type` must be one of table, view, object; found 'tabel'; did you mean `table`?"
                        + " (at /models/orders/type)",
                "orders.yaml:20:15: `type` must be one of number, decimal, numeric, int, integer, long, bigint, float,"
                        + " double, string, text, varchar, ... (27 in all); found 'tinyint'; DCS has no `tinyint`: write"
                        + " `int` (a physical type can be kept in the field's `config`) (at /models/orders/fields/order_id/type)",
                "orders.yaml:21:21: `primaryKey` must be a boolean (true or false), found an integer"
                        + " (at /models/orders/fields/order_id/primaryKey)",
                "orders.yaml:22:9: warning: unknown field `requried`; did you mean `required`? (DCS allows extra fields,"
                        + " so it is accepted but means nothing) (at /models/orders/fields/order_id/requried)",
                "orders.yaml:26:9: missing `type`: a quality check without one must satisfy the rules of every type"
                        + " (text, library, sql, custom), and this one lacks `metric`, `query` and `engine`; add `type`"
                        + " (at /models/orders/quality/0)",
                "orders.yaml:27:24: `mustBeBetween` must hold exactly two numbers, the smaller first; found 3 items"
                        + " (at /models/orders/quality/0/mustBeBetween)",
                "orders.yaml:30:17: `percentage` must be a string, found a number"
                        + " (at /servicelevels/availability/percentage)",
                "orders.yaml:24:15: warning: `$ref` '#/definitions/customer_id' points to nothing in this document"
                        + " (at /models/orders/fields/customer/$ref)");
    }

    @Test
    void aDocumentThatIsNoObjectIsOneProblem() {
        assertThat(validate("- dataContractSpecification: 1.2.1\n").list()).extracting(Problem::format)
                .containsExactly("orders.yaml:1:1: a DCS document must be an object, found a list");
    }

    private static Problems validate(String yaml) {
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, "orders.yaml", SourceFormat.YAML);
        assertThat(parsed.problems()).isEmpty();
        SourceDocument document = parsed.documents().getFirst();
        Problems problems = new Problems("orders.yaml");
        new DcsValidator().validate(document, problems);
        return problems;
    }
}
