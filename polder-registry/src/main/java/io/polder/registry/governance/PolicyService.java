package io.polder.registry.governance;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.CompiledPolicy;
import io.polder.governance.Exemption;
import io.polder.governance.MeshSnapshot;
import io.polder.governance.Policy;
import io.polder.governance.PolicyEngine;
import io.polder.governance.PolicyLoad;
import io.polder.governance.PolicyLoader;
import io.polder.governance.PolicySet;
import io.polder.governance.ProductContext;
import io.polder.governance.Verdict;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaChange;
import io.polder.model.problem.Problem;
import io.polder.model.source.DocumentReader;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The registry's policies: it loads and compiles policy files itself (a bundle's, a preview's, the stored
 * set in force), evaluates products against them with the registry's facts, lists the set in force and
 * previews candidate policies against the current products. One {@link PolicyEngine} serves every request;
 * the set in force is compiled once per revision.
 */
public final class PolicyService {
    private final Database database;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Clock clock;
    private final Supplier<PolicyEngine> engineFactory;
    private volatile Engine engine;
    private final CheckResults checks;
    private final RegistryProducts registryProducts = new RegistryProducts();
    private final AtomicReference<InForce> inForce = new AtomicReference<>();

    /**
     * @param engine makes the policy engine when it is first needed: building CEL's environments takes a
     *               moment that a server start, and a registry without policies, should not pay
     */
    public PolicyService(Database database, Authorizer authorizer, AuditLog audit, Clock clock,
                         Supplier<PolicyEngine> engine, CheckResults checks) {
        this.database = requireNonNull(database, "database is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.engineFactory = requireNonNull(engine, "engine is null");
        this.checks = requireNonNull(checks, "checks is null");
    }

    /** The engine and a loader on it, made once. */
    private record Engine(PolicyEngine engine, PolicyLoader loader) {
    }

    private Engine engine() {
        Engine made = engine;
        if (made == null) {
            synchronized (this) {
                made = engine;
                if (made == null) {
                    PolicyEngine policyEngine = requireNonNull(engineFactory.get(), "the engine factory gave null");
                    made = new Engine(policyEngine, new PolicyLoader(policyEngine, DocumentReader.withDefaults(), clock));
                    engine = made;
                }
            }
        }
        return made;
    }

    /**
     * The policy set in force, compiled.
     *
     * @param problems what loading the stored files reported; errors only if the files were stored by an
     *                 older Polder that accepted what this one refuses (their policies are then left out)
     */
    public record InForce(long revision, String digest, Instant appliedAt, String appliedBy,
                          List<PolicyFile> files, PolicySet policySet, List<Problem> problems) {
    }

    /** Loads policy files as one mesh's; problems name the file (its path) and line. */
    public PolicyLoad load(List<PolicyFile> files) {
        if (files.isEmpty()) {
            return new PolicyLoad(PolicySet.empty(), List.of(), List.of());
        }
        return engine().loader().read(files.stream().map(PolicyFile::source).toList());
    }

    /**
     * The policy set of {@code files}.
     *
     * @throws PolderException INVALID_DOCUMENT with every problem when a file does not load or a policy does not
     *         compile (syntax, types, unknown variables or fields, a rule that is not a bool, a message
     *         placeholder that does not type-check, a duplicate id, an exemption without expiry, ...)
     */
    public PolicyLoad requireValid(List<PolicyFile> files) {
        PolicyLoad load = load(files);
        if (load.hasErrors()) {
            throw InvalidPolicies.of(load.problems());
        }
        return load;
    }

    /** The set in force; compiled again only when an apply changed it. */
    public InForce inForce() {
        return database.read(this::inForce);
    }

    /** The set in force, read with {@code handle} (in the caller's snapshot); compiled again only when it changed. */
    public InForce inForce(Handle handle) {
        long revision = PolicyStore.revision(handle);
        InForce cached = inForce.get();
        if (cached != null && cached.revision() == revision) {
            return cached;
        }
        PolicyStore.Stored stored = PolicyStore.read(handle);
        PolicyLoad load = load(stored.files());
        InForce loaded = new InForce(stored.revision(), stored.digest(), stored.revision() == 0 ? null : stored.appliedAt(),
                stored.revision() == 0 ? null : stored.appliedBy(), stored.files(), load.policySet(), load.problems());
        inForce.set(loaded);
        return loaded;
    }

    /**
     * Replaces the set in force with {@code files}, in the caller's transaction.
     *
     * @throws PolderException CONFLICT when another apply changed the set since revision {@code expectedRevision}
     */
    public void replace(Handle handle, long expectedRevision, List<PolicyFile> files, String principal) {
        PolicyStore.replace(handle, expectedRevision, files, clock.millis(), principal);
    }

    /** The digest of a set of policy files, as the set in force records it. */
    public static String digest(List<PolicyFile> files) {
        return PolicyStore.digest(files);
    }

    /**
     * Evaluates {@code products} (a bundle being planned or applied) against {@code policies}, with the registry's
     * facts, and {@code facts.breakingChanges}: for each contract of a product whose version differs from the one
     * the registry publishes, and whose schema changes in a way that breaks its consumers
     * ({@link SchemaChange#breaking()}), the published version.
     */
    public List<Verdict> evaluate(PolicySet policies, MeshSnapshot products) {
        MeshSnapshot withFacts = database.read(handle -> {
            RegistryFacts facts = RegistryFacts.read(handle, checks);
            Map<String, DataContract> published = registryProducts.publishedContracts(handle, products.products().stream()
                    .flatMap(product -> product.contracts().stream()).map(DataContract::id).filter(Objects::nonNull)
                    .collect(Collectors.toSet()));
            return facts.apply(products.withFacts(product -> product.facts()
                    .withBreakingChanges(breakingChanges(product, published))));
        });
        return engine().engine().evaluate(policies, withFacts, clock.instant());
    }

    /** The contracts of {@code product} whose change from the published version breaks consumers: id to that version. */
    static Map<String, String> breakingChanges(ProductContext product, Map<String, DataContract> published) {
        Map<String, String> breaking = new TreeMap<>();
        for (DataContract proposed : product.contracts()) {
            DataContract current = proposed.id() == null ? null : published.get(proposed.id());
            if (current == null || current.version() == null || current.version().equals(proposed.version())) {
                continue;
            }
            if (SchemaChange.between(current, proposed).stream().anyMatch(SchemaChange::breaking)) {
                breaking.put(proposed.id(), current.version());
            }
        }
        return breaking;
    }

    /** The registry's current products (not retired), with its facts, ready for evaluation. */
    public MeshSnapshot currentProducts() {
        return database.read(this::currentProducts);
    }

    /** {@link #currentProducts()} read with {@code handle}, in the caller's snapshot. */
    public MeshSnapshot currentProducts(Handle handle) {
        return RegistryFacts.readForEvery(handle, checks).apply(registryProducts.read(handle));
    }

    /** Evaluates the current products against {@code policies}. */
    public List<Verdict> evaluateCurrent(PolicySet policies) {
        return evaluate(policies, currentProducts(), clock.instant());
    }

    /** Evaluates {@code products}, whose facts are complete (as {@link #currentProducts} gives them), at {@code now}. */
    public List<Verdict> evaluate(PolicySet policies, MeshSnapshot products, Instant now) {
        return engine().engine().evaluate(policies, products, now);
    }

    /**
     * What the policies in force say of one current product now, with the registry's latest facts (its latest
     * check results included): one line per policy that fails, warns or cannot be evaluated, as
     * {@code policy ID (SEVERITY) OUTCOME: FILE:LINE:COLUMN: message}. Empty when every policy passes, none is in
     * force, or the product is not current. What the server records on every build and contract run.
     */
    public List<String> findings(String productId) {
        return database.read(handle -> findings(handle, productId));
    }

    /**
     * {@link #findings(String)} read with {@code handle}: in the transaction that finishes a run, so that they see
     * its new check results and are written with its end.
     */
    public List<String> findings(Handle handle, String productId) {
        InForce current = inForce(handle);
        if (current.policySet().size() == 0) {
            return List.of();
        }
        // this product's documents alone, not every product's (its dependencies resolve through the registry's
        // facts): what a build adds does not grow with the number of products
        MeshSnapshot product = RegistryFacts.read(handle, checks).apply(registryProducts.read(handle, productId));
        List<String> lines = new ArrayList<>();
        for (Verdict verdict : engine().engine().evaluate(current.policySet(), product, clock.instant())) {
            for (PolicyCheck check : Reports.of(verdict, false).policies()) {
                if (check.outcome().equals(PolicyCheck.FAIL) || check.outcome().equals(PolicyCheck.WARN)
                        || check.outcome().equals(PolicyCheck.ERROR)) {
                    check.findings().forEach(finding -> lines.add("policy " + check.policy() + " (" + check.severity()
                            + ") " + check.outcome() + ": " + finding.format()));
                }
            }
        }
        return List.copyOf(lines);
    }

    /** The set in force, for every authenticated principal: the rules of the mesh are no secret. */
    public PolicyList list(Principal principal) {
        authorizer.require(principal, Action.READ, "policies");
        InForce current = inForce();
        List<PolicyInfo> policies = current.policySet().policies().stream().map(CompiledPolicy::policy)
                .map(PolicyService::info).toList();
        List<PolicyList.ExemptionInfo> exemptions = current.policySet().exemptions().stream()
                .map(exemption -> exemption(exemption, clock)).toList();
        return new PolicyList(current.revision(), current.digest(), current.appliedAt(), current.appliedBy(),
                current.files().stream().map(PolicyFile::path).toList(), policies, exemptions,
                current.problems().stream().map(Problem::format).toList());
    }

    /**
     * Evaluates the candidate policies of one file against the registry's current products, together with the
     * set in force (a candidate with the id of a policy in force stands in for it), and says on which products
     * each candidate would fail. Changes nothing but the audit log, where a refused candidate is recorded.
     *
     * @throws PolderException FORBIDDEN unless platform-admin, governance or domain-owner; INVALID_ARGUMENT for
     *         a bad path or a file without a policy; INVALID_DOCUMENT with the problems when it does not load
     */
    public PolicyPreview preview(Principal principal, PreviewRequest request) {
        authorizer.require(principal, Action.PREVIEW_POLICIES, "policies/preview");
        try {
            return previewChecked(request);
        } catch (PolderException e) {
            audit.record(principal, Action.PREVIEW_POLICIES, "policies/preview", AuditOutcome.FAILED,
                    Map.of("code", e.code().name(), "reason", e.getMessage()));
            throw e;
        }
    }

    private PolicyPreview previewChecked(PreviewRequest request) {
        if (request == null || request.text() == null) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "a preview needs the policy file's text");
        }
        PolicyFile file = new PolicyFile(request.path() == null ? "policies/preview.yaml" : request.path(), request.text());
        PolicyLoad candidates = requireValid(List.of(file));
        List<CompiledPolicy> compiled = candidates.policySet().policies();
        if (compiled.isEmpty()) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, file.path() + " holds no policy (`kind: Policy`) to preview");
        }
        InForce current = inForce();
        Set<String> inForceIds = new HashSet<>();
        current.policySet().policies().forEach(policy -> inForceIds.add(policy.id()));
        PolicySet combined = current.policySet().with(compiled).withExemptions(candidates.policySet().exemptions());
        List<Verdict> verdicts = evaluateCurrent(combined.only(compiled));
        return PolicyPreview.of(current.digest(), compiled, inForceIds, verdicts,
                candidates.problems().stream().map(Problem::format).toList());
    }

    static PolicyInfo info(Policy policy) {
        return new PolicyInfo(policy.id(), policy.version(), policy.scope().toString(), policy.target().value(),
                Reports.severity(policy.severity()), policy.description(), policy.owner(), policy.when(), policy.rule(),
                policy.message(), policy.origin().file(), policy.origin().position().line());
    }

    private static PolicyList.ExemptionInfo exemption(Exemption exemption, Clock clock) {
        return new PolicyList.ExemptionInfo(exemption.policy(), exemption.product(), exemption.reason(),
                exemption.approver(), exemption.expires(), exemption.activeAt(clock.instant()), exemption.origin().file(),
                exemption.origin().position().line());
    }
}
