package io.polder.governance;

import static io.polder.governance.Fixtures.NOW;
import static io.polder.governance.Fixtures.evaluate;
import static io.polder.governance.Fixtures.policy;
import static io.polder.governance.Fixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evaluating policies on a product: results per target, messages, when, scope, exemptions, blocking. */
class EvaluationTest {

    @Test
    void aPropertyPolicyIsEvaluatedOnEveryPropertyNestedOnesAndItemsIncluded() {
        Verdict verdict = evaluate(policy("typed", "property", "rule: has(property.logicalType)\nmessage: m"), shop());
        assertThat(verdict.results()).extracting(result -> result.target().name()).containsExactly(
                "orders.order_id", "orders.email", "orders.address", "orders.address.street", "orders.tags",
                "orders.tags[]");
        assertThat(verdict.passed()).hasSize(6);
        assertThat(verdict.blocks()).isFalse();
    }

    @Test
    void aFailureRendersItsMessageFromTheTargetsFields() {
        Verdict verdict = evaluate(policy("personal", "property", """
                when: has(property.customProperties) && property.customProperties.exists(c, c.property == 'personalData')
                rule: has(property.classification) && property.classification in ['personal', 'restricted']
                message: >-
                  {{ property.name }} of {{ object.name }} in {{ contract.id }} holds
                  {{ property.customProperties[0].value }} data but is {{ property.classification }}"""), shop());
        assertThat(verdict.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.message()).isEqualTo("email of orders in shop-orders-orders holds email data but is internal");
            assertThat(failure.target()).isEqualTo(new Target(PolicyTarget.PROPERTY, "shop-orders", "orders.email",
                    "shop-orders-orders", "contracts/0.odcs.yaml", "/schema/0/properties/1"));
            assertThat(failure.severity()).isEqualTo(PolicySeverity.ERROR);
        });
        assertThat(verdict.results()).filteredOn(result -> result.outcome() == PolicyResult.Outcome.NOT_APPLICABLE)
                .hasSize(5);
        assertThat(verdict.blocks()).isTrue();
    }

    @Test
    void aMessageNamingAnAbsentFieldSaysSoInsteadOfFailing() {
        Verdict verdict = evaluate(policy("usage", "product", """
                rule: has(product.description.usage)
                message: "no usage for {{ product.id }}: {{ product.description.usage }} / {{ product.?tags.orValue([]) }}\""""),
                shop());
        assertThat(verdict.failures()).singleElement().extracting(PolicyResult.Failed::message)
                .isEqualTo("no usage for shop-orders: (missing: product.description.usage) / []");
    }

    @Test
    void problemsNameTheFileAndLineOfWhatFailed() {
        Verdict verdict = evaluate(policy("classified", "property", "rule: has(property.classification)\nmessage: "
                + "\"{{ property.name }} has no classification\"")
                + policy("warned", "output-port", "rule: false\nmessage: port {{ port.name }}").replace(
                        "severity: error", "severity: warning"), shop());
        assertThat(verdict.problems()).extracting(Problem::format).containsExactly(
                "contracts/0.odcs.yaml:21:9: address has no classification [policy classified] (at /schema/0/properties/2)",
                "contracts/0.odcs.yaml:24:13: street has no classification [policy classified] (at /schema/0/properties/2/properties/0)",
                "contracts/0.odcs.yaml:26:9: tags has no classification [policy classified] (at /schema/0/properties/3)",
                "contracts/0.odcs.yaml:29:11: (missing: property.name) has no classification [policy classified] (at /schema/0/properties/3/items)",
                "product.odps.yaml:13:5: warning: port orders [policy warned] (at /outputPorts/0)");
        assertThat(verdict.problems()).extracting(Problem::severity).containsExactly(Severity.ERROR, Severity.ERROR,
                Severity.ERROR, Severity.ERROR, Severity.WARNING);
    }

    @Test
    void aWhenOnTheProductIsEvaluatedOncePerProduct() {
        Verdict verdict = evaluate(policy("drafts", "property", "when: product.status == 'draft' || facts.consumers > 5"
                + "\nrule: false\nmessage: m"), shop());
        assertThat(verdict.results()).singleElement().satisfies(result -> {
            assertThat(result).isInstanceOf(PolicyResult.NotApplicable.class);
            assertThat(((PolicyResult.NotApplicable) result).reason()).isEqualTo(PolicyResult.Reason.WHEN);
            assertThat(result.target().kind()).isEqualTo(PolicyTarget.PRODUCT);
        });
    }

    @Test
    void policiesThatDoNotApplyAreListedWithTheReason() {
        ProductContext sourceOnly = Fixtures.product("""
                apiVersion: v1.0.0
                kind: DataProduct
                id: bare
                status: active
                domain: sales
                """);
        Verdict verdict = evaluate(policy("retired", "product", "when: product.status == 'retired'\nrule: false\nmessage: m")
                + policy("finance", "product", "scope: finance\nrule: false\nmessage: m")
                + policy("ports", "output-port", "rule: false\nmessage: m")
                + policy("applies", "product", "rule: true\nmessage: m"), sourceOnly);
        assertThat(verdict.results()).extracting(result -> result.policy().id()).containsExactly("applies");
        assertThat(verdict.notApplicable()).extracting(result -> result.policy().id() + " " + result.reason())
                .containsExactly("retired WHEN", "finance SCOPE", "ports TARGET");
    }

    @Test
    void policiesFoundThroughTheirGuardsKeepTheirOrder() {
        ProductContext tagged = Fixtures.product(Fixtures.PRODUCT.replace("team:\n", "tags: [pii, finance]\nteam:\n"));
        Verdict verdict = evaluate(policy("first", "product", "rule: true\nmessage: m")
                + policy("pii", "product", "when: \"'pii' in product.tags\"\nrule: true\nmessage: m")
                + policy("drafts", "product", "when: product.status in ['draft', 'proposed']\nrule: true\nmessage: m")
                + policy("active", "product", "when: product.status == 'active' && domain.id == 'sales'\nrule: true\nmessage: m")
                + policy("both", "product", "when: \"'finance' in product.tags && product.id == 'shop-orders'\"\nrule: true"
                + "\nmessage: m")
                + policy("not-sales", "product", "when: product.domain != 'sales'\nrule: true\nmessage: m")
                + policy("last", "product", "rule: true\nmessage: m"), tagged);
        assertThat(verdict.results()).extracting(result -> result.policy().id())
                .containsExactly("first", "pii", "active", "both", "last");
        assertThat(verdict.notApplicable()).extracting(result -> result.policy().id()).containsExactly("drafts", "not-sales");
    }

    @Test
    void aRuntimeErrorIsThatPolicysErrorAndBlocksWhenTheSeverityIsError() {
        Verdict verdict = evaluate(policy("unguarded", "product", "rule: product.description.usage != ''\nmessage: m")
                + policy("fine", "product", "rule: true\nmessage: m"), shop());
        assertThat(verdict.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(PolicyResult.ErrorKind.RUNTIME);
            assertThat(error.message()).isEqualTo("rule failed: field `usage` is absent (at character 19); test optional"
                    + " fields with has() first, e.g. has(product.description) && ...");
        });
        assertThat(verdict.passed()).hasSize(1);
        assertThat(verdict.blocks()).isTrue();
        assertThat(verdict.problems()).singleElement().extracting(Problem::message).asString()
                .startsWith("policy could not be evaluated: rule failed: ").endsWith("(policy at policies/test.yaml:2:1) [policy unguarded]");
    }

    @Test
    void aDynamicRuleThatReturnsAStringIsAnError() {
        Verdict verdict = evaluate(policy("dyn", "property", "when: has(property.customProperties)\n"
                + "rule: property.customProperties[0].value\nmessage: m"), shop());
        assertThat(verdict.errors()).singleElement().extracting(PolicyResult.Errored::message)
                .isEqualTo("rule returned email (String), not a bool");
    }

    @Test
    void aRunawayExpressionIsStoppedAndReported() {
        String tens = "[0,1,2,3,4,5,6,7,8,9]";
        String rule = tens + ".map(a, " + tens + ".map(b, " + tens + ".map(c, " + tens + ".map(d, " + tens
                + ".map(e, " + tens + ".map(f, [a, b, c, d, e, f])))))).size() > 0";
        long start = System.nanoTime();
        Verdict verdict = evaluate(policy("runaway", "product", "rule: \"" + rule + "\"\nmessage: m")
                + policy("after", "product", "rule: true\nmessage: m"), shop());
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
        assertThat(verdict.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(PolicyResult.ErrorKind.LIMIT);
            // whichever limit comes first on a busy machine: the iteration budget or the time limit
            assertThat(error.message()).matches("rule was stopped(: it ran over the budget of 10000 comprehension"
                    + " iterations| after 250 ms, the time limit of one evaluation).*");
        });
        assertThat(verdict.passed()).hasSize(1);
    }

    @Test
    void anExpressionRunningPastTheTimeLimitIsStopped() {
        PolicyEngine engine = new PolicyEngine(EngineOptions.DEFAULTS.withEvaluationTimeout(java.time.Duration.ofMillis(1))
                .withIterationBudget(5_000_000));
        String tens = "[0,1,2,3,4,5,6,7,8,9]";
        String rule = tens + ".all(a, " + tens + ".all(b, " + tens + ".all(c, " + tens + ".all(d, " + tens
                + ".all(e, " + tens + ".all(f, a + b + c + d + e + f >= 0))))))";
        PolicySet policies = new PolicyLoader(engine).read(policy("slow", "product", "rule: \"" + rule + "\"\nmessage: m"),
                "p.yaml", PolicyScope.global()).policySet();
        long start = System.nanoTime();
        Verdict verdict = engine.evaluate(policies, shop(), NOW);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2);
        assertThat(verdict.errors()).singleElement().satisfies(error -> {
            assertThat(error.kind()).isEqualTo(PolicyResult.ErrorKind.LIMIT);
            assertThat(error.message()).isEqualTo("rule was stopped after 1 ms, the time limit of one evaluation");
        });
    }

    @Test
    void anActiveExemptionCoversAFailureAndAnExpiredOneNoLonger() {
        String policies = policy("owned", "product", "rule: false\nmessage: not owned") + """
                ---
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: owned
                product: shop-orders
                reason: The team is being set up.
                approver: governance@acme.example
                expires: 2026-01-31
                """;
        PolicySet set = Fixtures.policies(policies);
        Verdict during = Fixtures.ENGINE.evaluate(set, shop(), java.time.Instant.parse("2026-01-31T23:59:59Z"));
        assertThat(during.exempted()).singleElement().satisfies(exempted -> {
            assertThat(exempted.message()).isEqualTo("not owned");
            assertThat(exempted.exemption().approver()).isEqualTo("governance@acme.example");
        });
        assertThat(during.blocks()).isFalse();
        Verdict after = Fixtures.ENGINE.evaluate(set, shop(), java.time.Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(after.failures()).singleElement().extracting(PolicyResult.Failed::message)
                .isEqualTo("not owned (the exemption at policies/test.yaml:11:1 expired on 2026-01-31)");
        assertThat(after.blocks()).isTrue();
    }

    @Test
    void anExemptionCoversOnlyItsProductAndPolicy() {
        PolicySet set = Fixtures.policies(policy("owned", "product", "rule: false\nmessage: m") + """
                ---
                apiVersion: polder/v1
                kind: PolicyExemption
                policy: owned
                product: someone-else
                reason: r
                approver: a
                expires: 2030-01-01
                """);
        assertThat(Fixtures.ENGINE.evaluate(set, shop(), NOW).blocks()).isTrue();
    }

    @Test
    void warningsAndInfosDoNotBlock() {
        String policies = policy("warn", "product", "rule: false\nmessage: w").replace("severity: error", "severity: warning")
                + policy("info", "product", "rule: false\nmessage: i").replace("severity: error", "severity: info");
        Verdict verdict = evaluate(policies, shop());
        assertThat(verdict.failures()).hasSize(2);
        assertThat(verdict.blocks()).isFalse();
        assertThat(verdict.problems()).extracting(Problem::message)
                .containsExactly("w [policy warn]", "info: i [policy info]");
    }

    @Test
    void theModelIsTypedAsTheStandardsNameIt() {
        Verdict verdict = evaluate(policy("types", "contract", """
                rule: >-
                  contract.schema[0].properties[0].primaryKeyPosition == 1
                  && contract.schema[0].properties[1].logicalType == 'string'
                  && contract.schema[0].quality[0].metric == 'rowCount'
                  && contract.schema[0].quality[0].mustBeGreaterThan == 0
                  && contract.slaProperties[0].value == 1
                  && contract.servers[0].host == 'db.example.com' && contract.servers[0].port == 5432
                  && contract.servers[0].type == 'postgres'
                  && port.name == 'orders' && product.outputPorts[0].contractId == contract.id
                  && contract.apiVersion == 'v3.1.0' && product.apiVersion == 'v1.0.0' && product.kind == 'DataProduct'
                message: m"""), shop());
        assertThat(verdict.results()).singleElement().isInstanceOf(PolicyResult.Passed.class);
    }

    @Test
    void anOdps09TeamListIsSeenAsATeamWithMembers() {
        ProductContext old = Fixtures.product("""
                apiVersion: v0.9.0
                kind: DataProduct
                id: old
                status: active
                team:
                  - name: Ann
                    role: owner
                """);
        Verdict verdict = evaluate(policy("members", "product",
                "rule: product.team.members.size() == 1 && !has(product.team.name) && product.team.members[0].role == 'owner'"
                        + "\nmessage: m"), old);
        assertThat(verdict.passed()).hasSize(1);
    }

    @Test
    void aNullCustomValueIsCelNull() {
        ProductContext product = Fixtures.product(Fixtures.PRODUCT.replace("team:\n", """
                customProperties:
                  - property: retired
                    value: null
                team:
                """));
        Verdict verdict = evaluate(policy("nulls", "product",
                "rule: product.customProperties[0].value == null\nmessage: m"), product);
        assertThat(verdict.passed()).hasSize(1);
    }

    @Test
    void factsDomainNowAndFunctionsAreAvailable() {
        ProductContext product = shop().withFacts(new Facts(3, List.of(new CheckOutcome("row_count", "passed", "orders")),
                List.of(new Dependency("in", "c", "1.0.0", "up", "out", "deprecated", "2026-03-31")),
                Map.of("shop-orders-orders", "1.1.0"), false, Map.of("tier", "gold", "score", 7)));
        Verdict verdict = evaluate(policy("facts", "product", """
                rule: >-
                  facts.consumers == 3 && facts.latestChecks[0].outcome == 'passed' && facts.breakingChange
                  && facts.dependencies[0].status == 'deprecated' && facts.custom.tier == 'gold' && facts.custom.score > 6.5
                  && timestamp(facts.dependencies[0].sunsetDate + 'T00:00:00Z') > now
                  && domain.id == 'sales' && !has(domain.name)
                  && isSemver(product.version) && semverMajor('2.1.0') == 2 && semverCompare('1.0.0-rc.1', '1.0.0') == -1
                  && !isSemver('1.0') && 'a,b'.split(',').size() == 2 && 'ABC'.lowerAscii() == 'abc'
                  && product.?description.?usage.orValue('none') == 'none'
                message: m"""), product);
        assertThat(verdict.results()).singleElement().isInstanceOf(PolicyResult.Passed.class);
    }

    @Test
    void aSemverFunctionOnAnythingElseIsAnError() {
        Verdict verdict = evaluate(policy("major", "product", "rule: semverMajor(product.name) > 0\nmessage: m"), shop());
        assertThat(verdict.errors()).singleElement().extracting(PolicyResult.Errored::message).asString()
                .contains("'Orders' is not a semantic version");
    }

    @Test
    void anOutputPortWithoutAContractSeesAnEmptyContract() {
        ProductContext product = Fixtures.product(Fixtures.PRODUCT);
        Verdict verdict = evaluate(policy("contract", "output-port", "rule: has(contract.id)\nmessage: "
                + "\"{{ port.name }}: {{ has(port.contractId) ? port.contractId + ' is missing' : 'none' }}\""), product);
        assertThat(verdict.failures()).singleElement().extracting(PolicyResult.Failed::message)
                .isEqualTo("orders: shop-orders-orders is missing");
    }

    @Test
    void aPatternBuiltFromDataIsCheckedWhenItRuns() {
        Verdict verdict = evaluate(policy("pattern", "product", "rule: product.id.matches(product.name + '(')\nmessage: m"),
                shop());
        assertThat(verdict.errors()).singleElement().extracting(PolicyResult.Errored::message).asString()
                .isEqualTo("rule failed: invalid regular expression: error parsing regexp: missing closing ): `Orders(`");
    }

    @Test
    void regularExpressionsMatchAnywhereUnlessAnchored() {
        Verdict verdict = evaluate(policy("regex", "product", """
                rule: >-
                  product.id.matches('orders') && !product.id.matches('^orders$') && matches(product.id, '^shop-')
                  && product.id.matches('(?i)SHOP')
                message: m"""), shop());
        assertThat(verdict.passed()).hasSize(1);
    }

    @Test
    void evaluatingAMeshInParallelGivesTheSameResultsInOrder() {
        var mesh = MeshSnapshot.of(new io.polder.model.validate.Validator().loadMesh(ExampleMeshTest.MESH, "mesh"));
        PolicyLoad load = new PolicyLoader(Fixtures.ENGINE).load(ExampleMeshTest.MESH, "mesh");
        List<Verdict> parallel = Fixtures.ENGINE.evaluate(load.policySet(), mesh, NOW);
        List<Verdict> sequential = new PolicyEngine(EngineOptions.DEFAULTS.withParallel(false))
                .evaluate(load.policySet(), mesh, NOW);
        assertThat(parallel).extracting(Verdict::product).containsExactlyElementsOf(
                mesh.products().stream().map(ProductContext::productId).toList());
        for (int i = 0; i < parallel.size(); i++) {
            assertThat(parallel.get(i).results()).isEqualTo(sequential.get(i).results());
        }
    }
}
