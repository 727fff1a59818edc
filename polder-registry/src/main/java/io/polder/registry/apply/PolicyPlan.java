package io.polder.registry.apply;

import io.polder.governance.PolicyLoad;
import io.polder.governance.PolicySet;
import io.polder.model.problem.Problem;
import io.polder.registry.auth.Action;
import io.polder.registry.governance.PolicyFile;
import io.polder.registry.governance.PolicyService;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an apply does to the policy set in force, and which set its products are evaluated against. A bundle
 * with policy files, applied whole, brings its own set (the registry compiles it itself, refusing the bundle
 * when a policy does not compile); it replaces the set in force, file by file, which needs platform-admin for
 * global files and the domain's owner for a domain's. A bundle without policy files, or an apply of selected
 * products, leaves the set in force as it is and is evaluated against it.
 *
 * @param policies the set the products are evaluated against: the one that is in force after the apply
 * @param digest that set's digest
 * @param items one plan item per policy file added, changed or removed
 * @param permissions what changing those files needs
 * @param files the files to store; null when the set in force stays
 * @param expectedRevision the revision of the set in force planned against
 */
record PolicyPlan(PolicySet policies, String digest, List<PlanItem> items, List<Work.Permission> permissions,
                  List<PolicyFile> files, long expectedRevision, List<String> warnings) {

    boolean changes() {
        return files != null;
    }

    static PolicyPlan of(PolicyService service, MeshBundle bundle, ApplyOptions options) {
        PolicyService.InForce inForce = service.inForce();
        if (bundle.policies() == null) {
            return unchanged(inForce, List.of());
        }
        PolicyLoad load = service.requireValid(bundle.policies());
        List<String> warnings = new ArrayList<>(load.problems().stream().map(Problem::format).toList());
        if (!options.wholeMesh()) {
            warnings.add("policy files are applied with the whole mesh only; the selected products were evaluated"
                    + " against the policies in force");
            return unchanged(inForce, warnings);
        }
        String digest = PolicyService.digest(bundle.policies());
        if (digest.equals(inForce.digest())) {
            return new PolicyPlan(inForce.policySet(), inForce.digest(), List.of(), List.of(), null, inForce.revision(),
                    warnings);
        }
        Map<String, String> current = new LinkedHashMap<>();
        inForce.files().forEach(file -> current.put(file.path(), file.text()));
        Map<String, PolicyFile> declared = new LinkedHashMap<>();
        bundle.policies().forEach(file -> declared.put(file.path(), file));
        List<PlanItem> items = new ArrayList<>();
        List<Work.Permission> permissions = new ArrayList<>();
        for (String path : new TreeSet<>(union(current, declared))) {
            PolicyFile file = declared.get(path);
            String before = current.get(path);
            if (file != null && file.text().equals(before)) {
                continue;
            }
            PolicyFile located = file != null ? file : new PolicyFile(path, before);
            String domain = located.location().isGlobal() ? null : located.location().domain();
            ChangeKind change = before == null ? ChangeKind.ADD : file == null ? ChangeKind.RETIRE : ChangeKind.CHANGE;
            String reason = switch (change) {
                case ADD -> "new " + (domain == null ? "global" : domain + " domain") + " policy file";
                case RETIRE -> "no longer in the mesh: what it declares stops applying";
                default -> "changed";
            };
            items.add(new PlanItem(ObjectKind.POLICY_FILE, path, null, domain, change, null, null, reason));
            permissions.add(domain == null ? new Work.Permission(Action.APPLY_GLOBAL_POLICIES, null, "policies/" + path)
                    : new Work.Permission(Action.APPLY_DOMAIN_POLICIES, domain, "policies/" + path));
        }
        return new PolicyPlan(load.policySet(), digest, items, permissions, bundle.policies(), inForce.revision(), warnings);
    }

    private static PolicyPlan unchanged(PolicyService.InForce inForce, List<String> warnings) {
        return new PolicyPlan(inForce.policySet(), inForce.digest(), List.of(), List.of(), null, inForce.revision(),
                warnings);
    }

    private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        Set<String> all = new HashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
