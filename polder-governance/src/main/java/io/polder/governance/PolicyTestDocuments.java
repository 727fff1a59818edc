package io.polder.governance;

import io.polder.model.bind.Fields;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OdpsReader;
import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Binds {@code kind: PolicyTest} documents. The product and contracts written inline are read by the ODPS
 * and ODCS readers, so their problems point into the test file, and they must be valid documents: a
 * policy is tested on what the platform would accept.
 */
final class PolicyTestDocuments {
    private final OdpsReader products = new OdpsReader();
    private final OdcsReader contracts = new OdcsReader();

    PolicyTest test(Fields f, SourceDocument document, PolicyScope location, Origin origin) {
        PolicyDocuments.header(f);
        f.require("name", "product", "expect");
        String name = f.string("name");
        String description = f.string("description");
        Instant now = PolicyDocuments.instant(f, "now");
        Problems problems = f.problems();
        int errorsBefore = problems.errorCount();
        DataProduct product = f.raw("product") == null ? null
                : products.read(inline(document, f.raw("product")), problems);
        List<DataContract> contractList = f.list("contracts",
                (item, itemProblems) -> contracts.read(inline(document, item), itemProblems));
        DomainInfo domain = f.object("domain", PolicyTestDocuments::domain);
        Facts facts = f.object("facts", PolicyTestDocuments::facts);
        String productId = product == null ? null : product.id();
        List<Exemption> exemptions = f.objects("exemptions", fields -> PolicyDocuments.exemptionFields(fields,
                location, origin(document, fields.node()), productId));
        List<PolicyTest.Expectation> expectations = f.objects("expect", fields -> expectation(fields, document));
        if (expectations != null && expectations.isEmpty()) {
            problems.error(f.raw("expect"), "`expect` is empty: name at least one policy and the outcome it must have");
        }
        f.rejectUnknown();
        if (problems.errorCount() > errorsBefore || name == null || product == null || expectations == null) {
            return null;
        }
        ProductContext context = ProductContext.of(product, contractList == null ? List.of() : contractList,
                domain == null ? DomainInfo.unknown(product.domain()) : domain, facts == null ? Facts.NONE : facts);
        return new PolicyTest(name, description, origin, now, context, exemptions == null ? List.of() : exemptions,
                expectations);
    }

    private static SourceDocument inline(SourceDocument document, Node root) {
        return new SourceDocument(document.file(), document.format(), root);
    }

    static Origin origin(SourceDocument document, Node node) {
        return new Origin(document.file(), node.position());
    }

    private static PolicyTest.Expectation expectation(Fields f, SourceDocument document) {
        f.require("policy", "outcome");
        String policy = f.string("policy");
        PolicyTest.Expected outcome = f.choice("outcome", PolicyTest.Expected.class);
        String message = f.string("message");
        String target = f.string("target");
        f.rejectUnknown();
        return policy == null || outcome == null ? null
                : new PolicyTest.Expectation(policy, outcome, message, target, origin(document, f.node()));
    }

    private static DomainInfo domain(Fields f) {
        f.require("id");
        DomainInfo domain = f.string("id") == null ? null
                : new DomainInfo(f.string("id"), f.string("name"), f.string("description"), f.strings("owners"));
        f.rejectUnknown();
        return domain;
    }

    private static Facts facts(Fields f) {
        Long consumers = f.integer("consumers", 0);
        List<CheckOutcome> checks = f.objects("latestChecks", PolicyTestDocuments::check);
        List<Dependency> dependencies = f.objects("dependencies", PolicyTestDocuments::dependency);
        Map<String, String> breakingChanges = stringMap(f, "breakingChanges");
        Boolean breakingChange = f.bool("breakingChange");
        Object custom = f.any("custom");
        if (custom != null && !(custom instanceof Map)) {
            f.problems().error(f.raw("custom"), "`custom` must be an object of facts");
        }
        f.rejectUnknown();
        @SuppressWarnings("unchecked")
        Map<String, Object> customFacts = custom instanceof Map ? (Map<String, Object>) custom : null;
        return new Facts(consumers == null ? 0 : consumers, checks, dependencies, breakingChanges,
                Objects.requireNonNullElse(breakingChange, false), customFacts);
    }

    private static CheckOutcome check(Fields f) {
        f.require("rule", "outcome");
        String rule = f.string("rule");
        String outcome = f.string("outcome");
        String port = f.string("port");
        f.rejectUnknown();
        return rule == null || outcome == null ? null : new CheckOutcome(rule, outcome, port);
    }

    private static Dependency dependency(Fields f) {
        f.require("inputPort", "contractId", "version");
        String inputPort = f.string("inputPort");
        String contractId = f.string("contractId");
        String version = f.string("version");
        Dependency dependency = inputPort == null || contractId == null || version == null ? null
                : new Dependency(inputPort, contractId, version, f.string("product"), f.string("port"),
                f.string("status"), f.string("sunsetDate"));
        f.rejectUnknown();
        return dependency;
    }

    private static Map<String, String> stringMap(Fields f, String key) {
        Node node = f.raw(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof MapNode map)) {
            f.problems().error(node, "`" + key + "` must be an object: contract id to the published version");
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (MapNode.Entry entry : map.entries().values()) {
            if (entry.value() instanceof ScalarNode scalar && scalar.isString()) {
                values.put(entry.key(), (String) scalar.value());
            } else {
                f.problems().error(entry.value(), "expected a version string, found " + entry.value().kindName());
            }
        }
        return values;
    }
}
