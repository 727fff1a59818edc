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
    void theExampleMeshPassesEveryErrorLevelPolicy() {
        PolicyEngine engine = new PolicyEngine();
        PolicyLoad load = new PolicyLoader(engine).load(MESH, "examples/mesh");
        load.problems().forEach(System.out::println);
        assertThat(load.errors()).isEmpty();
        MeshSnapshot mesh = MeshSnapshot.of(new Validator().loadMesh(MESH, "examples/mesh"));
        List<Verdict> verdicts = engine.evaluate(load.policySet(), mesh, Instant.parse("2026-01-15T00:00:00Z"));
        for (Verdict verdict : verdicts) {
            System.out.println(verdict);
            verdict.problems().forEach(problem -> System.out.println("  " + problem));
        }
        assertThat(verdicts).hasSize(7).noneMatch(Verdict::blocks);
    }
}
