package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.validate.Validator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleMeshTest {
    static final Path MESH = Path.of(System.getProperty("polder.repo.dir", "..")).resolve("examples/mesh");

    @Test
    void theMeshStillValidatesWithItsPoliciesFolders() {
        var report = new Validator().validate(MESH, "examples/mesh");
        assertThat(report.problems()).isEmpty();
    }

    @Test
    void dependenciesAreResolvedAgainstTheOtherProductsOfTheMesh() {
        MeshSnapshot mesh = MeshSnapshot.of(new Validator().loadMesh(MESH, "examples/mesh"));
        ProductContext customer360 = mesh.product("customer-360").orElseThrow();
        assertThat(customer360.facts().dependencies()).containsExactly(
                new Dependency("customers", "customer-profiles-customers", "2.1.0", "customer-profiles", "customers",
                        "active", null),
                new Dependency("orders", "sales-orders-orders", "1.2.0", "sales-orders", "orders", "active", null),
                new Dependency("shipments", "logistics-shipments-shipments", "1.3.0", "logistics-shipments", "shipments",
                        "active", null));
        assertThat(customer360.domain()).isEqualTo(new DomainInfo("customer", "Customer", customer360.domain().description(),
                List.of("chen@acme.example", "sofia@acme.example")));
        assertThat(mesh.product("sales-orders").orElseThrow().facts().dependencies()).isEmpty();
    }

    @Test
    void aDeprecatedUpstreamBlocksItsConsumersUntilExempted() {
        MeshSnapshot mesh = MeshSnapshot.of(new Validator().loadMesh(MESH, "examples/mesh"));
        ProductContext orders = mesh.product("sales-orders").orElseThrow();
        ProductContext deprecated = new ProductContext(withStatus(orders.product(), "deprecated"), orders.contracts(),
                orders.domain(), orders.facts(), orders.productSource(), orders.contractSources());
        MeshSnapshot changed = MeshSnapshot.resolved(mesh.products().stream()
                .map(product -> product == orders ? deprecated : product).toList());
        PolicyEngine engine = new PolicyEngine();
        PolicyLoad load = new PolicyLoader(engine).load(MESH, "examples/mesh");
        List<Verdict> verdicts = engine.evaluate(load.policySet(), changed, Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(verdicts).filteredOn(Verdict::blocks).extracting(Verdict::product)
                .containsExactlyInAnyOrder("sales-daily-revenue", "logistics-delivery-performance", "customer-360");
        ComplianceSummary summary = ComplianceSummary.of(verdicts);
        assertThat(summary.domains()).extracting(domain -> domain.domain() + " " + domain.products() + " "
                + domain.blockedProducts()).containsExactlyInAnyOrder("customer 2 1", "finance 1 0", "logistics 2 1",
                "sales 2 1");
        assertThat(summary.policies()).filteredOn(policy -> policy.policy().equals("no-deprecated-dependencies"))
                .singleElement().satisfies(policy -> {
                    assertThat(policy.counts()).isEqualTo(new ComplianceSummary.Counts(4, 3, 0, 0));
                    assertThat(policy.failingProducts()).isEqualTo(3);
                    assertThat(policy.counts().passRate()).isEqualTo(4 / 7.0);
                });
        assertThat(summary.failures()).hasSize(3);
        assertThat(ComplianceSummary.ofDomain(verdicts, "finance").domains()).singleElement()
                .extracting(domain -> domain.counts().passRate()).isEqualTo(1.0);
        assertThat(verdicts).filteredOn(verdict -> verdict.product().equals("customer-360")).singleElement()
                .satisfies(verdict -> assertThat(verdict.problems()).extracting(io.polder.model.problem.Problem::format)
                        .containsExactly("examples/mesh/customer/customer-360/product.odps.yaml:46:5: customer-360 depends"
                                + " on ports that are going away: [sales-orders/orders 1.2.0 (deprecated)]: move to their"
                                + " successor, or record the plan in a PolicyExemption with an expiry"
                                + " [policy no-deprecated-dependencies] (at /inputPorts/1)"));
    }

    @Test
    void aRuleThatAsksForADependencyIsFoundAtTheProductNotAtAnUnrelatedInputPort() {
        MeshSnapshot mesh = MeshSnapshot.of(new Validator().loadMesh(MESH, "examples/mesh"));
        PolicyEngine engine = new PolicyEngine();
        PolicyLoad load = new PolicyLoader(engine).read(Fixtures.policy("reads-payments", "product",
                "rule: facts.dependencies.exists(d, d.product == 'payments')\nmessage: reads no payments"),
                "policies/payments.yaml", PolicyScope.global());
        List<Verdict> verdicts = engine.evaluate(load.policySet(), mesh, Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(verdicts).filteredOn(verdict -> verdict.product().equals("customer-360")).singleElement()
                .satisfies(verdict -> assertThat(verdict.problems()).extracting(io.polder.model.problem.Problem::format)
                        .containsExactly("examples/mesh/customer/customer-360/product.odps.yaml:1:1: reads no payments"
                                + " [policy reads-payments]"));
    }

    private static io.polder.model.odps.DataProduct withStatus(io.polder.model.odps.DataProduct p, String status) {
        return new io.polder.model.odps.DataProduct(p.apiVersion(), p.kind(), p.id(), p.name(), p.version(), status,
                p.domain(), p.tenant(), p.authoritativeDefinitions(), p.description(), p.customProperties(), p.tags(),
                p.inputPorts(), p.outputPorts(), p.managementPorts(), p.support(), p.team(), p.productCreatedTs());
    }

    @Test
    void theExampleMeshPassesEveryErrorLevelPolicy() {
        PolicyEngine engine = new PolicyEngine();
        PolicyLoad load = new PolicyLoader(engine).load(MESH, "examples/mesh");
        assertThat(load.problems()).isEmpty();
        assertThat(load.policySet().size()).isEqualTo(13);
        MeshSnapshot mesh = MeshSnapshot.of(new Validator().loadMesh(MESH, "examples/mesh"));
        List<Verdict> verdicts = engine.evaluate(load.policySet(), mesh, Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(verdicts).hasSize(7).allSatisfy(verdict -> {
            assertThat(verdict.problems()).as(verdict.product()).isEmpty();
            assertThat(verdict.errors()).isEmpty();
        });
        assertThat(verdicts).noneMatch(Verdict::blocks);
        assertThat(verdicts.stream().mapToInt(verdict -> verdict.passed().size()).sum()).isEqualTo(85);
    }
}
