package io.polder.bench;

/**
 * The policies of the governance benchmark, as policy documents: 50 that apply to the generated products
 * (the rules of the example mesh's default pack, and rules of the kind a governance group adds: tags,
 * support, naming, types, classifications, quality, ...), across all five targets; and any number that do
 * not apply to them, by a {@code when} on the product or the scope of a domain no product is in.
 */
final class BenchPolicies {
    /** target, when (or null), rule: the 50 that apply. */
    private static final String[][] APPLYING = {
        // the default pack
        {"product", null, "has(product.team) && has(product.team.name) && product.team.name.trim() != ''"},
        {"product", null, "has(product.description) && has(product.description.purpose) && product.description.purpose.trim().size() >= 20"},
        {"output-port", null, "has(port.contractId) && has(contract.id)"},
        {"contract", "product.status == 'active'", "has(contract.slaProperties) && contract.slaProperties.exists(sla, sla.property in ['latency', 'freshness'])"},
        {"property", "has(property.customProperties) && property.customProperties.exists(c, c.property == 'personalData')",
            "has(property.classification) && property.classification in ['personal', 'restricted']"},
        {"property", "has(property.name) && property.name.lowerAscii().matches('(^|_)(e_?mail|phone|mobile|first_?name|last_?name|full_?name|street|address|postal_?code|zip_?code|birth_?date|date_of_birth|iban)(_|$)')",
            "has(property.customProperties) && property.customProperties.exists(c, c.property == 'personalData')"},
        {"product", null, "has(product.version) && isSemver(product.version) && (!has(product.outputPorts) || product.outputPorts.all(p, isSemver(p.version)))"},
        {"contract", null, "isSemver(contract.version)"},
        {"contract", "contract.id in facts.breakingChanges", "semverMajor(contract.version) > semverMajor(facts.breakingChanges[contract.id])"},
        {"product", "has(product.inputPorts)", "facts.dependencies.all(d, has(d.product) && d.product != product.id)"},
        {"product", null, "facts.dependencies.all(d, !has(d.status) || !(d.status in ['deprecated', 'retired']))"},
        {"contract", "product.domain == 'customer' && has(contract.schema) && contract.schema.exists(o, has(o.properties) && o.properties.exists(p, has(p.customProperties) && p.customProperties.exists(c, c.property == 'personalData')))",
            "has(contract.slaProperties) && contract.slaProperties.exists(s, s.property == 'retention' && s.value <= 90)"},
        {"contract", "product.domain == 'customer' && has(contract.schema) && contract.schema.exists(o, has(o.properties) && o.properties.exists(p, has(p.customProperties) && p.customProperties.exists(c, c.property == 'personalData')))",
            "has(contract.roles) && contract.roles.exists(r, has(r.firstLevelApprovers))"},
        // product
        {"product", null, "has(product.tags) && product.tags.size() > 0"},
        {"product", null, "has(product.domain) && product.id.startsWith(product.domain + '-')"},
        {"product", null, "has(product.support) && product.support.exists(s, has(s.tool) && s.tool in ['slack', 'email', 'ticket'])"},
        {"product", null, "has(product.team) && has(product.team.members) && product.team.members.exists(m, has(m.role) && m.role == 'owner')"},
        {"product", null, "has(product.description) && has(product.description.usage)"},
        {"product", null, "has(product.name) && product.name.size() > 3"},
        {"product", null, "domain.id != ''"},
        {"product", null, "product.status in ['proposed', 'draft', 'active', 'deprecated', 'retired']"},
        {"product", null, "!has(product.inputPorts) || product.inputPorts.size() <= 10"},
        {"product", null, "!has(product.productCreatedTs) || timestamp(product.productCreatedTs) < now"},
        {"product", null, "facts.latestChecks.all(c, c.outcome != 'failed')"},
        {"product", "product.status == 'active'", "has(product.version) && !product.version.startsWith('0.')"},
        {"product", "product.status == 'active'", "has(product.outputPorts) && product.outputPorts.size() >= 1"},
        {"product", null, "facts.consumers >= 0"},
        // output-port
        {"output-port", null, "has(port.description) && port.description.size() > 10"},
        {"output-port", null, "has(port.type) && port.type in ['tables', 'files', 'topic', 'api']"},
        {"output-port", null, "!has(contract.version) || port.version == contract.version"},
        {"output-port", null, "port.name.matches('^[a-z][a-z0-9-]*$')"},
        {"output-port", null, "!has(contract.roles) || (has(port.tags) && 'personal-data' in port.tags)"},
        {"output-port", null, "!has(port.sbom) || port.sbom.all(s, s.url.startsWith('https://'))"},
        // contract
        {"contract", null, "contract.status == product.status || product.status == 'draft'"},
        {"contract", null, "has(contract.team) && has(contract.team.name)"},
        {"contract", null, "!has(contract.domain) || contract.domain == product.domain"},
        {"contract", null, "has(contract.slaProperties) && contract.slaProperties.exists(s, s.property == 'retention')"},
        {"contract", null, "has(contract.description) && has(contract.description.purpose)"},
        {"contract", null, "has(contract.schema) && contract.schema.exists(o, has(o.quality) && o.quality.size() > 0)"},
        {"contract", null, "has(contract.support) && contract.support.size() > 0"},
        // schema-object
        {"schema-object", null, "has(object.properties) && object.properties.exists(p, has(p.primaryKey) && p.primaryKey)"},
        {"schema-object", null, "has(object.description)"},
        {"schema-object", null, "!has(object.physicalType) || object.physicalType in ['table', 'view', 'topic', 'file']"},
        {"schema-object", null, "object.name.matches('^[a-z][a-z0-9_]*$')"},
        {"schema-object", null, "!has(object.properties) || object.properties.size() <= 200"},
        // property
        {"property", null, "has(property.description) && property.description.size() > 0"},
        {"property", null, "has(property.logicalType)"},
        {"property", null, "property.name.matches('^[a-z][a-z0-9_]*$')"},
        {"property", null, "!has(property.classification) || property.classification in ['public', 'internal', 'personal', 'restricted']"},
        {"property", "has(property.primaryKey) && property.primaryKey", "!has(property.required) || property.required"},
    };

    /** Conditions that no generated product meets; each is (or starts with) a test of a product field. */
    private static final String[] NEVER = {
        "product.status == 'retired'",
        "product.status == 'deprecated' && has(product.description)",
        "'legacy' in product.tags",
        "product.domain == 'archive'",
        "product.status in ['proposed', 'draft'] && facts.consumers > 0",
    };
    private static final String[] TARGETS = {"product", "output-port", "contract", "schema-object", "property"};
    private static final String[] RULES = {
        "has(product.description)", "has(port.description)", "has(contract.description)", "has(object.description)",
        "has(property.description)",
    };

    private BenchPolicies() {
    }

    static int applyingCount() {
        return APPLYING.length;
    }

    /** The applying policies as one YAML stream. */
    static String applying() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < APPLYING.length; i++) {
            append(yaml, "bench-" + i, null, APPLYING[i][0], APPLYING[i][1], APPLYING[i][2]);
        }
        return yaml.toString();
    }

    /**
     * {@code count} policies that apply to no generated product: most by a {@code when} on the product, one
     * in ten by the scope of a domain no product belongs to; across all five targets.
     */
    static String notApplying(int count) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int target = i % TARGETS.length;
            String scope = i % 10 == 9 ? "archive" : null;
            append(yaml, "never-" + i, scope, TARGETS[target], scope == null ? NEVER[(i / TARGETS.length) % NEVER.length] : null,
                    RULES[target]);
        }
        return yaml.toString();
    }

    private static void append(StringBuilder yaml, String id, String scope, String target, String when, String rule) {
        yaml.append("---\napiVersion: polder/v1\nkind: Policy\nid: ").append(id).append("\nversion: 1.0.0\n")
                .append(scope == null ? "" : "scope: " + scope + "\n")
                .append("target: ").append(target).append("\nseverity: error\n")
                .append(when == null ? "" : "when: " + quote(when) + "\n")
                .append("rule: ").append(quote(rule)).append('\n')
                .append("message: \"").append(id).append(" fails on {{ product.id }}\"\n");
    }

    private static String quote(String cel) {
        return "'" + cel.replace("'", "''") + "'";
    }
}
