package io.polder.model.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.conformance.StandardsCorpus;
import io.polder.model.problem.Problem;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.FileValidation;
import io.polder.model.validate.ValidatedDocument;
import org.junit.jupiter.api.Test;

/**
 * {@code polder validate} judges a DCS document by {@link DcsValidator}: its problems and the deprecation warning,
 * and nothing of what the converter to ODCS would say about its lossy mapping.
 */
class DcsDocumentValidatorTest {
    private static final String DEPRECATED = "warning: the Data Contract Specification is deprecated in favour of ODCS;"
            + " convert it with `polder convert --to odcs-v3.1.0 ";

    private final DocumentValidator validator = new DocumentValidator();

    @Test
    void aValidDcsContractHasOnlyTheDeprecationWarning() {
        String name = "datacontract-cli-fixtures/lint/valid_datacontract_ref.yaml";
        FileValidation validation = validator.validate(StandardsCorpus.file(name), name);

        assertThat(validation.valid()).isTrue();
        assertThat(validation.problems()).extracting(Problem::format)
                .containsExactly(name + ":1:28: " + DEPRECATED + name + "` (at /dataContractSpecification)");
        assertThat(validation.documents()).singleElement()
                .isInstanceOfSatisfying(ValidatedDocument.DcsContract.class, contract -> {
                    assertThat(contract.valid()).isTrue();
                    assertThat(contract.convertedToOdcs()).containsEntry("kind", "DataContract");
                });
    }

    @Test
    void anInvalidDcsContractHasTheValidatorsErrors() {
        String name = "datacontract-cli-fixtures/clickhouse/datacontract.yaml";
        FileValidation validation = validator.validate(StandardsCorpus.file(name), name);

        assertThat(validation.valid()).isFalse();
        assertThat(validation.problems()).extracting(Problem::format).containsExactly(
                name + ":22:21: `primaryKey` must be a boolean (true or false), found an integer"
                        + " (at /models/orders/fields/order_id/primaryKey)",
                name + ":44:15: `type` must be one of number, decimal, numeric, int, integer, long, bigint, float,"
                        + " double, string, text, varchar, ... (27 in all); found 'array<string>'; write `type: array` and"
                        + " describe the elements under `items` (at /models/orders/fields/tags/type)",
                name + ":59:15: `type` must be one of number, decimal, numeric, int, integer, long, bigint, float,"
                        + " double, string, text, varchar, ... (27 in all); found 'tinyint'; DCS has no `tinyint`: write"
                        + " `int` (a physical type can be kept in the field's `config`)"
                        + " (at /models/events/fields/status_code/type)",
                name + ":1:28: " + DEPRECATED + name + "` (at /dataContractSpecification)");
        assertThat(validation.documents()).singleElement()
                .isInstanceOfSatisfying(ValidatedDocument.DcsContract.class, contract -> {
                    assertThat(contract.valid()).isFalse();
                    assertThat(contract.convertedToOdcs()).containsKey("schema");
                });
    }
}
