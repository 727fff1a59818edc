package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the policies of a mesh folder: the global folder, the domains' folders, and what each may declare. */
class LoaderTest {
    private static final String MESH = """
            apiVersion: polder/v1
            kind: Mesh
            name: test
            domains:
              - id: sales
              - id: customer
            """;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path mesh;

    private void write(String path, String text) throws IOException {
        Path file = mesh.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private PolicyLoad load() {
        return new PolicyLoader(Fixtures.ENGINE, io.polder.model.source.DocumentReader.withDefaults(), CLOCK)
                .load(mesh, "mesh");
    }

    @Test
    void readsGlobalAndDomainPoliciesWithTheirScopes() throws IOException {
        write("mesh.yaml", MESH);
        write("policies/owner.yaml", Fixtures.policy("global-rule", "product", "rule: has(product.team)\nmessage: m"));
        write("policies/more/nested.yml", Fixtures.policy("nested-rule", "product", "rule: true\nmessage: m"));
        write("sales/policies/sales.yaml", Fixtures.policy("sales-rule", "product", "rule: true\nmessage: m"));
        write("sales/policies/.hidden/skipped.yaml", "not: [valid");
        write("sales/orders/product.odps.yaml", "ignored: by the loader");
        PolicyLoad load = load();
        assertThat(load.problems()).isEmpty();
        assertThat(load.policySet().policies()).extracting(policy -> policy.id() + " " + policy.policy().scope())
                .containsExactly("nested-rule global", "global-rule global", "sales-rule sales");
        assertThat(load.policySet().policy("sales-rule").orElseThrow().policy().origin())
                .hasToString("mesh/sales/policies/sales.yaml:2:1");
    }

    @Test
    void filesHeldInMemoryLoadAsOneMeshDuplicatesAndExemptionsAcrossFilesIncluded() {
        PolicyLoader loader = new PolicyLoader(Fixtures.ENGINE, io.polder.model.source.DocumentReader.withDefaults(), CLOCK);
        PolicyLoad load = loader.read(java.util.List.of(
                new PolicyLoader.Source("policies/owner.yaml",
                        Fixtures.policy("global-rule", "product", "rule: has(product.team)\nmessage: m"), PolicyScope.global()),
                new PolicyLoader.Source("sales/policies/sales.yaml",
                        Fixtures.policy("global-rule", "product", "rule: true\nmessage: m"), PolicyScope.domain("sales")),
                new PolicyLoader.Source("policies/exemptions.yaml", """
                        apiVersion: polder/v1
                        kind: PolicyExemption
                        policy: global-rule
                        product: shop-orders
                        reason: Moving to the new owner model.
                        approver: dana@acme.example
                        expires: 2030-01-01
                        """, PolicyScope.global())));
        assertThat(load.errors()).singleElement().extracting(Problem::format).asString()
                .startsWith("sales/policies/sales.yaml:").contains("already declared at policies/owner.yaml");
        assertThat(load.policySet().policies()).singleElement().satisfies(policy -> assertThat(policy.policy().scope())
                .isEqualTo(PolicyScope.global()));
        assertThat(load.policySet().exemptions()).singleElement().satisfies(exemption ->
                assertThat(exemption.policy()).isEqualTo("global-rule"));
        assertThat(load.problems()).noneMatch(problem -> problem.message().contains("not loaded"));
    }

    @Test
    void aDomainCannotExemptItselfFromAGlobalPolicy() throws IOException {
        write("mesh.yaml", MESH);
        write("policies/owner.yaml", Fixtures.policy("global-rule", "product", "rule: has(product.team)\nmessage: m"));
        write("sales/policies/exemptions.yaml", """
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: global-rule
                product: shop-orders
                reason: We would rather not.
                approver: dana@acme.example
                expires: 2030-01-01
                """);
        PolicyLoad load = load();
        assertThat(load.errors()).singleElement().extracting(Problem::format).isEqualTo(
                "mesh/sales/policies/exemptions.yaml:1:1: an exemption in sales/policies/ cannot exempt from policy"
                        + " global-rule (global); only the mesh's policies/ folder may exempt from policies it does not own");
        assertThat(load.policySet().exemptions()).isEmpty();
    }

    @Test
    void theGovernanceGroupMayExemptFromAnyPolicyAndExpiredOnesAreReported() throws IOException {
        write("mesh.yaml", MESH);
        write("sales/policies/sales.yaml", Fixtures.policy("sales-rule", "product", "rule: true\nmessage: m"));
        write("policies/exemptions.yaml", """
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: sales-rule
                product: shop-orders
                reason: Migrating.
                approver: governance@acme.example
                expires: 2025-12-31
                ---
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: no-such-rule
                product: shop-orders
                reason: Migrating.
                approver: governance@acme.example
                expires: 2026-12-31T12:00:00Z
                """);
        PolicyLoad load = load();
        assertThat(load.errors()).isEmpty();
        assertThat(load.problems()).extracting(Problem::format).containsExactly(
                "mesh/policies/exemptions.yaml:1:1: warning: the exemption of shop-orders from sales-rule expired on"
                        + " 2025-12-31 and no longer applies; renew or remove it",
                "mesh/policies/exemptions.yaml:9:1: warning: the exemption names policy `no-such-rule`, which is not"
                        + " loaded; it exempts from nothing");
        assertThat(load.policySet().exemptions()).hasSize(2);
        assertThat(load.policySet().exemptions().getFirst().expires()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void warnsAboutFoldersAndScopesThatAreNoDomain() throws IOException {
        write("mesh.yaml", MESH);
        write("marketing/policies/m.yaml", Fixtures.policy("marketing-rule", "product", "rule: true\nmessage: m"));
        write("policies/p.yaml", Fixtures.policy("hr-rule", "product", "scope: hr\nrule: true\nmessage: m"));
        PolicyLoad load = load();
        assertThat(load.errors()).isEmpty();
        assertThat(load.problems()).extracting(Problem::severity).containsOnly(Severity.WARNING);
        assertThat(load.problems()).extracting(Problem::message).containsExactlyInAnyOrder(
                "folder marketing is not a domain declared in mesh.yaml, so the policies in it govern no product",
                "scope hr is not a domain declared in mesh.yaml; the policy hr-rule governs no product");
    }

    @Test
    void oneBrokenFileDoesNotStopTheOthers() throws IOException {
        write("mesh.yaml", MESH);
        write("policies/a.yaml", "apiVersion: polder/v1\nkind: Policy\nid: [broken");
        write("policies/b.yaml", Fixtures.policy("fine", "product", "rule: true\nmessage: m"));
        PolicyLoad load = load();
        assertThat(load.errors()).singleElement().extracting(Problem::file).isEqualTo("mesh/policies/a.yaml");
        assertThat(load.policySet().policy("fine")).isPresent();
    }

    @Test
    void aFolderOrFileIsDeclaredWhereItLies() throws IOException {
        write("mesh.yaml", MESH);
        write("sales/policies/tests/t.yaml", "x: 1");
        assertThat(PolicyLoader.locationOf(mesh.resolve("sales/policies"))).isEqualTo(PolicyScope.domain("sales"));
        assertThat(PolicyLoader.locationOf(mesh.resolve("sales/policies/tests/t.yaml"))).isEqualTo(PolicyScope.domain("sales"));
        assertThat(PolicyLoader.locationOf(mesh.resolve("policies/x.yaml"))).isEqualTo(PolicyScope.global());
        assertThat(PolicyLoader.locationOf(mesh.resolve("elsewhere"))).isEqualTo(PolicyScope.global());
    }

    @Test
    void loadsOneFileOrFolderOfAMesh() throws IOException {
        write("mesh.yaml", MESH);
        write("sales/policies/s.yaml", Fixtures.policy("sales-rule", "product", "rule: true\nmessage: m"));
        PolicyLoad load = new PolicyLoader(Fixtures.ENGINE).load(mesh.resolve("sales/policies/s.yaml"), "s.yaml");
        assertThat(load.problems()).isEmpty();
        assertThat(load.policySet().policy("sales-rule").orElseThrow().policy().scope()).isEqualTo(PolicyScope.domain("sales"));
        assertThat(new PolicyLoader(Fixtures.ENGINE).load(mesh.resolve("nothing"), "nothing").errors())
                .extracting(Problem::format).containsExactly("nothing:1:1: no such file or folder");
    }
}
