package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What facts.dependencies says about each input port, resolved against the other products. */
class DependenciesTest {
    private static final String UPSTREAM = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: upstream
            status: %s
            outputPorts:
              - name: rows
                version: 1.0.0
                contractId: upstream-rows
            """;
    private static final String UPSTREAM_CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: upstream-rows
            version: 1.0.0
            status: %s
            slaProperties:
              - property: endOfSupport
                value: "2026-06-30"
              - property: endOfLife
                value: "2026-12-31"
            """;
    private static final String CONSUMER = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: consumer
            status: active
            inputPorts:
              - name: rows
                version: 1.0.0
                contractId: upstream-rows
              - name: old-rows
                version: 0.9.0
                contractId: upstream-rows
            """;

    private static List<Dependency> dependencies(String productStatus, String contractStatus) {
        MeshSnapshot mesh = MeshSnapshot.resolved(List.of(
                Fixtures.product(UPSTREAM.formatted(productStatus), UPSTREAM_CONTRACT.formatted(contractStatus)),
                Fixtures.product(CONSUMER)));
        return mesh.product("consumer").orElseThrow().facts().dependencies();
    }

    @Test
    void anInputPortResolvesToTheOutputPortOfferingItsContractAtItsVersion() {
        assertThat(dependencies("active", "active")).containsExactly(
                new Dependency("rows", "upstream-rows", "1.0.0", "upstream", "rows", "active", "2026-12-31"),
                new Dependency("old-rows", "upstream-rows", "0.9.0", null, null, null, null));
    }

    @Test
    void theWorstLifecycleStateOfProductAndContractCounts() {
        assertThat(dependencies("deprecated", "active").getFirst().status()).isEqualTo("deprecated");
        assertThat(dependencies("active", "retired").getFirst().status()).isEqualTo("retired");
        assertThat(dependencies("deprecated", "retired").getFirst().status()).isEqualTo("retired");
        assertThat(dependencies("active", "draft").getFirst().status()).isEqualTo("draft");
    }
}
