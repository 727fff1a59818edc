package io.polder.registry.apply;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.Verdict;
import io.polder.registry.apply.Work.DomainWork;
import io.polder.registry.apply.Work.Permission;
import io.polder.registry.apply.Work.ProductWork;
import io.polder.registry.apply.Work.RetireWork;
import io.polder.registry.apply.Work.TeamWork;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.CatalogChanges;
import io.polder.registry.governance.ComplianceService;
import io.polder.registry.governance.GovernanceReport;
import io.polder.registry.governance.PolicyCheck;
import io.polder.registry.governance.PolicyService;
import io.polder.registry.governance.ProductPolicies;
import io.polder.registry.store.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and applies mesh bundles.
 *
 * <p>The registry validates the bundle itself (never trusting the client), plans against what it holds,
 * checks that the principal may make every change the plan contains (a domain-owner only in its domain;
 * domains and teams only a platform-admin), and refuses the whole apply on any conflict before writing
 * anything. It then writes the domains and teams in one transaction, and each product (with its version,
 * ports and contracts) in a transaction of its own: an apply that is interrupted leaves every product
 * either fully applied or untouched, and applying the same bundle again completes it. Versions are
 * immutable. Of several concurrent applies that planned the same new version, exactly one publishes it and
 * the others get {@link ErrorCode#CONFLICT} — enforced by primary keys and revision-checked updates, so it
 * holds across server replicas; an apply that plans after the version was published finds nothing to
 * change (idempotence).
 *
 * <p>Governance: the bundle's policy files are compiled here (a policy that does not compile refuses the
 * bundle with its file and line), and every selected product is evaluated, on plan and again on apply, against
 * the policy set that will be in force, with the registry's facts. A product that would change and that an
 * error-severity policy fails on is refused (not written, and audited with the policies and the first
 * message); the other products go through. The policy files are written first, in a transaction of their own
 * that names the revision of the set it replaces. After applies, a compliance snapshot is recorded (by the
 * compliance service, on a thread of its own).
 */
public final class ApplyService {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyService.class);
    private final Database database;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Clock clock;
    private final BundleValidator validator = new BundleValidator();
    private final PolicyService policies;
    private final ComplianceService compliance;
    private final Consumer<Plan> afterPlanning;
    private final CatalogChanges changes;
    private final List<Consumer<Principal>> appliedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** With {@code changes} told of every product this service writes, after each commit. */
    public ApplyService(Database database, Authorizer authorizer, AuditLog audit, Clock clock, PolicyService policies,
                        ComplianceService compliance, CatalogChanges changes) {
        this(database, authorizer, audit, clock, policies, compliance, plan -> { }, changes);
    }

    /**
     * With {@code afterPlanning} called between planning and writing: a seam for tests that make several
     * applies plan before any of them writes.
     */
    ApplyService(Database database, Authorizer authorizer, AuditLog audit, Clock clock, PolicyService policies,
                 ComplianceService compliance, Consumer<Plan> afterPlanning) {
        this(database, authorizer, audit, clock, policies, compliance, afterPlanning, new CatalogChanges());
    }

    private ApplyService(Database database, Authorizer authorizer, AuditLog audit, Clock clock, PolicyService policies,
                         ComplianceService compliance, Consumer<Plan> afterPlanning, CatalogChanges changes) {
        this.database = requireNonNull(database, "database is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.compliance = requireNonNull(compliance, "compliance is null");
        this.afterPlanning = requireNonNull(afterPlanning, "afterPlanning is null");
        this.changes = requireNonNull(changes, "changes is null");
    }

    /** What {@link #apply} would do, changing nothing: the same checks, refusals and conflicts. */
    public Plan plan(Principal principal, MeshBundle bundle, ApplyOptions options) {
        return apply(principal, bundle, options.asDryRun());
    }

    /**
     * Applies {@code bundle} (or only plans it, with {@link ApplyOptions#dryRun()}).
     *
     * @return the plan, marked applied unless it was a dry run; without changes it says "No changes."
     * @throws PolderException INVALID_DOCUMENT with the problems when a document or the mesh is invalid;
     *         FORBIDDEN when the principal may not make one of the changes; CONFLICT when a version would
     *         change, a contract belongs to another product, a product is retired, or another apply got
     *         there first; NOT_FOUND when {@code options} select a product the bundle does not declare
     */
    public Plan apply(Principal principal, MeshBundle bundle, ApplyOptions options) {
        requireNonNull(principal, "principal is null");
        requireNonNull(bundle, "bundle is null");
        requireNonNull(options, "options is null");
        Declared.Mesh declared = validate(principal, bundle);
        PolicyPlan policyPlan = validated(principal, () -> PolicyPlan.of(policies, bundle, options));
        Work.Planned planned = validated(principal, () -> Planner.plan(declared, database.read(RegistryState::read), options));
        List<Permission> permissions = new ArrayList<>(policyPlan.permissions());
        permissions.addAll(planned.permissions());
        authorize(principal, permissions);
        if (!planned.conflicts().isEmpty()) {
            throw failed(principal, new PolderException(ErrorCode.CONFLICT, conflictMessage(planned.conflicts()),
                    Map.of("conflicts", planned.conflicts()), null));
        }
        GovernanceReport governance = govern(declared, planned, policyPlan, options);
        Plan plan = withPolicies(planned.plan(), policyPlan, governance, false);
        if (options.dryRun()) {
            return plan;
        }
        afterPlanning.accept(plan);
        write(principal, planned, policyPlan, governance);
        recordCompliance(principal);
        if (planned.plan().hasChanges()) {
            appliedListeners.forEach(listener -> afterApply(listener, principal));
        }
        return withPolicies(planned.plan(), policyPlan, governance, true);
    }

    /**
     * Calls {@code listener} with the applying principal after every apply that changed something, once all of
     * it is written (the access service opens the requests the products' input ports need).
     */
    public void onApplied(Consumer<Principal> listener) {
        appliedListeners.add(requireNonNull(listener, "listener is null"));
    }

    /** Like the compliance snapshot, what follows an apply is not part of it: a failure is logged, not thrown. */
    private static void afterApply(Consumer<Principal> listener, Principal principal) {
        try {
            listener.accept(principal);
        } catch (RuntimeException e) {
            LOG.warn("the apply by {} succeeded, but what follows it failed: {}", principal.name(), e.toString());
        }
    }

    /**
     * The compliance snapshot of an apply is history, not part of the change: it is recorded after the apply
     * returns, and one that cannot be recorded is logged (the trend misses a point), never the apply's failure.
     */
    private void recordCompliance(Principal principal) {
        compliance.recordAfterApply(principal);
    }

    /**
     * Evaluates the selected products of the bundle against the policy set that will be in force, with the
     * registry's facts. A product that would change and on which an error-severity policy fails (or cannot be
     * evaluated), no exemption covering it, is refused; the others go through.
     */
    private GovernanceReport govern(Declared.Mesh declared, Work.Planned planned, PolicyPlan policyPlan,
                                    ApplyOptions options) {
        if (policyPlan.policies().size() == 0) {
            return new GovernanceReport(policyPlan.digest(), 0, List.of(), List.of()); // nothing to evaluate, no facts to read
        }
        Set<String> changing = new HashSet<>();
        planned.products().forEach(work -> changing.add(work.declared().id()));
        List<Verdict> verdicts = policies.evaluate(policyPlan.policies(), declared.snapshot()).stream()
                .filter(verdict -> options.selects(verdict.product())).toList();
        List<ProductPolicies> products = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            boolean refuse = verdict.blocks() && changing.contains(verdict.product());
            products.add(GovernanceReport.product(verdict, refuse));
            if (refuse) {
                refused.add(verdict.product());
            }
        }
        return new GovernanceReport(policyPlan.digest(), policyPlan.policies().size(), products, refused);
    }

    private static Plan withPolicies(Plan plan, PolicyPlan policyPlan, GovernanceReport governance, boolean applied) {
        List<PlanItem> items = new ArrayList<>(plan.items());
        items.addAll(policyPlan.items());
        List<String> warnings = new ArrayList<>(plan.warnings());
        warnings.addAll(policyPlan.warnings());
        return new Plan(items, warnings, applied, governance);
    }

    private <T> T validated(Principal principal, Supplier<T> work) {
        try {
            return work.get();
        } catch (PolderException e) {
            throw failed(principal, e);
        }
    }

    private Declared.Mesh validate(Principal principal, MeshBundle bundle) {
        try {
            return validator.validate(bundle);
        } catch (PolderException e) {
            throw failed(principal, e);
        }
    }

    private void authorize(Principal principal, List<Permission> permissions) {
        Map<String, PolderException> refusals = new LinkedHashMap<>();
        Map<String, Permission> refused = new LinkedHashMap<>();
        for (Permission permission : new LinkedHashSet<>(permissions)) {
            Authorizer.refusal(principal, permission.action(), permission.domain()).ifPresent(refusal -> {
                if (refusals.putIfAbsent(permission.target(), refusal) == null) {
                    refused.put(permission.target(), permission);
                }
            });
        }
        if (refusals.isEmpty()) {
            return;
        }
        refused.forEach((target, permission) -> authorizer.recordDenied(principal, permission.action(), target,
                refusals.get(target)));
        List<String> messages = refusals.entrySet().stream().map(entry -> entry.getKey() + ": "
                + entry.getValue().getMessage()).toList();
        PolderException first = refusals.values().iterator().next();
        throw new PolderException(ErrorCode.FORBIDDEN, first.getMessage()
                + (messages.size() > 1 ? " (and " + (messages.size() - 1) + " more refusals)" : ""),
                Map.of("refusals", messages), null);
    }

    private void write(Principal principal, Work.Planned planned, PolicyPlan policyPlan, GovernanceReport governance) {
        ApplyWriter writer = new ApplyWriter(clock.millis(), principal.name());
        List<String> applied = new ArrayList<>();
        if (policyPlan.changes()) {
            inTransaction(principal, "policies", applied, handle -> {
                policies.replace(handle, policyPlan.expectedRevision(), policyPlan.files(), principal.name());
                for (PlanItem item : policyPlan.items()) {
                    audit.record(handle, principal, item.domain() == null ? Action.APPLY_GLOBAL_POLICIES
                            : Action.APPLY_DOMAIN_POLICIES, "policies/" + item.id(), AuditOutcome.SUCCEEDED,
                            Map.of("change", item.change().value(), "reason", item.reason()));
                }
            });
        }
        if (planned.meshChanges()) {
            inTransaction(principal, "mesh", applied, handle -> {
                for (DomainWork domain : planned.domains()) {
                    writer.writeDomain(handle, domain);
                    record(handle, principal, Action.APPLY_MESH_CONFIG, "domain/" + domain.domain().id(),
                            domain.expectedDigest() == null ? "add" : "change");
                }
                for (TeamWork team : planned.teams()) {
                    writer.writeTeam(handle, team);
                    record(handle, principal, Action.APPLY_MESH_CONFIG, "team/" + team.team().id(),
                            team.expectedDigest() == null ? "add" : "change");
                }
            });
        }
        for (ProductWork product : planned.products()) {
            if (governance.refused().contains(product.declared().id())) {
                refuse(principal, governance, product);
                continue;
            }
            inTransaction(principal, "product/" + product.declared().id(), applied, handle -> {
                writer.writeProduct(handle, product);
                audit.record(handle, principal, Action.APPLY_PRODUCT, "product/" + product.declared().id(),
                        AuditOutcome.SUCCEEDED, details(product.item()));
            });
            changes.productChanged(product.declared().id());
        }
        for (RetireWork retirement : planned.retirements()) {
            inTransaction(principal, "product/" + retirement.existing().id(), applied, handle -> {
                writer.retire(handle, retirement);
                audit.record(handle, principal, Action.CHANGE_LIFECYCLE, "product/" + retirement.existing().id(),
                        AuditOutcome.SUCCEEDED, details(retirement.item()));
            });
            changes.productChanged(retirement.existing().id());
        }
    }

    /**
     * Runs one unit of the apply in its own transaction. A conflict (a revision or digest that moved, a
     * primary key taken by a concurrent apply) stops the apply: what was applied before stays, and the
     * exception says what that was.
     */
    private void inTransaction(Principal principal, String target, List<String> applied, Consumer<Handle> work) {
        try {
            database.writeVoid(work);
            applied.add(target);
        } catch (RuntimeException e) {
            PolderException conflict = asConflict(target, e);
            if (conflict == null) {
                throw e;
            }
            Map<String, Object> details = new LinkedHashMap<>(conflict.details());
            details.put("applied", List.copyOf(applied));
            details.put("failed", target);
            throw failed(principal, new PolderException(ErrorCode.CONFLICT, conflict.getMessage(), details, e));
        }
    }

    private PolderException asConflict(String target, RuntimeException error) {
        if (error instanceof PolderException polder && polder.code() == ErrorCode.CONFLICT) {
            return polder;
        }
        if (database.isUniqueViolation(error)) {
            return new PolderException(ErrorCode.CONFLICT, target + " was changed by another apply at the same time"
                    + " (the version it publishes now exists); plan again");
        }
        return null;
    }

    private PolderException failed(Principal principal, PolderException error) {
        String target = error.details().get("failed") instanceof String failed ? failed : "mesh";
        Action action = target.startsWith("product/") ? Action.APPLY_PRODUCT : Action.APPLY_MESH_CONFIG;
        audit.record(principal, action, target, AuditOutcome.FAILED,
                Map.of("code", error.code().name(), "reason", error.getMessage()));
        return error;
    }

    /** A product an error-severity policy fails on is not written; the audit log says why, policy by policy. */
    private void refuse(Principal principal, GovernanceReport governance, ProductWork product) {
        String id = product.declared().id();
        ProductPolicies verdict = governance.products().stream().filter(candidate -> candidate.product().equals(id))
                .findFirst().orElseThrow();
        List<String> blocking = verdict.policies().stream()
                .filter(check -> check.severity().equals("error") && (check.outcome().equals(PolicyCheck.FAIL)
                        || check.outcome().equals(PolicyCheck.ERROR)))
                .map(PolicyCheck::policy).toList();
        String first = verdict.policies().stream().filter(check -> blocking.contains(check.policy()))
                .flatMap(check -> check.findings().stream()).map(PolicyCheck.Finding::format).findFirst().orElse("");
        audit.record(principal, Action.APPLY_PRODUCT, "product/" + id, AuditOutcome.FAILED, Map.of(
                "code", ErrorCode.INVALID_DOCUMENT.name(), "policies", String.join(", ", blocking),
                "reason", "refused by policy: " + first));
    }

    private void record(Handle handle, Principal principal, Action action, String target, String change) {
        audit.record(handle, principal, action, target, AuditOutcome.SUCCEEDED, Map.of("change", change));
    }

    private static Map<String, String> details(PlanItem item) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("change", item.change().value());
        if (item.fromVersion() != null) {
            details.put("fromVersion", item.fromVersion());
        }
        if (item.toVersion() != null) {
            details.put("toVersion", item.toVersion());
        }
        details.put("reason", item.reason());
        return details;
    }

    private static String conflictMessage(List<String> conflicts) {
        return conflicts.getFirst() + (conflicts.size() > 1 ? " (and " + (conflicts.size() - 1) + " more conflicts)" : "");
    }
}
