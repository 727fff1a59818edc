package io.polder.registry.governance;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.CompiledPolicy;
import io.polder.governance.ComplianceSummary;
import io.polder.governance.Exemption;
import io.polder.governance.MeshSnapshot;
import io.polder.governance.PolicyResult;
import io.polder.governance.PolicySet;
import io.polder.governance.Verdict;
import io.polder.model.source.Position;
import io.polder.registry.Names;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.governance.ComplianceReport.ComplianceCounts;
import io.polder.registry.governance.ComplianceReport.ComplianceFailure;
import io.polder.registry.governance.ComplianceReport.ComplianceSnapshot;
import io.polder.registry.governance.ComplianceReport.DomainCompliance;
import io.polder.registry.governance.ComplianceReport.PolicyCompliance;
import io.polder.registry.store.Database;
import io.polder.registry.store.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compliance: the registry's current products evaluated against the policies in force, counted per domain and
 * per policy, with the failures; and its history, one snapshot per evaluation recorded (after applies, on a
 * thread of its own, and on demand), so that a trend can be drawn. Reading is open to every principal;
 * recording on demand needs platform-admin or governance.
 *
 * <p>Evaluating costs about a millisecond a product, so the latest evaluation is kept and served again while
 * nothing it depends on changed. What it depends on is counted by the store itself: the compliance generation
 * ({@code compliance_generation}, migration V7) grows, by triggers, with every committed change of the products,
 * their versions, ports and contracts, lifecycle included, the domains and their owners, the policy set and the
 * contract runs' check results, whichever process made it (another replica on the same PostgreSQL, a command
 * line). An evaluation reads the generation and everything it evaluates in one snapshot of the store
 * ({@link Database#snapshot}), so it is never a mix of two states, and is kept under that generation; a read
 * first reads the generation (one row) and evaluates again when it moved. Time is the other input: a kept
 * evaluation holds until the first exemption of the set expires after it was made and, when a policy names
 * {@code now} (its result can change with the clock alone) or a policy was stopped at its iteration budget or
 * time limit (which a busy moment may have caused), for at most {@link #NOW_MAX_AGE}; it is never
 * served for a moment before it was made. Reads that need a new evaluation at the same generation wait for
 * the one being made instead of making their own.
 */
public final class ComplianceService {
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceService.class);
    /** Why a snapshot was recorded. */
    public static final String AFTER_APPLY = "apply";
    public static final String ON_DEMAND = "on-demand";
    private static final int HISTORY = 100;
    /**
     * How long reading compliance waits for the snapshots of earlier applies, so that its history holds them
     * (a snapshot takes about a millisecond a product).
     */
    private static final Duration READ_YOUR_APPLIES = Duration.ofSeconds(60);
    private static final String TOTAL = "*";
    /**
     * How long an evaluation is kept when a policy of the set names {@code now} (such a policy can change its result
     * at any moment, which no change in the store announces) or a policy was stopped at its limit (which may not
     * happen again): its answer is at most this old (its {@code evaluatedAt} says when it was made).
     */
    public static final Duration NOW_MAX_AGE = Duration.ofSeconds(10);

    static final String INSERT_SNAPSHOT = """
            INSERT INTO compliance_snapshots (id, taken_at, cause, principal_name, policy_set, products,
                blocked_products, passed, failed, errored, exempted)
            VALUES (:id, :takenAt, :cause, :principal, :policySet, :products, :blocked, :passed, :failed, :errored, :exempted)""";
    static final String INSERT_DOMAIN = """
            INSERT INTO compliance_domains (snapshot_id, domain_id, products, blocked_products, passed, failed, errored, exempted)
            VALUES (:id, :domain, :products, :blocked, :passed, :failed, :errored, :exempted)""";
    static final String INSERT_POLICY = """
            INSERT INTO compliance_policies (snapshot_id, policy_id, severity, failing_products, passed, failed, errored, exempted)
            VALUES (:id, :policy, :severity, :failing, :passed, :failed, :errored, :exempted)""";
    static final String HISTORY_ALL = """
            SELECT id, taken_at, cause, principal_name, policy_set, products, blocked_products, passed, failed, errored, exempted
            FROM compliance_snapshots ORDER BY taken_at DESC, id DESC LIMIT :limit""";
    static final String HISTORY_OF_DOMAIN = """
            SELECT s.id, s.taken_at, s.cause, s.principal_name, s.policy_set, d.products, d.blocked_products, d.passed,
                d.failed, d.errored, d.exempted
            FROM compliance_domains d JOIN compliance_snapshots s ON s.id = d.snapshot_id
            WHERE d.domain_id = :domain ORDER BY s.taken_at DESC, s.id DESC LIMIT :limit""";
    static final String GENERATION = "SELECT generation FROM compliance_generation WHERE id = 1";
    static final String DOMAIN_EXISTS = "SELECT COUNT(*) FROM domains WHERE id = :domain";
    static final String PRODUCTS_BY_DOMAIN = """
            SELECT domain_id, COUNT(*) AS products FROM products WHERE status <> 'retired' GROUP BY domain_id""";

    private final Database database;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final PolicyService policies;
    /** Records the snapshots after applies, one at a time, in order. */
    private final ExecutorService recorder = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("polder-compliance-snapshots").daemon().factory());
    /** The last applier whose snapshot waits to start, or null when none waits. */
    private final AtomicReference<Principal> afterApply =
            new AtomicReference<>();
    /** The latest evaluation, made or being made; null before the first. */
    private final AtomicReference<Kept> latest = new AtomicReference<>();
    private final AtomicLong evaluations = new AtomicLong();

    public ComplianceService(Database database, Authorizer authorizer, AuditLog audit, Ids ids, Clock clock,
                             PolicyService policies) {
        this.database = requireNonNull(database, "database is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.policies = requireNonNull(policies, "policies is null");
    }

    /**
     * The current products evaluated against the policies in force (nothing is recorded): the kept evaluation
     * while it holds, else a new one; with the recorded history, which holds the snapshots of the applies made
     * before this call (it waits for them).
     *
     * @param domain only this domain's products and history; null for the whole mesh
     * @throws PolderException INVALID_ARGUMENT for a malformed domain id, NOT_FOUND for an unknown one
     */
    public ComplianceReport report(Principal principal, String domain) {
        authorizer.require(principal, Action.READ, "compliance");
        requireDomain(domain);
        awaitRecorded(READ_YOUR_APPLIES);
        return report(current(), domain);
    }

    /**
     * Records the current evaluation (made again if anything it depends on changed since the latest) as a snapshot,
     * on demand.
     *
     * @throws PolderException FORBIDDEN unless platform-admin or governance
     */
    public ComplianceReport record(Principal principal) {
        authorizer.require(principal, Action.RECORD_COMPLIANCE, "compliance");
        awaitRecorded(READ_YOUR_APPLIES);
        Evaluation evaluation = current();
        record(principal, evaluation, ON_DEMAND);
        return report(evaluation, null);
    }

    /**
     * How many evaluations of the current products this service has made (without policies: countings), whether
     * for a read, a recording or a snapshot after an apply. A read served from the kept evaluation adds none; tests
     * and metrics read it.
     */
    public long evaluations() {
        return evaluations.get();
    }

    /**
     * Records a snapshot after an apply, on the recorder's thread: evaluating every current product grows with
     * the registry (about a millisecond a product), which an apply of one product should not wait for. Applies
     * that come while a snapshot waits to start share it (it is taken after the last of them, in its name); one
     * that comes once it has started gets the next. The apply authorised its caller already; a snapshot that
     * cannot be recorded is logged, not thrown: it is history, not part of the change.
     */
    public void recordAfterApply(Principal principal) {
        requireNonNull(principal, "principal is null");
        if (afterApply.getAndSet(principal) != null) {
            return; // a snapshot is waiting to start: it will be taken after this apply
        }
        try {
            recorder.execute(() -> {
                Principal last = afterApply.getAndSet(null);
                try {
                    record(last, current(), AFTER_APPLY);
                } catch (RuntimeException e) {
                    LOG.warn("the apply by {} succeeded, but its compliance snapshot could not be recorded: {}",
                            last.name(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            afterApply.set(null);
            LOG.warn("the registry is closing: no compliance snapshot after the apply by {}", principal.name());
        }
    }

    /**
     * Waits until the snapshots of the applies made so far are recorded (or {@code timeout} passes).
     *
     * @return whether they are
     */
    public boolean awaitRecorded(Duration timeout) {
        Future<?> marker;
        try {
            marker = recorder.submit(() -> { });
        } catch (RejectedExecutionException e) {
            return recorder.isTerminated();
        }
        try {
            marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Lets the snapshot in progress (and one waiting) finish, for up to {@code timeout}, and stops the recorder. */
    public void close(Duration timeout) {
        recorder.shutdown();
        try {
            if (!recorder.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a compliance snapshot was still being recorded after {} s; the registry closes without it",
                        timeout.toSeconds());
                recorder.shutdownNow();
            }
        } catch (InterruptedException e) {
            recorder.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param generation the store's compliance generation in the snapshot it was made from
     * @param at the moment of evaluation (what policies see as {@code now})
     * @param holdsUntil the first moment at which the clock alone may change it (or {@link Instant#MAX})
     * @param productsByDomain when no policy is in force, the products counted per domain instead of evaluated;
     *                         else empty
     * @param reports the reports made of it so far, by domain ({@link #TOTAL} for the whole mesh), without their
     *                history: a kept evaluation's are counted once, not on every read
     */
    private record Evaluation(long generation, Instant at, Instant holdsUntil, PolicyService.InForce inForce,
                              List<Verdict> verdicts, Map<String, Integer> productsByDomain,
                              Map<String, ComplianceReport> reports) {
        boolean holdsAt(Instant now) {
            return !now.isBefore(at) && now.isBefore(holdsUntil);
        }
    }

    /**
     * An evaluation made or being made.
     *
     * @param observed the generation its maker read before it began: its snapshot holds that state or a later one
     */
    private record Kept(long observed, CompletableFuture<Evaluation> evaluation) {
    }

    /** What one snapshot of the store gave: the generation, the set in force, and the products or their counts. */
    private record Read(long generation, PolicyService.InForce inForce, MeshSnapshot products,
                        Map<String, Integer> productsByDomain) {
    }

    /**
     * The evaluation of the store as it is now: the kept one when the generation has not moved since and the clock
     * has not passed its bound; else the one another read is making from the state seen here; else a new one.
     */
    private Evaluation current() {
        long generation = database.read(ComplianceService::generation);
        while (true) {
            Kept kept = latest.get();
            if (kept != null) {
                CompletableFuture<Evaluation> evaluation = kept.evaluation();
                if (!evaluation.isDone() && kept.observed() == generation) {
                    return await(evaluation); // begun after this state was committed: it holds it or a later one
                }
                if (evaluation.isDone() && !evaluation.isCompletedExceptionally()) {
                    Evaluation done = evaluation.join();
                    if (done.generation() == generation && done.holdsAt(clock.instant())) {
                        return done;
                    }
                }
            }
            Kept mine = new Kept(generation, new CompletableFuture<>());
            if (latest.compareAndSet(kept, mine)) {
                try {
                    Evaluation made = evaluate();
                    mine.evaluation().complete(made);
                    return made;
                } catch (RuntimeException | Error e) {
                    mine.evaluation().completeExceptionally(e);
                    throw e;
                }
            }
        }
    }

    private static Evaluation await(CompletableFuture<Evaluation> evaluation) {
        try {
            return evaluation.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private Evaluation evaluate() {
        Read read = database.snapshot(handle -> {
            long generation = generation(handle); // the snapshot's first statement: the state everything is read in
            PolicyService.InForce inForce = policies.inForce(handle);
            if (inForce.policySet().size() == 0) {
                // nothing to evaluate: count the products rather than read every document (an apply records a
                // snapshot each time, and a registry without policies should not pay for reading them all)
                return new Read(generation, inForce, null, productsByDomain(handle));
            }
            return new Read(generation, inForce, policies.currentProducts(handle), Map.of());
        });
        Instant at = clock.instant();
        PolicySet policySet = read.inForce().policySet();
        List<Verdict> verdicts = read.products() == null ? List.of() : policies.evaluate(policySet, read.products(), at);
        evaluations.incrementAndGet();
        Instant holdsUntil = holdsUntil(policySet, at);
        if (stoppedAtLimit(verdicts) && holdsUntil.isAfter(at.plus(NOW_MAX_AGE))) {
            holdsUntil = at.plus(NOW_MAX_AGE); // a time limit hit on a busy moment is not kept until the next change
        }
        return new Evaluation(read.generation(), at, holdsUntil, read.inForce(), verdicts,
                read.productsByDomain(), new ConcurrentHashMap<>());
    }

    /**
     * Until when an evaluation of {@code policySet} made at {@code at} holds if nothing in the store changes: until
     * the first of its exemptions expires after {@code at} (a failure it exempted fails again from then on), and, if
     * a policy names {@code now}, for {@link #NOW_MAX_AGE} at most.
     */
    static Instant holdsUntil(PolicySet policySet, Instant at) {
        Instant until = policySet.policies().stream().anyMatch(CompiledPolicy::readsNow) ? at.plus(NOW_MAX_AGE) : Instant.MAX;
        for (Exemption exemption : policySet.exemptions()) {
            if (exemption.expires().isAfter(at) && exemption.expires().isBefore(until)) {
                until = exemption.expires();
            }
        }
        return until;
    }

    /** A policy was stopped by its iteration budget or time limit: the second may not recur when evaluated again. */
    static boolean stoppedAtLimit(List<Verdict> verdicts) {
        return verdicts.stream().flatMap(verdict -> verdict.errors().stream())
                .anyMatch(error -> error.kind() == PolicyResult.ErrorKind.LIMIT);
    }

    private static long generation(Handle handle) {
        return handle.createQuery(GENERATION).mapTo(Long.class).one();
    }

    private static Map<String, Integer> productsByDomain(Handle handle) {
        Map<String, Integer> counts = new TreeMap<>();
        handle.createQuery(PRODUCTS_BY_DOMAIN).map((row, context) -> Map.entry(row.getString("domain_id"), row.getInt("products")))
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    /** The verdicts of {@code domain} (or all) counted; without policies, the products counted per domain. */
    private static ComplianceSummary summary(Evaluation evaluation, String domain) {
        List<Verdict> verdicts = domain == null ? evaluation.verdicts()
                : evaluation.verdicts().stream().filter(verdict -> verdict.domain().equals(domain)).toList();
        if (evaluation.productsByDomain().isEmpty()) {
            return ComplianceSummary.of(verdicts);
        }
        List<ComplianceSummary.DomainCompliance> domains = evaluation.productsByDomain().entrySet().stream()
                .filter(entry -> domain == null || entry.getKey().equals(domain))
                .map(entry -> new ComplianceSummary.DomainCompliance(entry.getKey(), entry.getValue(), 0,
                        new ComplianceSummary.Counts(0, 0, 0, 0)))
                .toList();
        return new ComplianceSummary(domains, List.of(), List.of());
    }

    /** The report of {@code evaluation} for {@code domain} (null: all), with the history recorded so far. */
    private ComplianceReport report(Evaluation evaluation, String domain) {
        ComplianceReport counted = evaluation.reports().computeIfAbsent(domain == null ? TOTAL : domain,
                key -> count(evaluation, domain));
        List<ComplianceSnapshot> history = new ArrayList<>(database.read(handle -> history(handle, domain)));
        Collections.reverse(history);
        return new ComplianceReport(counted.evaluatedAt(), counted.domain(), counted.policySet(), counted.policies(),
                counted.total(), counted.domains(), counted.policyRates(), counted.failures(), counted.failuresTotal(),
                history);
    }

    /** The report of {@code evaluation} for {@code domain} (null: all), without history. */
    private static ComplianceReport count(Evaluation evaluation, String domain) {
        List<Verdict> verdicts = domain == null ? evaluation.verdicts()
                : evaluation.verdicts().stream().filter(verdict -> verdict.domain().equals(domain)).toList();
        ComplianceSummary summary = summary(evaluation, domain);
        List<DomainCompliance> domains = summary.domains().stream().map(ComplianceService::domain).toList();
        List<PolicyCompliance> rates = summary.policies().stream().map(policy -> new PolicyCompliance(policy.policy(),
                Reports.severity(policy.severity()), policy.failingProducts(), counts(policy.counts()))).toList();
        List<ComplianceFailure> failures = new ArrayList<>();
        for (Verdict verdict : verdicts) {
            for (PolicyResult result : verdict.results()) {
                if (failures.size() < ComplianceReport.MAX_FAILURES) {
                    failure(verdict, result, failures);
                }
            }
        }
        return new ComplianceReport(evaluation.at(), domain, evaluation.inForce().digest(),
                evaluation.inForce().policySet().size(), total(summary), domains, rates, failures,
                summary.failures().size(), List.of());
    }

    private static void failure(Verdict verdict, PolicyResult result, List<ComplianceFailure> failures) {
        String message = switch (result) {
            case PolicyResult.Failed failed -> failed.message();
            case PolicyResult.Errored errored -> Reports.brokenPolicy(errored);
            default -> null;
        };
        if (message == null) {
            return;
        }
        Position at = verdict.position(result.target()).orElse(null);
        failures.add(new ComplianceFailure(verdict.product(), verdict.domain(), result.policy().id(),
                Reports.severity(result.policy().severity()), result.outcome().value(), result.target().toString(), message,
                result.target().file(), at == null ? 0 : at.line(), at == null ? 0 : at.column()));
    }

    /** Records {@code evaluation}, which holds now (it is the current one), as taken now. */
    private void record(Principal principal, Evaluation evaluation, String cause) {
        ComplianceSummary summary = summary(evaluation, null);
        DomainCompliance total = total(summary);
        String id = ids.next();
        Instant takenAt = clock.instant();
        database.writeVoid(handle -> {
            handle.createUpdate(INSERT_SNAPSHOT).bind("id", id).bind("takenAt", takenAt.toEpochMilli())
                    .bind("cause", cause).bind("principal", principal.name()).bind("policySet", evaluation.inForce().digest())
                    .bind("products", total.products()).bind("blocked", total.blockedProducts())
                    .bindMethods(total.counts()).execute();
            for (ComplianceSummary.DomainCompliance domain : summary.domains()) {
                handle.createUpdate(INSERT_DOMAIN).bind("id", id).bind("domain", domain.domain())
                        .bind("products", domain.products()).bind("blocked", domain.blockedProducts())
                        .bindMethods(counts(domain.counts())).execute();
            }
            for (ComplianceSummary.PolicyCompliance policy : summary.policies()) {
                handle.createUpdate(INSERT_POLICY).bind("id", id).bind("policy", policy.policy())
                        .bind("severity", Reports.severity(policy.severity())).bind("failing", policy.failingProducts())
                        .bindMethods(counts(policy.counts())).execute();
            }
            if (cause.equals(ON_DEMAND)) {
                audit.record(handle, principal, Action.RECORD_COMPLIANCE, "compliance", AuditOutcome.SUCCEEDED,
                        Map.of("snapshot", id, "products", String.valueOf(total.products()),
                                "blockedProducts", String.valueOf(total.blockedProducts())));
            }
        });
    }

    private static List<ComplianceSnapshot> history(Handle handle, String domain) {
        var query = handle.createQuery(domain == null ? HISTORY_ALL : HISTORY_OF_DOMAIN).bind("limit", HISTORY);
        if (domain != null) {
            query.bind("domain", domain);
        }
        return query.map((row, context) -> {
            long passed = row.getLong("passed");
            long failed = row.getLong("failed");
            long errored = row.getLong("errored");
            return new ComplianceSnapshot(row.getString("id"), Instant.ofEpochMilli(row.getLong("taken_at")),
                    row.getString("cause"), row.getString("principal_name"), row.getString("policy_set"),
                    row.getInt("products"), row.getInt("blocked_products"),
                    counts(passed, failed, errored, row.getLong("exempted")));
        }).list();
    }

    private void requireDomain(String domain) {
        if (domain == null) {
            return;
        }
        Names.requireId("domain", domain);
        if (database.read(handle -> handle.createQuery(DOMAIN_EXISTS).bind("domain", domain).mapTo(Long.class).one()) == 0) {
            throw new PolderException(ErrorCode.NOT_FOUND, "no domain '" + domain + "'");
        }
    }

    private static DomainCompliance domain(ComplianceSummary.DomainCompliance domain) {
        return new DomainCompliance(domain.domain(), domain.products(), domain.blockedProducts(), counts(domain.counts()));
    }

    private static DomainCompliance total(ComplianceSummary summary) {
        int products = 0;
        int blocked = 0;
        long passed = 0;
        long failed = 0;
        long errored = 0;
        long exempted = 0;
        for (ComplianceSummary.DomainCompliance domain : summary.domains()) {
            products += domain.products();
            blocked += domain.blockedProducts();
            passed += domain.counts().passed();
            failed += domain.counts().failed();
            errored += domain.counts().errored();
            exempted += domain.counts().exempted();
        }
        return new DomainCompliance(TOTAL, products, blocked, counts(passed, failed, errored, exempted));
    }

    private static ComplianceCounts counts(ComplianceSummary.Counts counts) {
        return new ComplianceCounts(counts.passed(), counts.failed(), counts.errored(), counts.exempted(), counts.passRate());
    }

    private static ComplianceCounts counts(long passed, long failed, long errored, long exempted) {
        long decided = passed + failed + errored;
        return new ComplianceCounts(passed, failed, errored, exempted, decided == 0 ? 1.0 : (double) passed / decided);
    }
}
