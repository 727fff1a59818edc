package io.polder.model.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.write.DocumentWriter;
import org.junit.jupiter.api.Test;

/** What the converter recognises, and the targets it converts into. */
class ConverterTest {

    @Test
    void theTargetIsNamedAsOnTheCommandLine() {
        assertThat(ConversionTarget.parse("odcs-v3.1.0")).isEqualTo(ConversionTarget.ODCS_V3_1_0);
        assertThat(ConversionTarget.parse(" ODCS-v3.1.0 ")).isEqualTo(ConversionTarget.ODCS_V3_1_0);
        assertThat(Converter.to(ConversionTarget.ODCS_V3_1_0).target()).isEqualTo(ConversionTarget.ODCS_V3_1_0);
    }

    @Test
    void anUnknownTargetListsTheKnownOnes() {
        assertThatThrownBy(() -> ConversionTarget.parse("odcs-v4"))
                .isInstanceOfSatisfying(PolderException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("unknown conversion target 'odcs-v4'; expected one of: odcs-v3.1.0");
    }

    @Test
    void aCurrentContractIsReturnedUnchangedWithANote() {
        String contract = """
                apiVersion: v3.1.0
                kind: DataContract
                id: orders
                version: 1.0.0
                status: active
                """;
        Converted converted = Converted.yaml(contract);

        assertThat(converted.conversion().sourceKind()).isEqualTo(SourceKind.ODCS_V3_1);
        assertThat(DocumentWriter.toYaml(converted.document())).isEqualTo(contract);
        assertThat(converted.warnings()).containsExactly("contract.yaml:1:1: warning: already ODCS v3.1.0; returned unchanged");
    }

    @Test
    void anOdcsV2ContractIsNotConverted() {
        Converted converted = Converted.yaml("apiVersion: v2.2.2\nkind: DataContract\nuuid: x\n");

        assertThat(converted.conversion().sourceKind()).isEqualTo(SourceKind.UNRECOGNISED);
        assertThat(converted.conversion().hasDocument()).isFalse();
        assertThat(converted.errors()).singleElement().asString().contains("ODCS v2.2.2 contracts cannot be converted");
    }

    @Test
    void anUnknownApiVersionIsNamed() {
        Converted converted = Converted.yaml("apiVersion: v3.2.0\nkind: DataContract\n");

        assertThat(converted.errors()).containsExactly("contract.yaml:1:1: unsupported ODCS apiVersion 'v3.2.0';"
                + " Polder converts ODCS v3.0.0, v3.0.1 and v3.0.2 into v3.1.0");
    }

    @Test
    void somethingElseIsNotADataContract() {
        Converted product = Converted.yaml("apiVersion: v1.0.0\nkind: DataProduct\n");
        Converted list = Converted.yaml("- a\n- b\n");

        assertThat(product.errors()).singleElement().asString().contains("not a data contract Polder can convert");
        assertThat(list.errors()).containsExactly("contract.yaml:1:1: expected a data contract (an object), found a list");
        assertThat(list.conversion().sourceKind()).isEqualTo(SourceKind.UNRECOGNISED);
    }

    @Test
    void aConversionWritesAsYamlAndJson() {
        Converted converted = Converted.yaml("""
                dataContractSpecification: 1.2.1
                id: orders
                info:
                  title: Orders
                  version: 1.0.0
                  status: active
                """);

        assertThat(DocumentWriter.toYaml(converted.document())).isEqualTo("""
                apiVersion: v3.1.0
                kind: DataContract
                id: orders
                name: Orders
                version: 1.0.0
                status: active
                """);
        assertThat(DocumentWriter.toJson(converted.document())).startsWith("{\n  \"apiVersion\" : \"v3.1.0\"");
    }
}
