package io.polder.registry;

import static java.util.Objects.requireNonNull;

import io.polder.governance.CheckOutcome;
import io.polder.governance.PolicyEngine;
import io.polder.registry.access.AccessService;
import io.polder.registry.apply.ApplyService;
import io.polder.registry.apply.LifecycleService;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditService;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.TokenService;
import io.polder.registry.catalog.CatalogChanges;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.governance.CheckResults;
import io.polder.registry.governance.ComplianceService;
import io.polder.registry.governance.PolicyService;
import io.polder.registry.runs.BuildDefinitions;
import io.polder.registry.runs.LineageService;
import io.polder.registry.runs.RunService;
import io.polder.registry.store.Database;
import io.polder.registry.store.Ids;
import io.polder.registry.usage.UsageService;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The registry's services over one store, built in one place. A server or command line opens one,
 * uses its services, and closes it.
 */
public final class Registry implements AutoCloseable {
    private final Database database;
    private final AuditLog auditLog;
    private final Authorizer authorizer;
    private final TokenService tokens;
    private final AuditService audit;
    private final CatalogService catalog;
    private final LifecycleService lifecycle;
    private final ApplyService apply;
    private final PolicyService policies;
    private final ComplianceService compliance;
    private final RunService runs;
    private final BuildDefinitions buildDefinitions;
    private final LineageService lineage;
    private final AccessService access;
    private final UsageService usage;
    private final CatalogChanges catalogChanges = new CatalogChanges();

    /** With {@code clock} for everything, the runners' heartbeats included (for tests that move time by hand). */
    public Registry(Database database, Clock clock) {
        this(database, clock, clock);
    }

    /**
     * @param clock        the time of everything the registry records
     * @param registryTime the time of the runners' heartbeats, which one server writes and others compare: the
     *                     database's ({@link Database#clock()}) for servers that share a store, so that their own
     *                     clocks need not agree
     */
    public Registry(Database database, Clock clock, Clock registryTime) {
        this.database = requireNonNull(database, "database is null");
        Ids ids = new Ids(clock);
        this.auditLog = new AuditLog(database, ids, clock);
        this.authorizer = new Authorizer(auditLog);
        this.tokens = new TokenService(database, authorizer, auditLog, ids, clock);
        this.audit = new AuditService(database, authorizer);
        this.catalog = new CatalogService(database);
        this.lifecycle = new LifecycleService(database, catalog, authorizer, auditLog, clock, catalogChanges);
        this.runs = new RunService(database, authorizer, auditLog, ids, clock, registryTime);
        // policies see the outcomes of the latest contract run of each output port as facts.latestChecks
        CheckResults checks = new CheckResults() {
            @Override
            public List<CheckOutcome> latest(Handle handle, String productId) {
                return outcomes(RunService.latestChecks(handle, productId));
            }

            @Override
            public Map<String, List<CheckOutcome>> latestOfEvery(Handle handle) {
                Map<String, List<CheckOutcome>> every = new HashMap<>();
                RunService.latestChecksOfEvery(handle).forEach((product, latest) -> every.put(product, outcomes(latest)));
                return every;
            }
        };
        this.policies = new PolicyService(database, authorizer, auditLog, clock, PolicyEngine::new, checks);
        this.compliance = new ComplianceService(database, authorizer, auditLog, ids, clock, policies);
        this.apply = new ApplyService(database, authorizer, auditLog, clock, policies, compliance, catalogChanges);
        this.buildDefinitions = new BuildDefinitions(database);
        this.lineage = new LineageService(database);
        this.access = new AccessService(database, authorizer, auditLog, ids, clock);
        // a product whose input port reads another team's port needs a grant for its team: applying asks for it
        this.apply.onApplied(access::requestForInputs);
        this.usage = new UsageService(database, catalog, ids);
    }

    private static List<CheckOutcome> outcomes(List<RunService.LatestCheck> latest) {
        return latest.stream().map(check -> new CheckOutcome(check.rule(), check.outcome(), check.port())).toList();
    }

    /**
     * Opens (and migrates) the store at {@code jdbcUrl} and builds the services on it: the system's clock, and the
     * database's for the runners' heartbeats.
     */
    public static Registry open(String jdbcUrl) {
        Database database = Database.open(jdbcUrl);
        return new Registry(database, Clock.systemUTC(), database.clock());
    }

    /** As {@link #open(String)}, with {@code clock} for everything, the runners' heartbeats included. */
    public static Registry open(String jdbcUrl, Clock clock) {
        return new Registry(Database.open(jdbcUrl), clock);
    }

    public Database database() {
        return database;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    public TokenService tokens() {
        return tokens;
    }

    public AuditService audit() {
        return audit;
    }

    public CatalogService catalog() {
        return catalog;
    }

    public LifecycleService lifecycle() {
        return lifecycle;
    }

    public ApplyService apply() {
        return apply;
    }

    public PolicyService policies() {
        return policies;
    }

    public ComplianceService compliance() {
        return compliance;
    }

    public RunService runs() {
        return runs;
    }

    public BuildDefinitions buildDefinitions() {
        return buildDefinitions;
    }

    public LineageService lineage() {
        return lineage;
    }

    /** Access requests, grants, and what a principal may read. */
    public AccessService access() {
        return access;
    }

    public UsageService usage() {
        return usage;
    }

    /** Where copies of the catalog (a search index) subscribe to hear of committed product changes. */
    public CatalogChanges catalogChanges() {
        return catalogChanges;
    }

    /** Lets a compliance snapshot being recorded after an apply finish (up to 30 s), then closes the store. */
    @Override
    public void close() {
        compliance.close(java.time.Duration.ofSeconds(30));
        database.close();
    }
}
