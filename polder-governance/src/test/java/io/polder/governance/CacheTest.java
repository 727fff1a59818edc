package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Compiled policies are cached by id, version and source digest. */
class CacheTest {
    private static Policy policy(String version, String rule) {
        return new Policy("cached", version, null, null, PolicyScope.global(), PolicyTarget.PRODUCT,
                PolicySeverity.ERROR, null, rule, "m", Origin.NONE);
    }

    private static CompiledPolicy.Expressions compile(PolicyEngine engine, Policy policy) {
        return engine.compile(policy).compiledPolicy().orElseThrow().expressions();
    }

    @Test
    void theSamePolicyIsCompiledOnce() {
        PolicyEngine engine = new PolicyEngine();
        assertThat(compile(engine, policy("1.0.0", "true"))).isSameAs(compile(engine, policy("1.0.0", "true")));
    }

    @Test
    void aNewVersionOrAChangedRuleIsCompiledAgain() {
        PolicyEngine engine = new PolicyEngine();
        CompiledPolicy.Expressions first = compile(engine, policy("1.0.0", "true"));
        assertThat(compile(engine, policy("1.1.0", "true"))).isNotSameAs(first);
        // a rule changed without a new version is not mistaken for the old one
        assertThat(compile(engine, policy("1.0.0", "false"))).isNotSameAs(first);
        assertThat(compile(engine, policy("1.0.0", "false")).digest()).isNotEqualTo(first.digest());
    }

    @Test
    void withoutACacheEveryCompilationIsNew() {
        PolicyEngine engine = new PolicyEngine(EngineOptions.DEFAULTS.withCacheSize(0));
        assertThat(compile(engine, policy("1.0.0", "true"))).isNotSameAs(compile(engine, policy("1.0.0", "true")));
    }

    @Test
    void theCompiledPolicyCarriesTheDeclarationItWasLoadedFrom() {
        PolicyEngine engine = new PolicyEngine();
        Policy moved = new Policy("cached", "1.0.0", null, null, PolicyScope.domain("sales"), PolicyTarget.PRODUCT,
                PolicySeverity.WARNING, null, "true", "m", new Origin("elsewhere.yaml", io.polder.model.source.Position.START));
        compile(engine, policy("1.0.0", "true"));
        assertThat(engine.compile(moved).compiledPolicy().orElseThrow().policy()).isSameAs(moved);
    }
}
