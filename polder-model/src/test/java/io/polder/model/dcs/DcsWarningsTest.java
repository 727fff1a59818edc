package io.polder.model.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.conformance.StandardsCorpus;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What Polder says beyond the verdict: hints in messages, and warnings that never make a document invalid. */
class DcsWarningsTest {
    private static final String HEADER = "dataContractSpecification: 1.2.1\nid: orders\ninfo: {title: Orders, version: 1.0.0}\n";

    @Test
    void aPhysicalTypeGetsItsLogicalTypeRatherThanANearSpelling() {
        assertThat(messages(HEADER + "models: {orders: {fields: {id: {type: int8}}}}")).singleElement()
                .asString().endsWith("found 'int8'; DCS has no `int8`: write `long` (a physical type can be kept in"
                        + " the field's `config`) (at /models/orders/fields/id/type)");
    }

    @Test
    void aSizedTypeIsToldWhereTheSizeGoes() {
        assertThat(messages(HEADER + "models: {orders: {fields: {id: {type: 'varchar(255)'}}}}")).singleElement()
                .asString().contains("found 'varchar(255)'; write `varchar` and give sizes with `precision`, `scale` or"
                        + " `maxLength`");
    }

    @Test
    void aTypoOfAnotherCaseIsSuggested() {
        assertThat(messages(HEADER + "models: {orders: {fields: {id: {type: Integer}}}}")).singleElement()
                .asString().contains("found 'Integer'; did you mean `integer`?");
    }

    @Test
    void extensionFieldsAreAllowedSilently() {
        assertThat(messages(HEADER + "x-team: checkout\nmodels: {orders: {x-source: erp, fields: {id: {type: int,"
                + " x-pii-level: 2}}}}")).isEmpty();
    }

    @Test
    void aResolvedReferenceIsSilentAndAnExternalOneIsNotFollowed() {
        assertThat(messages(HEADER + "models: {orders: {fields: {id: {$ref: '#/definitions/order_id'},"
                + " other: {$ref: 'https://example.com/definitions.yaml#/order_id'}}}}\n"
                + "definitions: {order_id: {type: string}}")).isEmpty();
    }

    @Test
    void aTypoInAnOfficialExampleIsWarnedAboutButKeepsItValid() {
        String name = "datacontract-specification/examples/muellimperium/datacontract.yaml";
        Problems problems = new Problems(name);
        new DcsValidator().validate(DocumentReader.withDefaults().read(StandardsCorpus.file(name), name)
                .documents().getFirst(), problems);

        assertThat(problems.hasErrors()).isFalse();
        assertThat(problems.list()).extracting(Problem::format).containsExactly(name + ":9:3: warning: unknown field"
                + " `contract`; did you mean `contact`? (DCS allows extra fields, so it is accepted but means nothing)"
                + " (at /info/contract)");
    }

    private static List<String> messages(String yaml) {
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, "c.yaml", SourceFormat.YAML);
        Problems problems = new Problems("c.yaml");
        new DcsValidator().validate(parsed.documents().getFirst(), problems);
        return problems.list().stream().map(Problem::format).toList();
    }
}
