package io.polder.model.odps;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.odps.OdpsDocuments.Read;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OdpsReaderTest {

    static List<Path> validDocuments() {
        return concat(OdpsDocuments.officialExamples(), OdpsDocuments.handMade("valid"));
    }

    @ParameterizedTest
    @MethodSource("validDocuments")
    void acceptsValidDocuments(Path file) {
        Read read = OdpsDocuments.read(file);

        assertThat(read.errors()).isEmpty();
        assertThat(read.product()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("invalidDocuments")
    void rejectsInvalidDocuments(Path file) {
        assertThat(OdpsDocuments.read(file).errors()).isNotEmpty();
    }

    static List<Path> invalidDocuments() {
        return OdpsDocuments.handMade("invalid");
    }

    @Test
    void readsTheCustomerExample() {
        DataProduct product = OdpsDocuments.read(OdpsDocuments.officialExample("customer-data-product.odps.yaml"))
                .product();

        assertThat(product.apiVersion()).isEqualTo(OdpsVersion.V0_9_0);
        assertThat(product.kind()).isEqualTo(ProductKind.DATA_PRODUCT);
        assertThat(product.id()).isEqualTo("fbe8d147-28db-4f1d-bedf-a3fe9f458427");
        assertThat(product.description().purpose()).isEqualTo("Enterprise view of a customer.");
        assertThat(product.inputContractIds()).containsExactly("dbb7b1eb-7628-436e-8914-2a00638ba6db",
                "dbb7b1eb-7628-436e-8914-2a00638ba6da", "ec2a112d-5cfe-49f3-8760-f9cfb4597544",
                "ec2a112d-5cfe-49f3-8760-f9cfb4597547");
        assertThat(product.outputPortList()).hasSize(4);
        OutputPort raw = product.outputPort("rawtransactions", "2.0.0").orElseThrow();
        assertThat(raw.contractId()).isEqualTo("c2798941-1b7e-4b03-9e0d-955b1a872b33");
        assertThat(raw.sbom()).containsExactly(new Sbom("external", "https://mysbomserver/mysbom"));
        assertThat(raw.inputContractList()).containsExactly(
                new InputContract("dbb7b1eb-7628-436e-8914-2a00638ba6db", "2.0.0"),
                new InputContract("ec2a112d-5cfe-49f3-8760-f9cfb4597544", "1.0.0"));
        assertThat(raw.customProperties()).containsExactly(new CustomProperty("transactions_version", "2.0.0", null));
        assertThat(product.managementPorts()).singleElement().satisfies(port -> {
            assertThat(port.content()).isEqualTo("dictionary");
            assertThat(port.effectiveType()).isEqualTo("topic");
        });
        assertThat(product.support()).extracting(SupportChannel::tool).containsExactly("slack", "email");
        assertThat(product.teamName()).contains("Data Team");
        assertThat(product.teamMembers()).extracting(TeamMember::username)
                .containsExactly("john.doe@retailcorp.com", "jane.smith@retailcorp.com");
        assertThat(product.productCreatedTs()).isEqualTo("2023-01-15T10:30:00Z");
    }

    @Test
    void exposesPortsContractsAndTeamOfTheFullProduct() {
        DataProduct product = OdpsDocuments.read(handMade("valid", "full-v1.odps.yaml")).product();

        assertThat(product.outputContractIds()).containsExactly("9a8b7c6d-order-lines", "9a8b7c6d-order-lines-v1");
        assertThat(product.outputPortList()).extracting(OutputPort::name, OutputPort::version)
                .containsExactly(org.assertj.core.api.Assertions.tuple("order-lines", "2.1.0"),
                        org.assertj.core.api.Assertions.tuple("order-lines", "1.4.0"));
        assertThat(product.outputPort("order-lines", "3.0.0")).isEmpty();
        assertThat(product.inputContractIds()).containsExactly("0b1f7c9e-raw-orders", "5c2d8e4f-customers");
        assertThat(product.outputPortList().get(0).sbom()).extracting(Sbom::effectiveType)
                .containsExactly("external", "external");
        assertThat(product.teamName()).contains("orders-team");
        assertThat(product.teamMembers()).extracting(TeamMember::replacedByUsername)
                .containsExactly(null, "grace@example.com", null);
        assertThat(product.customProperties()).extracting(CustomProperty::value)
                .containsExactly(4711L, Map.of("days", 2555L, "archive", true), null);
        assertThat(product.managementPorts().get(0).effectiveType()).isEqualTo("rest");
    }

    @Test
    void keepsEmptyListsApartFromAbsentOnes() {
        DataProduct empty = OdpsDocuments.read(handMade("valid", "empty-lists-v1.odps.json")).product();
        DataProduct minimal = OdpsDocuments.read(handMade("valid", "minimal-v1.odps.yaml")).product();

        assertThat(empty.outputPorts()).isEmpty();
        assertThat(empty.team()).isEqualTo(new Team(null, null, List.of(), null, null, null));
        assertThat(minimal.outputPorts()).isNull();
        assertThat(minimal.team()).isNull();
        assertThat(minimal.outputPortList()).isEmpty();
        assertThat(minimal.teamName()).isEmpty();
        assertThat(minimal.teamMembers()).isEmpty();
    }

    @Test
    void placesEveryProblemOfABadProduct() {
        Read read = OdpsDocuments.read(handMade("invalid", "bad-product.odps.yaml"));

        assertThat(read.errors()).containsExactly(
                "bad-product.odps.yaml:1:1: missing required field `id`",
                "bad-product.odps.yaml:4:10: `version` must be a string, found an integer (at /version)",
                "bad-product.odps.yaml:8:5: missing required field `contractId` (at /inputPorts/0)",
                "bad-product.odps.yaml:15:9: missing required field `url` (at /outputPorts/0/sbom/0)",
                "bad-product.odps.yaml:13:5: unknown field `contractID`; did you mean `contractId`?"
                        + " (at /outputPorts/0/contractID)",
                "bad-product.odps.yaml:17:5: missing required field `content` (at /managementPorts/0)",
                "bad-product.odps.yaml:21:7: missing required field `username` (at /team/members/0)",
                "bad-product.odps.yaml:6:1: unknown field `tennant`; did you mean `tenant`? (at /tennant)");
    }

    @Test
    void stillReadsWhatItCanOfABadProduct() {
        DataProduct product = OdpsDocuments.read(handMade("invalid", "bad-product.odps.yaml")).product();

        assertThat(product.id()).isNull();
        assertThat(product.version()).isNull();
        assertThat(product.name()).isEqualTo("Bad product");
        assertThat(product.outputPortList()).singleElement().satisfies(port -> {
            assertThat(port.contractId()).isNull();
            assertThat(port.sbom()).containsExactly(new Sbom("external", null));
        });
        assertThat(product.teamName()).contains("orders");
    }

    @Test
    void rejectsPresentNullsWhereTheSchemaWantsStrings() {
        Read read = OdpsDocuments.read(handMade("invalid", "null-values.odps.yaml"));

        assertThat(read.errors()).containsExactly(
                "null-values.odps.yaml:5:6: `name` must be a string, found null (at /name)",
                "null-values.odps.yaml:11:5: missing required field `value` (at /customProperties/0)",
                "null-values.odps.yaml:6:12: expected a string, found null (at /tags/1)",
                "null-values.odps.yaml:9:14: `version` must be a string, found null (at /outputPorts/0/version)");
    }

    @Test
    void returnsNullWhenTheRootIsNotAnObject() {
        Read read = OdpsDocuments.read("- apiVersion: v1.0.0\n");

        assertThat(read.product()).isNull();
        assertThat(read.errors()).containsExactly(
                "product.odps.yaml:1:1: an ODPS data product must be an object, found a list");
    }

    @Test
    void namesTheSupportedVersionsForAnUnknownOne() {
        Read read = OdpsDocuments.read(handMade("invalid", "unsupported-version.odps.yaml"));

        assertThat(read.errors()).containsExactly("unsupported-version.odps.yaml:1:13: `apiVersion` must be one of"
                + " v0.9.0, v1.0.0; found 'v1.1.0'; did you mean `v1.0.0`? (at /apiVersion)");
        assertThat(read.product().id()).isEqualTo("from-the-future");
    }

    @Test
    void checksTheRestOfADocumentWithoutApiVersionByTheLatestRules() {
        Read read = OdpsDocuments.read("""
                kind: DataProduct
                id: x
                status: draft
                inputPorts:
                  - name: in
                    version: 1.0.0
                    contractId: c
                    tags: [allowed-in-v1]
                team: {name: t, members: [{}]}
                """);

        assertThat(read.errors()).containsExactly("product.odps.yaml:1:1: missing required field `apiVersion`",
                "product.odps.yaml:9:27: missing required field `username` (at /team/members/0)");
    }

    @Test
    void rejectsAWrongKind() {
        Read read = OdpsDocuments.read("apiVersion: v1.0.0\nkind: DataContract\nid: x\nstatus: draft\n");

        assertThat(read.errors()).containsExactly("product.odps.yaml:2:7: `kind` must be one of DataProduct;"
                + " found 'DataContract' (at /kind)");
    }

    @Test
    void hintsAtMisspelledFieldsInNestedObjects() {
        Read read = OdpsDocuments.read("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: x
                status: draft
                outputPort:
                  - name: out
                inputPorts:
                  - name: in
                    version: 1.0.0
                    contractid: c
                team:
                  name: t
                  member:
                    - username: u
                supportt: []
                """);

        assertThat(read.errors()).containsExactly(
                "product.odps.yaml:8:5: missing required field `contractId` (at /inputPorts/0)",
                "product.odps.yaml:10:5: unknown field `contractid`; did you mean `contractId`?"
                        + " (at /inputPorts/0/contractid)",
                "product.odps.yaml:13:3: unknown field `member`; did you mean `members`? (at /team/member)",
                "product.odps.yaml:5:1: unknown field `outputPort`; did you mean `outputPorts`? (at /outputPort)",
                "product.odps.yaml:15:1: unknown field `supportt`; did you mean `support`? (at /supportt)");
    }

    @Test
    void warnsAboutFormatsWithoutChangingTheVerdict() {
        Read read = OdpsDocuments.read("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: x
                status: draft
                support:
                  - channel: help
                    url: not a url
                team:
                  members:
                    - username: u
                      dateIn: 15/01/2023
                productCreatedTs: yesterday
                """);

        assertThat(read.errors()).isEmpty();
        assertThat(read.warnings()).containsExactly(
                "product.odps.yaml:7:10: warning: `url` should be an absolute URI such as https://...;"
                        + " found 'not a url' (at /support/0/url)",
                "product.odps.yaml:11:15: warning: `dateIn` should be a date such as 2024-05-31;"
                        + " found '15/01/2023' (at /team/members/0/dateIn)",
                "product.odps.yaml:12:19: warning: `productCreatedTs` should be a date-time with a time zone"
                        + " such as 2024-05-31T10:30:00Z; found 'yesterday' (at /productCreatedTs)");
    }

    @Test
    void acceptsAnyJsonValueAsACustomPropertyValue() {
        Read read = OdpsDocuments.read("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: x
                status: draft
                customProperties:
                  - {property: a, value: 1.5}
                  - {property: b, value: [1, "two", {three: 3}]}
                  - {property: c, value: null, description: explicitly nothing}
                  - {property: d, value: 5, extra: no}
                """);

        assertThat(read.errors()).containsExactly("product.odps.yaml:9:29: unknown field `extra` (at"
                + " /customProperties/3/extra)");
        assertThat(read.product().customProperties()).extracting(CustomProperty::value)
                .containsExactly(1.5, List.of(1L, "two", Map.of("three", 3L)), null, 5L);
    }

    static Path handMade(String validity, String name) {
        return OdpsDocuments.handMade(validity).stream().filter(file -> file.getFileName().toString().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no test document " + validity + "/" + name));
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
