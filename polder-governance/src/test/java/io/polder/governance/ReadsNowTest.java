package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a policy names {@code now}: what tells a caller that its results can change with the clock alone. */
class ReadsNowTest {
    private final PolicyEngine engine = new PolicyEngine();

    private boolean readsNow(String when, String rule, String message) {
        Policy policy = new Policy("timed", "1.0.0", null, null, PolicyScope.global(), PolicyTarget.PRODUCT,
                PolicySeverity.WARNING, when, rule, message, Origin.NONE);
        return engine.compile(policy).compiledPolicy().orElseThrow().readsNow();
    }

    @Test
    void nowInTheRuleTheWhenOrAPlaceholderIsSeen() {
        assertThat(readsNow(null, "now < timestamp('2026-03-31T00:00:00Z')", "m")).isTrue();
        assertThat(readsNow("now > timestamp('2026-01-01T00:00:00Z')", "true", "m")).isTrue();
        assertThat(readsNow(null, "true", "evaluated at {{ now }}")).isTrue();
    }

    @Test
    void aPolicyThatNamesOnlyTheProductAndItsFactsDoesNotReadNow() {
        assertThat(readsNow("product.status == 'active'", "has(product.description)",
                "{{ product.id }} has {{ facts.consumers }} consumers; the word now in text does not count")).isFalse();
        assertThat(readsNow(null, "product.tags.all(tag, tag != 'now')", "m")).isFalse();
    }
}
