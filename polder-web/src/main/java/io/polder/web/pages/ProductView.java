package io.polder.web.pages;

import static io.polder.web.Lists.orEmpty;

import io.polder.model.odcs.Comparison;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.QualityRule;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.odcs.SchemaProperty;
import io.polder.model.odcs.SlaProperty;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.InputPort;
import io.polder.model.odps.OutputPort;
import io.polder.model.odps.SupportChannel;
import io.polder.model.odps.TeamMember;
import io.polder.registry.catalog.Contract;
import io.polder.registry.catalog.Product;
import io.polder.registry.catalog.ProductVersion;
import io.polder.registry.catalog.Team;
import io.polder.web.LoadedProduct;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The product page, section by section. Each section is a record a template of its own renders
 * ({@code product/*.jte}); a section another service provides (access requests, quality history, lineage)
 * is added as one more component here and one more template, fed by that service.
 */
public record ProductView(Chrome chrome, Header header, Description description, List<Owner> owners,
                          List<Support> support, List<OutputPortView> outputPorts, List<InputPortView> inputPorts,
                          HistoryView history, LineageView lineage, List<VersionRow> versions, UsageView usage) {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public record Header(String id, String name, String version, String status, String sunsetDate, String domain,
                         String domainName, String team, List<String> tags) {
    }

    public record Description(String purpose, String usage, String limitations) {
        public boolean isEmpty() {
            return purpose == null && usage == null && limitations == null;
        }
    }

    /** A member of the owning team. */
    public record Owner(String username, String name, String role) {
    }

    /** A support channel; {@code href} is set only for web and mail links, never for another scheme. */
    public record Support(String channel, String tool, String scope, String description, String href, String url) {
    }

    public record OutputPortView(String name, String type, String version, String description, String contractId,
                                 ContractView contract) {
    }

    /** An input port; {@code productId} is the product whose contract it reads, when the registry holds it. */
    public record InputPortView(String name, String version, String contractId, String productId) {
    }

    public record ContractView(String id, String version, String status, List<ObjectView> objects,
                               List<SlaRow> sla) {
    }

    public record ObjectView(String name, String businessName, String description, List<ColumnView> columns,
                             List<RuleView> rules) {
    }

    public record ColumnView(String name, String businessName, String type, String classification, boolean required,
                             boolean unique, boolean primaryKey, String description, List<RuleView> rules) {
    }

    /** A quality rule in one line: what is measured and what it must be. */
    public record RuleView(String id, String check, String dimension, String severity, String description) {
    }

    public record SlaRow(String property, String value, String description) {
    }

    /** @param changes what changed since the version before, in words */
    public record VersionRow(String version, String declaredStatus, String publishedAt, String publishedBy,
                             boolean current, List<String> changes) {
    }

    /** What the product page shows besides the product's own documents: history, lineage, changelog, usage. */
    record Observed(HistoryView history, LineageView lineage, java.util.Map<String, List<String>> changes,
                    UsageView usage) {
    }

    /**
     * @param upstream the product owning each contract the input ports read, by contract id (contracts the
     *                 registry does not hold are absent)
     */
    static ProductView of(Chrome chrome, LoadedProduct loaded, String domainName, Team team,
                          java.util.Map<String, String> upstream, Observed observed) {
        Product product = loaded.detail().product();
        DataProduct document = loaded.document();
        Header header = new Header(product.id(), product.name() == null ? product.id() : product.name(),
                product.currentVersion(), product.status().value(),
                product.sunsetDate() == null ? null : product.sunsetDate().toString(), product.domain(), domainName,
                product.team(), orEmpty(document.tags()));
        Description description = document.description() == null ? new Description(null, null, null)
                : new Description(document.description().purpose(), document.description().usage(),
                document.description().limitations());
        List<OutputPortView> outputs = new ArrayList<>();
        for (OutputPort port : orEmpty(document.outputPorts())) {
            DataContract contract = port.contractId() == null ? null : loaded.contracts().get(port.contractId());
            Contract stored = loaded.detail().contracts().stream()
                    .filter(candidate -> candidate.id().equals(port.contractId())).findFirst().orElse(null);
            outputs.add(new OutputPortView(port.name(), port.type(), port.version(), port.description(),
                    port.contractId(), contract == null || stored == null ? null : contract(stored, contract)));
        }
        List<InputPortView> inputs = orEmpty(document.inputPorts()).stream()
                .map((InputPort port) -> new InputPortView(port.name(), port.version(), port.contractId(),
                        port.contractId() == null ? null : upstream.get(port.contractId())))
                .toList();
        List<VersionRow> versions = loaded.detail().versions().stream()
                .map((ProductVersion version) -> new VersionRow(version.version(), version.declaredStatus(),
                        TIME.format(version.createdAt()), version.createdBy(),
                        version.version().equals(product.currentVersion()),
                        observed.changes().getOrDefault(version.version(), List.of())))
                .toList();
        return new ProductView(chrome, header, description, owners(document, team), support(document), outputs,
                inputs, observed.history(), observed.lineage(), versions, observed.usage());
    }

    private static List<Owner> owners(DataProduct document, Team team) {
        if (document.team() != null && !document.team().memberList().isEmpty()) {
            return document.team().memberList().stream()
                    .map((TeamMember member) -> new Owner(member.username(), member.name(), member.role())).toList();
        }
        if (team == null) {
            return List.of();
        }
        return team.members().stream().map(member -> new Owner(member.name(), member.displayName(), member.role()))
                .toList();
    }

    private static List<Support> support(DataProduct document) {
        return orEmpty(document.support()).stream()
                .map((SupportChannel channel) -> new Support(channel.channel(), channel.tool(), channel.scope(),
                        channel.description(), safeHref(channel.url()), channel.url()))
                .toList();
    }

    /** Links only to web pages and mail addresses: a {@code javascript:} or {@code data:} URL stays text. */
    static String safeHref(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:")
                ? url.strip() : null;
    }

    private static ContractView contract(Contract stored, DataContract contract) {
        List<ObjectView> objects = new ArrayList<>();
        for (SchemaObject object : orEmpty(contract.schema())) {
            List<ColumnView> columns = orEmpty(object.properties()).stream().map(ProductView::column).toList();
            objects.add(new ObjectView(object.name(), object.businessName(), object.description(), columns,
                    rules(object.quality())));
        }
        List<SlaRow> sla = orEmpty(contract.slaProperties()).stream()
                .map((SlaProperty property) -> new SlaRow(property.property(),
                        Objects.toString(property.value(), "") + (property.unit() == null ? "" : " " + property.unit()),
                        property.description()))
                .toList();
        return new ContractView(stored.id(), stored.currentVersion(), stored.status(), objects, sla);
    }

    private static ColumnView column(SchemaProperty property) {
        String logical = property.logicalType() == null ? null : property.logicalType().value();
        String type = logical == null ? property.physicalType()
                : property.physicalType() == null ? logical : logical + " (" + property.physicalType() + ")";
        return new ColumnView(property.name(), property.businessName(), type, property.classification(),
                Boolean.TRUE.equals(property.required()), Boolean.TRUE.equals(property.unique()),
                Boolean.TRUE.equals(property.primaryKey()), property.description(), rules(property.quality()));
    }

    private static List<RuleView> rules(List<QualityRule> rules) {
        return orEmpty(rules).stream().map(ProductView::rule).toList();
    }

    static RuleView rule(QualityRule rule) {
        String measured = rule.metric() != null ? rule.metric().value()
                : rule.type() != null ? rule.type().value() : rule.rule();
        String bounds = orEmpty(rule.comparisons()).stream().map(ProductView::comparison)
                .collect(Collectors.joining(", "));
        String check = measured == null ? bounds : bounds.isEmpty() ? measured : measured + " " + bounds;
        if (rule.unit() != null && !bounds.isEmpty()) {
            check += " " + rule.unit();
        }
        return new RuleView(rule.id(), check, rule.dimension() == null ? null : rule.dimension().value(),
                rule.severity(), rule.description());
    }

    private static String comparison(Comparison comparison) {
        List<Number> range = comparison.range();
        if (range != null && range.size() == 2) {
            return comparison.operator().symbol() + " [" + range.get(0) + ", " + range.get(1) + "]";
        }
        return comparison.operator().symbol() + " " + comparison.value();
    }
}
