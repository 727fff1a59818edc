package io.polder.model.odps;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.odps.OdpsDocuments.Read;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each document is validated by the version it declares; see {@link OdpsReader} for the v0.9.0 rule. */
class OdpsVersionRulesTest {

    @Test
    void theOfficialExamplesDeclareV090AndAreReadByTheV100Rules() {
        Read customer = OdpsDocuments.read(OdpsDocuments.officialExample("customer-data-product.odps.yaml"));

        assertThat(customer.errors()).isEmpty();
        assertThat(customer.warnings()).containsExactly("customer-data-product.odps.yaml:1:13: warning: declares"
                + " ODPS v0.9.0 but uses ODPS v1.0.0: by the v0.9.0 rules, unknown field `tags`: an input port has"
                + " `tags` only since ODPS v1.0.0 (line 30:3); it is valid because the v1.0.0 rules also accept"
                + " apiVersion v0.9.0; declare `apiVersion: v1.0.0` (at /apiVersion)");
        assertThat(customer.product().team()).isInstanceOf(Team.class);
    }

    @Test
    void aV090DocumentValidByV090RulesGetsNoWarning() {
        Read simple = OdpsDocuments.read(OdpsDocuments.officialExample("simple-data-product.odps.yaml"));

        assertThat(simple.problems()).isEmpty();
    }

    @Test
    void aV090TeamListIsReadByTheV090Rules() {
        Read legacy = OdpsDocuments.read(OdpsReaderTest.handMade("valid", "legacy-team-list-v0.9.odps.yaml"));

        assertThat(legacy.problems()).isEmpty();
        assertThat(legacy.product().team()).isInstanceOf(TeamMemberList.class);
        assertThat(legacy.product().teamName()).isEmpty();
        assertThat(legacy.product().teamMembers()).extracting(TeamMember::username)
                .containsExactly("alan@example.com", null);
    }

    @Test
    void aV090TeamListRulesOutV100PortMetadata() {
        Read mixed = OdpsDocuments.read(OdpsReaderTest.handMade("invalid", "v0.9-team-list-with-port-tags.odps.yaml"));

        assertThat(mixed.errors()).containsExactly("v0.9-team-list-with-port-tags.odps.yaml:10:5: unknown field"
                + " `tags`: an input port has `tags` only since ODPS v1.0.0 (at /inputPorts/0/tags)");
    }

    @Test
    void aV090TeamListRulesOutOtherAuthoritativeDefinitionTypes() {
        Read read = OdpsDocuments.read(OdpsReaderTest.handMade("invalid",
                "v0.9-team-list-with-custom-definition-type.odps.yaml"));

        assertThat(read.errors()).containsExactly("v0.9-team-list-with-custom-definition-type.odps.yaml:7:11:"
                + " `type` must be one of businessDefinition, transformationImplementation, videoTutorial, tutorial,"
                + " implementation in ODPS v0.9.0; found 'canonicalUrl' (at /authoritativeDefinitions/0/type)");
    }

    @Test
    void aV100DocumentMustUseTheTeamObject() {
        Read read = OdpsDocuments.read(OdpsReaderTest.handMade("invalid", "team-list-in-v1.odps.yaml"));

        assertThat(read.errors()).containsExactly("team-list-in-v1.odps.yaml:6:3: `team` must be an object with"
                + " `name` and `members` in ODPS v1.0.0; a bare list of members is the ODPS v0.9.0 form (at /team)");
    }

    @Test
    void aV100DocumentMayUseAnyAuthoritativeDefinitionType() {
        Read read = OdpsDocuments.read("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: x
                status: draft
                authoritativeDefinitions: [{type: canonicalUrl, url: "https://example.com/x"}]
                """);

        assertThat(read.problems()).isEmpty();
    }

    @Test
    void aV090MemberNeedsNoUsernameButAV100MemberDoes() {
        String members = """
                kind: DataProduct
                id: x
                status: draft
                team: %s
                """;
        Read legacy = OdpsDocuments.read("apiVersion: v0.9.0\n" + members.formatted("[{role: owner}]"));
        Read current = OdpsDocuments.read("apiVersion: v1.0.0\n" + members.formatted("{members: [{role: owner}]}"));

        assertThat(legacy.errors()).isEmpty();
        assertThat(current.errors()).containsExactly(
                "product.odps.yaml:5:18: missing required field `username` (at /team/members/0)");
    }

    @Test
    void aMistypedVersionOnAV090DocumentGivesOneErrorNotACascade() {
        Read read = OdpsDocuments.read("""
                apiVersion: "0.9"
                kind: DataProduct
                id: x
                status: draft
                team: [{role: owner}]
                """);

        assertThat(read.errors()).containsExactly("product.odps.yaml:1:13: `apiVersion` must be one of v0.9.0,"
                + " v1.0.0; found '0.9' (at /apiVersion)");
        assertThat(read.product().team()).isEqualTo(new TeamMemberList(List.of(
                new TeamMember(null, null, null, "owner", null, null, null, null, null, null))));
    }

    @Test
    void versionsAreSpelledAsTheStandardSpellsThem() {
        assertThat(List.of(OdpsVersion.values())).extracting(OdpsVersion::value).containsExactly("v0.9.0", "v1.0.0");
        assertThat(OdpsVersion.latest()).isEqualTo(OdpsVersion.V1_0_0);
    }
}
