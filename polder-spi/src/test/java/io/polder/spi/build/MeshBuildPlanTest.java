package io.polder.spi.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.spi.PortRef;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.testkit.KitFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeshBuildPlanTest {
    private static ProductDefinition product(String id, String inputContract, String... outputs) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1.0.0\nkind: DataProduct\nid: " + id + "\nstatus: active\n");
        if (inputContract != null) {
            yaml.append("inputPorts:\n  - name: in\n    version: 1.0.0\n    contractId: ").append(inputContract).append('\n');
        }
        yaml.append("outputPorts:\n");
        List<io.polder.model.odcs.DataContract> contracts = new java.util.ArrayList<>();
        for (String output : outputs) {
            yaml.append("  - name: ").append(output).append("\n    version: 1.2.0\n    contractId: ").append(id).append('-')
                    .append(output).append('\n');
            contracts.add(KitFixtures.contract("apiVersion: v3.1.0\nkind: DataContract\nid: " + id + "-" + output
                    + "\nversion: 1.2.0\nstatus: active\n"));
        }
        return new ProductDefinition(KitFixtures.product(yaml.toString()), contracts, List.of(), null);
    }

    @Test
    void ordersProductsAfterWhatTheyReadAndBindsTheirInputs() {
        MeshBuildPlan plan = MeshBuildPlan.of(List.of(product("report", "daily-sums", "monthly"),
                product("daily", "orders-all", "sums"), product("orders", null, "all"), product("other", null, "x")));

        assertThat(plan.order()).extracting(ProductDefinition::id).containsExactly("orders", "other", "daily", "report");
        assertThat(plan.inputs("report")).containsExactly(new InputBinding("in", new PortRef("daily", "sums", 1)));
        assertThat(plan.request("daily").inputs()).containsExactly(new InputBinding("in", new PortRef("orders", "all", 1)));
        assertThat(plan.upstream("report")).containsExactly("daily");
        assertThat(plan.downstream("orders")).containsExactly("daily");
        assertThatThrownBy(() -> plan.product("nope")).hasMessageContaining("no product `nope`");
    }

    @Test
    void refusesAnInputNoOneOffersAndCycles() {
        assertThatThrownBy(() -> MeshBuildPlan.of(List.of(product("daily", "missing-contract", "sums"))))
                .isInstanceOf(BuildDefinitionException.class).hasMessageContaining("missing-contract");
        assertThatThrownBy(() -> MeshBuildPlan.of(List.of(product("a", "b-out", "out"), product("b", "a-out", "out"))))
                .isInstanceOf(BuildDefinitionException.class).hasMessageContaining("cycle");
        assertThatThrownBy(() -> MeshBuildPlan.of(List.of(product("a", "a-out", "out"))))
                .hasMessageContaining("no other product");
    }

    @Test
    void aPortsMajorVersionsMustDiffer() {
        ProductDefinition product = product("p", null, "x");
        ProductDefinition twoVersions = new ProductDefinition(KitFixtures.product("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: p
                status: active
                outputPorts:
                  - {name: x, version: 1.2.0, contractId: p-x}
                  - {name: x, version: 1.3.0, contractId: p-x}
                """), product.contracts(), List.of(), null);

        assertThatThrownBy(twoVersions::outputPorts).hasMessageContaining("share major version 1");
    }
}
