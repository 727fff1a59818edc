package io.polder.governance;

import static io.polder.governance.Fixtures.load;
import static io.polder.governance.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import org.junit.jupiter.api.Test;

/** Every way a policy file can be wrong is refused at load, with a message naming file, line and column. */
class BadPolicyTest {

    private static Problem onlyError(String yaml) {
        PolicyLoad load = load(yaml);
        assertThat(load.errors()).as(load.problems().toString()).hasSize(1);
        assertThat(load.policySet().size()).isZero();
        return load.errors().getFirst();
    }

    @Test
    void aSyntaxErrorIsPlacedInTheFile() {
        Problem problem = onlyError(policy("broken", "product", "rule: product.id == \nmessage: m"));
        assertThat(problem.format()).startsWith("policies/test.yaml:8:20: policy broken: `rule` ")
                .contains("mismatched input '<EOF>'");
    }

    @Test
    void theExpectedTokensOfASyntaxErrorAreWrittenAsInCel() {
        Problem problem = onlyError(policy("broken", "product", "rule: product.id product.name\nmessage: m"));
        assertThat(problem.format()).contains("expecting").contains("'%'").doesNotContain("'%%'");
    }

    @Test
    void anErrorInABlockRuleNamesItsOwnLineAndColumn() {
        Problem problem = onlyError(policy("block", "property", """
                rule: |
                  has(property.classification)
                    && property.clasification == 'personal'
                message: m"""));
        assertThat(problem.position()).hasToString("10:16");
        assertThat(problem.message()).contains("unknown field `clasification`; did you mean `classification`?");
    }

    @Test
    void anErrorInAQuotedRuleCountsTheQuote() {
        Problem problem = onlyError(policy("quoted", "product", "rule: \"product.nmae == 'x'\"\nmessage: m"));
        assertThat(problem.position()).hasToString("8:15");
    }

    @Test
    void anErrorInAFoldedRuleIsFoundOnItsLine() {
        Problem problem = onlyError(policy("folded", "product", """
                rule: >-
                  has(product.description)
                  && product.descripton.purpose != ''
                message: m"""));
        assertThat(problem.position().line()).isEqualTo(10);
        assertThat(problem.message()).contains("`descripton`");
    }

    @Test
    void aTypeErrorIsRefused() {
        Problem problem = onlyError(policy("typed", "product", "rule: product.version + 1 == 2\nmessage: m"));
        assertThat(problem.message()).contains("found no matching overload for '_+_' applied to '(string, int)'");
        assertThat(problem.position()).hasToString("8:23");
    }

    @Test
    void anUnknownVariableIsRefusedWithTheVariablesThatExist() {
        Problem problem = onlyError(policy("unknown", "product", "rule: prodcut.id != ''\nmessage: m"));
        assertThat(problem.message()).contains("unknown variable `prodcut`; did you mean `product`? "
                + "(the variables of target product are product, domain, facts, now)");
    }

    @Test
    void aVariableOfAnotherTargetIsRefused() {
        Problem problem = onlyError(policy("other", "contract", "rule: has(property.name)\nmessage: m"));
        assertThat(problem.message()).contains("`property` is not available for target contract; its variables are "
                + "product, contract, port, domain, facts, now");
    }

    @Test
    void aRuleReturningAStringIsRefused() {
        Problem problem = onlyError(policy("string", "product", "rule: product.id\nmessage: m"));
        assertThat(problem.message()).contains("`rule` must be a bool expression (true when the target complies), "
                + "but it is of type string");
    }

    @Test
    void aWhenReturningAListIsRefused() {
        Problem problem = onlyError(policy("list", "product", "when: product.tags\nrule: true\nmessage: m"));
        assertThat(problem.message()).contains("`when` must be a bool expression").contains("list(string)");
    }

    @Test
    void anEmptyRuleIsRefused() {
        Problem problem = onlyError(policy("empty", "product", "rule: ' '\nmessage: m"));
        assertThat(problem.message()).contains("`rule` is empty");
    }

    @Test
    void aMessageNamingAMissingFieldIsRefusedAtLoad() {
        Problem problem = onlyError(policy("message", "property",
                "rule: has(property.classification)\nmessage: \"{{ property.name }} of {{ object.nmae }} is unclassified\""));
        assertThat(problem.format()).startsWith("policies/test.yaml:9:43: policy message: `message` placeholder "
                + "{{ object.nmae }}: unknown field `nmae`; did you mean `name`?");
    }

    @Test
    void anUnclosedPlaceholderIsRefused() {
        Problem problem = onlyError(policy("unclosed", "product", "rule: true\nmessage: oops {{ product.id"));
        assertThat(problem.message()).contains("`{{` is not closed by `}}`");
        assertThat(problem.position()).hasToString("9:15");
    }

    @Test
    void aBrokenRegularExpressionIsRefusedAtLoad() {
        Problem problem = onlyError(policy("regex", "product", "rule: product.id.matches('([a-z]+')\nmessage: m"));
        assertThat(problem.message()).contains("invalid regular expression");
        assertThat(problem.position()).hasToString("8:26");
    }

    @Test
    void anExpressionLongerThanTheLimitIsRefused() {
        String longRule = "product.id == '" + "x".repeat(5_000) + "'";
        Problem problem = onlyError(policy("long", "product", "rule: \"" + longRule + "\"\nmessage: m"));
        assertThat(problem.message()).contains("4096");
    }

    @Test
    void aDuplicatePolicyIdIsRefusedNamingTheFirst() {
        PolicyLoad load = load(policy("twice", "product", "rule: true\nmessage: one")
                + policy("twice", "contract", "rule: true\nmessage: two"));
        assertThat(load.errors()).singleElement().satisfies(problem -> {
            assertThat(problem.position()).hasToString("13:5");
            assertThat(problem.message()).isEqualTo("policy id `twice` is already declared at policies/test.yaml:2:1;"
                    + " policy ids are unique in the mesh");
        });
        assertThat(load.policySet().size()).isEqualTo(1);
    }

    @Test
    void anExemptionWithoutExpiryIsRefused() {
        Problem problem = onlyError("""
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: product-has-owner
                product: shop-orders
                reason: The team is being set up.
                approver: governance@acme.example
                """);
        assertThat(problem.format()).startsWith("policies/test.yaml:1:1: an exemption must say when it expires");
    }

    @Test
    void anExemptionWithAnUnreadableExpiryIsRefused() {
        Problem problem = onlyError("""
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: product-has-owner
                product: shop-orders
                reason: The team is being set up.
                approver: governance@acme.example
                expires: next spring
                """);
        assertThat(problem.format()).startsWith("policies/test.yaml:7:10: `expires` must be a date (2026-06-30)");
    }

    @Test
    void aMisspelledFieldGetsAHint() {
        Problem problem = onlyError("""
                apiVersion: polder/v1
                kind: Policy
                id: typo
                version: 1.0.0
                target: product
                severity: error
                rule: true
                message: m
                sevrity: warning
                """);
        assertThat(problem.format()).startsWith("policies/test.yaml:9:1: unknown field `sevrity`").contains("severity");
    }

    @Test
    void fieldsAreCheckedByTheirRules() {
        PolicyLoad load = load("""
                apiVersion: polder/v2
                kind: Policy
                id: Not_An_Id
                version: "1.0"
                target: table
                severity: fatal
                rule: true
                """);
        assertThat(load.errors()).extracting(Problem::message).containsExactlyInAnyOrder(
                "missing required field `message`",
                "`apiVersion` must be polder/v1, found 'polder/v2'",
                "`id` must be a lowercase id ([a-z][a-z0-9-]*, at most 63 characters), found 'Not_An_Id'",
                "`version` must be a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0), found '1.0'",
                "`target` must be one of product, output-port, contract, schema-object, property; found 'table'",
                "`severity` must be one of error, warning, info; found 'fatal'");
    }

    @Test
    void anUnknownKindIsRefused() {
        Problem problem = onlyError("apiVersion: polder/v1\nkind: Rule\nid: x\n");
        assertThat(problem.message()).isEqualTo("unknown kind 'Rule' in a policies folder; expected `kind: Policy`, "
                + "`kind: PolicyExemption` or `kind: PolicyTest`");
    }

    @Test
    void aDomainPolicyCannotGovernTheWholeMesh() {
        PolicyLoad load = load(policy("grab", "product", "scope: global\nrule: true\nmessage: m"),
                PolicyScope.domain("sales"));
        assertThat(load.errors()).singleElement().extracting(Problem::message).asString()
                .startsWith("a policy in sales/policies/ can only govern domain sales, not the whole mesh");
    }

    @Test
    void aDomainPolicyGovernsItsDomainByDefault() {
        PolicyLoad load = load(policy("mine", "product", "rule: true\nmessage: m"), PolicyScope.domain("sales"));
        assertThat(load.problems()).isEmpty();
        assertThat(load.policySet().policy("mine").orElseThrow().policy().scope()).isEqualTo(PolicyScope.domain("sales"));
    }

    @Test
    void aPolicyWithManyMistakesReportsEachOfThem() {
        PolicyLoad load = load(policy("many", "product",
                "rule: foo && property.name == '' && product.version + 1 == 2\nmessage: \"{{ product.idd }}\""));
        assertThat(load.errors()).hasSize(4);
    }
}
