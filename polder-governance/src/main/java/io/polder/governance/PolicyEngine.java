package io.polder.governance;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles policies and evaluates them on products. Framework-free and thread-safe: one engine serves a
 * whole server. Compiled expressions are cached by policy id, version and source (target, when, rule and
 * message), so reloading an unchanged policy costs a lookup; the policy set holds what it needs, so
 * evaluation never compiles.
 *
 * <pre>{@code
 * PolicyEngine engine = new PolicyEngine();
 * PolicyLoad load = new PolicyLoader(engine).load(meshRoot, "mesh");          // policies/, <domain>/policies/
 * MeshSnapshot mesh = MeshSnapshot.of(new Validator().loadMesh(meshRoot, "mesh"));
 * List<Verdict> verdicts = engine.evaluate(load.policySet(), mesh, Instant.now());
 * }</pre>
 */
public final class PolicyEngine {
    private final EngineOptions options;
    private final CelEnvironments environments;
    private final PolicyCompiler compiler;
    private final Evaluator evaluator;
    private final Map<CacheKey, CompiledPolicy.Expressions> cache;

    /**
     * What compilation depends on, with id and version: compared in full, so that a rule edited without a new
     * version is never mistaken for the cached one (the digest names it in messages and APIs).
     */
    private record CacheKey(String id, String version, PolicyTarget target, String when, String rule, String message) {
        static CacheKey of(Policy policy) {
            return new CacheKey(policy.id(), policy.version(), policy.target(), policy.when(), policy.rule(),
                    policy.message());
        }
    }

    public PolicyEngine() {
        this(EngineOptions.DEFAULTS);
    }

    public PolicyEngine(EngineOptions options) {
        this.options = requireNonNull(options, "options is null");
        this.environments = new CelEnvironments(options);
        this.compiler = new PolicyCompiler(environments);
        this.evaluator = new Evaluator(environments.model(), options);
        this.cache = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CacheKey, CompiledPolicy.Expressions> eldest) {
                return size() > options.cacheSize();
            }
        };
    }

    public EngineOptions options() {
        return options;
    }

    /**
     * Type-checks and plans a policy: its rule and when must be bool expressions over the target's variables,
     * its message placeholders must type-check. Refused policies come back with their issues, never thrown.
     */
    public PolicyCompilation compile(Policy policy) {
        requireNonNull(policy, "policy is null");
        CacheKey key = CacheKey.of(policy);
        CompiledPolicy.Expressions cached = cached(key);
        if (cached != null) {
            return new PolicyCompilation(policy, new CompiledPolicy(policy, cached), List.of());
        }
        List<ExpressionIssue> issues = new ArrayList<>();
        CompiledPolicy.Expressions expressions = compiler.compile(policy, issues);
        if (expressions == null) {
            return new PolicyCompilation(policy, null, issues);
        }
        remember(key, expressions);
        return new PolicyCompilation(policy, new CompiledPolicy(policy, expressions), List.of());
    }

    /** Evaluates every policy of {@code policies} whose scope covers the product, on each of its targets. */
    public Verdict evaluate(PolicySet policies, ProductContext product, Instant now) {
        requireNonNull(policies, "policies is null");
        requireNonNull(product, "product is null");
        requireNonNull(now, "now is null");
        return evaluator.evaluate(policies, product, now);
    }

    /**
     * Evaluates every product of a mesh, spread over the processors unless the options say otherwise; the
     * verdicts are in the snapshot's order.
     */
    public List<Verdict> evaluate(PolicySet policies, MeshSnapshot mesh, Instant now) {
        requireNonNull(mesh, "mesh is null");
        var products = options.parallel() ? mesh.products().parallelStream() : mesh.products().stream();
        return products.map(product -> evaluate(policies, product, now)).toList();
    }

    private CompiledPolicy.Expressions cached(CacheKey key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    private void remember(CacheKey key, CompiledPolicy.Expressions expressions) {
        if (options.cacheSize() > 0) {
            synchronized (cache) {
                cache.put(key, expressions);
            }
        }
    }
}
