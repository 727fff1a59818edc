package io.polder.registry.apply;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.bind.Hints;
import io.polder.registry.apply.RegistryState.ContractState;
import io.polder.registry.apply.RegistryState.ProductState;
import io.polder.registry.apply.Work.ContractWork;
import io.polder.registry.apply.Work.DomainWork;
import io.polder.registry.apply.Work.Permission;
import io.polder.registry.apply.Work.ProductWork;
import io.polder.registry.apply.Work.RetireWork;
import io.polder.registry.apply.Work.TeamWork;
import io.polder.registry.auth.Action;
import io.polder.registry.catalog.LifecycleStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares what a bundle declares with what the registry holds and decides, per object, what applying
 * would do, which permissions that needs, and which conflicts (an immutable version with other content, a
 * contract of another product, a retired product) stand in the way. Pure: it reads nothing and writes nothing.
 */
final class Planner {
    private final Declared.Mesh declared;
    private final RegistryState state;
    private final ApplyOptions options;

    private final List<PlanItem> items = new ArrayList<>();
    private final List<DomainWork> domains = new ArrayList<>();
    private final List<TeamWork> teams = new ArrayList<>();
    private final List<ProductWork> products = new ArrayList<>();
    private final List<RetireWork> retirements = new ArrayList<>();
    private final List<Permission> permissions = new ArrayList<>();
    private final List<String> conflicts = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private Planner(Declared.Mesh declared, RegistryState state, ApplyOptions options) {
        this.declared = declared;
        this.state = state;
        this.options = options;
    }

    /**
     * @throws PolderException NOT_FOUND when {@code options} select a product the bundle does not declare: the
     *         selection is wrong, nothing collides
     */
    static Work.Planned plan(Declared.Mesh declared, RegistryState state, ApplyOptions options) {
        requireDeclared(declared, options);
        Planner planner = new Planner(declared, state, options);
        planner.run();
        return planner.result();
    }

    private void run() {
        warnings.addAll(declared.warnings());
        if (options.wholeMesh()) {
            declared.domains().forEach(this::planDomain);
            declared.teams().forEach(this::planTeam);
        }
        for (Declared.Product product : declared.products()) {
            if (options.selects(product.id())) {
                planProduct(product);
            }
        }
        if (options.prune()) {
            planPrune();
        }
    }

    private static void requireDeclared(Declared.Mesh declared, ApplyOptions options) {
        List<String> ids = declared.products().stream().map(Declared.Product::id).sorted().toList();
        List<String> missing = options.onlyProducts().stream().filter(id -> !ids.contains(id)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        String first = missing.getFirst();
        String nearest = Hints.nearest(first, ids);
        throw new PolderException(ErrorCode.NOT_FOUND, (missing.size() == 1 ? "product '" + first + "' is"
                : "products " + missing.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")) + " are")
                + " not declared in this folder; it declares " + (ids.isEmpty() ? "no products" : String.join(", ", ids))
                + (nearest == null ? "" : "; did you mean '" + nearest + "'?"),
                Map.of("missing", missing, "declared", ids), null);
    }

    private Work.Planned result() {
        Plan plan = new Plan(items, warnings, false);
        return new Work.Planned(plan, domains, teams, products, retirements, permissions, conflicts);
    }

    private void planDomain(Declared.Domain domain) {
        String current = state.domainDigests().get(domain.id());
        String digest = domain.digest();
        if (digest.equals(current)) {
            items.add(new PlanItem(ObjectKind.DOMAIN, domain.id(), null, domain.id(), ChangeKind.UNCHANGED, null, null,
                    "unchanged"));
            return;
        }
        domains.add(new DomainWork(domain, current));
        permissions.add(new Permission(Action.APPLY_MESH_CONFIG, null, "domain/" + domain.id()));
        items.add(new PlanItem(ObjectKind.DOMAIN, domain.id(), null, domain.id(),
                current == null ? ChangeKind.ADD : ChangeKind.CHANGE, null, null,
                current == null ? "new domain" : "its declaration in mesh.yaml changed"));
    }

    private void planTeam(Declared.Team team) {
        String current = state.teamDigests().get(team.id());
        String digest = team.digest();
        if (digest.equals(current)) {
            items.add(new PlanItem(ObjectKind.TEAM, team.id(), null, team.domain(), ChangeKind.UNCHANGED, null, null,
                    "unchanged"));
            return;
        }
        teams.add(new TeamWork(team, current));
        permissions.add(new Permission(Action.APPLY_MESH_CONFIG, null, "team/" + team.id()));
        items.add(new PlanItem(ObjectKind.TEAM, team.id(), null, team.domain(),
                current == null ? ChangeKind.ADD : ChangeKind.CHANGE, null, null,
                current == null ? "new team of domain '" + team.domain() + "'" : "its declaration in mesh.yaml changed"));
    }

    private void planProduct(Declared.Product product) {
        ProductState existing = state.product(product.id()).orElse(null);
        if (!options.wholeMesh()) {
            requireKnownOwner(product);
        }
        if (existing != null && existing.status() == LifecycleStatus.RETIRED) {
            conflicts.add("product '" + product.id() + "' is retired; a retired product cannot be published again");
            return;
        }
        String publishedDigest = existing == null ? null
                : state.productVersionDigest(product.id(), product.version()).orElse(null);
        if (publishedDigest != null && !publishedDigest.equals(product.versionDigest())) {
            conflicts.add("version " + product.version() + " of product '" + product.id() + "' is already published"
                    + " with other content; versions are immutable: publish the change as a new version"
                    + " (its content is product.odps.yaml, polder.yaml and build/*.sql)");
            return;
        }
        List<ContractWork> contracts = new ArrayList<>();
        List<PlanItem> contractItems = planContracts(product, contracts);
        boolean newVersion = publishedDigest == null;
        LifecycleStatus status = existing == null || newVersion ? status(product, existing) : existing.status();
        PlanItem item = existing == null ? added(product, status)
                : changed(product, existing, newVersion, status, contracts);
        items.add(item);
        items.addAll(contractItems);
        if (item.changes()) {
            permissions.add(new Permission(Action.APPLY_PRODUCT, product.domain(), "product/" + product.id()));
            if (existing != null && !existing.domain().equals(product.domain())) {
                permissions.add(new Permission(Action.APPLY_PRODUCT, existing.domain(), "product/" + product.id()));
            }
            products.add(new ProductWork(product, existing, newVersion, status, sunsetDate(product, existing, status),
                    contracts, item));
        }
    }

    private void requireKnownOwner(Declared.Product product) {
        if (!state.domainDigests().containsKey(product.domain())) {
            conflicts.add("product '" + product.id() + "' is in domain '" + product.domain()
                    + "', which the registry does not know yet; apply the whole mesh first");
        }
        if (product.team() != null && !state.teamDigests().containsKey(product.team())) {
            conflicts.add("product '" + product.id() + "' is owned by team '" + product.team()
                    + "', which the registry does not know yet; apply the whole mesh first");
        }
    }

    private PlanItem added(Declared.Product product, LifecycleStatus status) {
        return new PlanItem(ObjectKind.PRODUCT, product.id(), product.id(), product.domain(), ChangeKind.ADD, null,
                product.version(), "new product of team '" + product.team() + "' in domain '" + product.domain()
                        + "', " + status);
    }

    private PlanItem changed(Declared.Product product, ProductState existing, boolean newVersion,
                             LifecycleStatus status, List<ContractWork> contracts) {
        boolean current = product.version().equals(existing.currentVersion());
        if (current && contracts.isEmpty()) {
            return new PlanItem(ObjectKind.PRODUCT, product.id(), product.id(), product.domain(), ChangeKind.UNCHANGED,
                    existing.currentVersion(), product.version(), "unchanged");
        }
        List<String> reasons = new ArrayList<>();
        if (newVersion) {
            reasons.add("new version");
        } else if (!current) {
            reasons.add("version " + product.version() + " was published before and becomes current again");
        }
        if (!existing.domain().equals(product.domain())) {
            reasons.add("moves from domain '" + existing.domain() + "' to '" + product.domain() + "'");
        }
        if (!contracts.isEmpty()) {
            reasons.add("contracts: " + String.join(", ", contracts.stream()
                    .map(work -> work.contract().id() + " " + work.contract().version()).toList()));
        }
        ChangeKind change = ChangeKind.CHANGE;
        if (status != existing.status() && status == LifecycleStatus.DEPRECATED) {
            change = ChangeKind.DEPRECATE;
            reasons.add("declares status deprecated, sunset " + product.sunsetDate());
        } else if (status != existing.status() && status == LifecycleStatus.RETIRED) {
            change = ChangeKind.RETIRE;
            reasons.add("declares status retired");
        } else if (status != existing.status()) {
            reasons.add("becomes " + status);
        }
        return new PlanItem(ObjectKind.PRODUCT, product.id(), product.id(), product.domain(), change,
                existing.currentVersion(), product.version(), String.join("; ", reasons));
    }

    /**
     * The lifecycle status after applying: the declared one for a new product (draft unless it declares
     * another); for a new version, the declared one if the lifecycle allows the move, else the current one.
     */
    private LifecycleStatus status(Declared.Product product, ProductState existing) {
        LifecycleStatus declaredStatus = product.lifecycle();
        if (existing == null) {
            return declaredStatus == null ? LifecycleStatus.DRAFT : declaredStatus;
        }
        if (declaredStatus == null || declaredStatus == existing.status()) {
            return existing.status();
        }
        if (existing.status().canMoveTo(declaredStatus)) {
            return declaredStatus;
        }
        warnings.add("product '" + product.id() + "' declares status " + declaredStatus + " but is " + existing.status()
                + " in the registry, which cannot move there; it stays " + existing.status());
        return existing.status();
    }

    private static LocalDate sunsetDate(Declared.Product product, ProductState existing, LifecycleStatus status) {
        if (status != LifecycleStatus.DEPRECATED) {
            return null;
        }
        return product.lifecycle() == LifecycleStatus.DEPRECATED ? product.sunsetDate() : existing.sunsetDate();
    }

    private List<PlanItem> planContracts(Declared.Product product, List<ContractWork> work) {
        List<PlanItem> contractItems = new ArrayList<>();
        for (Declared.Contract contract : product.contracts()) {
            ContractState existing = state.contract(contract.id()).orElse(null);
            if (existing != null && !existing.productId().equals(product.id())) {
                conflicts.add("contract '" + contract.id() + "' belongs to product '" + existing.productId()
                        + "'; product '" + product.id() + "' cannot publish it");
                continue;
            }
            String digest = state.contractVersionDigest(contract.id(), contract.version()).orElse(null);
            if (digest != null && !digest.equals(contract.document().digest())) {
                conflicts.add("version " + contract.version() + " of contract '" + contract.id() + "' is already"
                        + " published with other content; versions are immutable: publish the change as a new version");
                continue;
            }
            contractItems.add(planContract(product, contract, existing, digest == null, work));
        }
        return contractItems;
    }

    private PlanItem planContract(Declared.Product product, Declared.Contract contract, ContractState existing,
                                  boolean newVersion, List<ContractWork> work) {
        String from = existing == null ? null : existing.currentVersion();
        if (existing == null) {
            work.add(new ContractWork(contract, true, true));
            return new PlanItem(ObjectKind.CONTRACT, contract.id(), product.id(), product.domain(), ChangeKind.ADD,
                    null, contract.version(), "new contract of product '" + product.id() + "'");
        }
        if (!newVersion && contract.version().equals(existing.currentVersion())) {
            return new PlanItem(ObjectKind.CONTRACT, contract.id(), product.id(), product.domain(),
                    ChangeKind.UNCHANGED, from, contract.version(), "unchanged");
        }
        work.add(new ContractWork(contract, false, newVersion));
        return new PlanItem(ObjectKind.CONTRACT, contract.id(), product.id(), product.domain(), ChangeKind.CHANGE,
                from, contract.version(), newVersion ? "new version"
                        : "version " + contract.version() + " was published before and becomes current again");
    }

    private void planPrune() {
        Set<String> declaredIds = new HashSet<>();
        declared.products().forEach(product -> declaredIds.add(product.id()));
        state.productList().stream()
                .filter(product -> !declaredIds.contains(product.id()))
                .filter(product -> product.status() != LifecycleStatus.RETIRED)
                .sorted(Comparator.comparing(ProductState::id))
                .forEach(product -> {
                    PlanItem item = new PlanItem(ObjectKind.PRODUCT, product.id(), product.id(), product.domain(),
                            ChangeKind.RETIRE, product.currentVersion(), null,
                            "no longer declared in the mesh (prune); was " + product.status());
                    items.add(item);
                    retirements.add(new RetireWork(product, item));
                    permissions.add(new Permission(Action.CHANGE_LIFECYCLE, product.domain(), "product/" + product.id()));
                });
    }
}
