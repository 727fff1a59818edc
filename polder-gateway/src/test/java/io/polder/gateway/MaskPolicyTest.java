package io.polder.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Masks from a contract's classifications, on the example mesh's customers contract. */
class MaskPolicyTest {
    @Test
    void theDefaultsMaskPersonalAndRestrictedColumnsOfTheExampleContract() throws Exception {
        SchemaObject customers = exampleCustomers();
        Map<String, ColumnMask> masks = MaskPolicy.defaults().masks(customers, Set.of());
        assertThat(masks).containsEntry("email", ColumnMask.HASH).containsEntry("first_name", ColumnMask.HASH)
                .containsEntry("phone", ColumnMask.HASH).containsEntry("date_of_birth", ColumnMask.NULL)
                .doesNotContainKeys("customer_id", "country_code", "loyalty_tier", "created_at");
    }

    @Test
    void aGrantForAPurposeLiftsTheMasksOfItsClassificationsOnly() throws Exception {
        Map<String, ColumnMask> masks = MaskPolicy.defaults().masks(exampleCustomers(), Set.of("Personal"));
        assertThat(masks).containsOnlyKeys("date_of_birth");
    }

    @Test
    void anUnknownClassificationIsMaskedAsTheMostProtected() {
        MaskPolicy policy = MaskPolicy.defaults();
        assertThat(policy.mask("confidential", Set.of())).isEqualTo(ColumnMask.NULL);
        assertThat(policy.mask(null, Set.of())).isEqualTo(ColumnMask.NONE);
        assertThat(policy.mask(" PUBLIC ", Set.of())).isEqualTo(ColumnMask.NONE);
    }

    @Test
    void masksParseFromTheirNames() {
        assertThat(ColumnMask.parse(" Partial ")).isEqualTo(ColumnMask.PARTIAL);
        assertThat(ColumnMask.HASH).hasToString("hash");
        assertThatThrownBy(() -> ColumnMask.parse("scramble")).hasMessageContaining("none, hash, redact, null and partial");
    }

    private static SchemaObject exampleCustomers() throws Exception {
        Path file = Path.of(System.getProperty("polder.repo.dir", "..")).resolve(
                "examples/mesh/customer/customer-profiles/contracts/customers.odcs.yaml");
        Problems problems = new Problems(file.toString());
        DataContract contract = new OdcsReader().read(DocumentReader.withDefaults().read(Files.readString(file),
                file.toString(), SourceFormat.YAML).documents().getFirst(), problems);
        assertThat(problems.hasErrors()).isFalse();
        return contract.schema().getFirst();
    }
}
