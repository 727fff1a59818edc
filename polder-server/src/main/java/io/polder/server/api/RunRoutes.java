package io.polder.server.api;

import static io.polder.server.http.QueryParameter.flag;
import static io.polder.server.http.QueryParameter.oneOf;
import static io.polder.server.http.QueryParameter.string;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.registry.Names;
import io.polder.registry.auth.Action;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Port;
import io.polder.registry.catalog.PortDirection;
import io.polder.registry.runs.Run;
import io.polder.registry.runs.RunDetail;
import io.polder.registry.runs.RunFilter;
import io.polder.registry.runs.RunKind;
import io.polder.registry.runs.RunService;
import io.polder.registry.runs.RunState;
import io.polder.registry.runs.RunTrigger;
import io.polder.server.build.BuildService;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import io.polder.spi.PortRef;
import io.polder.spi.SnapshotInfo;
import io.polder.spi.TableInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Builds and contract runs: start them (asynchronously: 202 with the queued run, whose state the caller polls at
 * {@code GET /api/v1/runs/{id}}; or {@code ?wait=true} to answer 200 when it has finished), list and read them
 * with their check results and lineage, and the snapshots of a port. Starting needs build-product (the product's
 * domain owner, a member of its owning team, or a platform-admin); reading needs any token.
 */
public final class RunRoutes {
    /** How long {@code ?wait=true} waits for a run; a longer one is answered as it is then. */
    static final Duration WAIT = Duration.ofMinutes(30);

    private final BuildService builds;
    private final RunService runs;
    private final CatalogService catalog;

    public RunRoutes(BuildService builds, RunService runs, CatalogService catalog) {
        this.builds = requireNonNull(builds, "builds is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * A snapshot of an output port, as the engine keeps it.
     *
     * @param state candidate, published, quarantined...
     * @param rows the rows of all its tables
     * @param note why it is quarantined, or null
     */
    public record Snapshot(String id, String port, String state, Instant createdAt, String runId, String contractVersion,
                           String checkOutcome, Instant publishedAt, long rows, List<String> tables, String note) {
        static Snapshot of(SnapshotInfo info) {
            return new Snapshot(info.id().value(), info.port().toString(), info.state().value(), info.createdAt(),
                    info.runId(), info.contractVersion(), info.checkOutcome() == null ? null : info.checkOutcome().value(),
                    info.publishedAt(), info.tables().stream().mapToLong(TableInfo::rows).sum(),
                    info.tables().stream().map(TableInfo::name).toList(), info.note());
        }
    }

    public List<Route> routes() {
        Access build = Access.requires(Action.BUILD_PRODUCT);
        Access read = Access.requires(Action.READ);
        return List.of(
                Route.post("/api/v1/products/{id}/builds").operation("buildProduct", "Build the product's current"
                                + " version: write a candidate per output port, check its contract, publish what passes"
                                + " (202 with the queued run; with wait=true, 200 with the finished run); 409 while it"
                                + " is being built")
                        .access(build).concern(ProductConcerns.of(catalog, "building"))
                        .query(flag("wait", "answer when the build has finished"))
                        .returns(Returns.json(202, RunDetail.class)).errors(ErrorCode.CONFLICT)
                        .handler(this::build),
                Route.post("/api/v1/products/{id}/tests").operation("testProduct", "Run the contracts of the product's"
                                + " output ports against their published data (202 with the queued run; with wait=true,"
                                + " 200 with the finished run, failed when an error-level check failed)")
                        .access(build).concern(ProductConcerns.of(catalog, "testing"))
                        .query(flag("wait", "answer when the run has finished"),
                                string("port", "test only this output port (its name)"))
                        .returns(Returns.json(202, RunDetail.class)).handler(this::test),
                Route.get("/api/v1/runs").operation("listRuns", "Builds and contract runs, newest first")
                        .access(read).query(string("product", "only runs of this product"),
                                oneOf("kind", "only builds or only tests", List.of("build", "test")),
                                oneOf("state", "only runs in this state", List.of("queued", "running", "succeeded",
                                        "failed")))
                        .pageOf(Run.class).handler(this::list),
                Route.get("/api/v1/runs/{id}").operation("getRun", "A run with its per-port outcomes, check results"
                                + " (with failed-row samples) and OpenLineage events")
                        .access(read).returns(Returns.json(200, RunDetail.class))
                        .handler(ctx -> ctx.json(runs.detail(ctx.pathParam("id"), builds.runner()))),
                Route.get("/api/v1/products/{id}/ports/{port}/snapshots").operation("listSnapshots", "The snapshots of"
                                + " an output port of the product's current version, newest first")
                        .access(read).returns(Returns.json(200, SnapshotList.class))
                        .handler(this::snapshots));
    }

    /** The snapshots of a port. */
    public record SnapshotList(String port, List<Snapshot> snapshots) {
    }

    private void build(Context ctx) {
        boolean wait = Requests.flag(ctx, "wait");
        started(ctx, builds.build(Requests.principal(ctx), ctx.pathParam("id"), RunTrigger.REQUEST), wait);
    }

    private void test(Context ctx) {
        boolean wait = Requests.flag(ctx, "wait");
        String port = Requests.string(ctx, "port");
        if (port != null && !Names.matches(java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}"), port)) {
            throw InvalidRequest.badArgument("port must be a port name, found " + Names.quoteForMessage(port));
        }
        started(ctx, builds.test(Requests.principal(ctx), ctx.pathParam("id"), port), wait);
    }

    private void started(Context ctx, Run run, boolean wait) {
        ctx.header("Location", "/api/v1/runs/" + run.id());
        if (wait) {
            ctx.json(builds.await(run.id(), WAIT));
        } else {
            ctx.status(202).json(runs.detail(run.id(), builds.runner()));
        }
    }

    private void list(Context ctx) {
        RunFilter filter = InvalidRequest.checking(() -> new RunFilter(Requests.string(ctx, "product"),
                Requests.parsed(ctx, "kind", RunKind::parse), Requests.parsed(ctx, "state", RunState::parse)));
        ctx.json(runs.list(filter, Requests.page(ctx), builds.runner()));
    }

    private void snapshots(Context ctx) {
        String productId = ctx.pathParam("id");
        String portName = ctx.pathParam("port");
        Port port = catalog.listPorts(productId, PortDirection.OUTPUT, io.polder.registry.PageRequest.first(1000))
                .items().stream().filter(candidate -> candidate.name().equals(portName)).findFirst()
                .orElseThrow(() -> new io.polder.error.PolderException(ErrorCode.NOT_FOUND, "product '" + productId
                        + "' has no output port " + Names.quoteForMessage(portName)));
        PortRef ref = PortRef.of(productId, port.name(), port.version());
        ctx.json(new SnapshotList(ref.toString(), builds.snapshots(productId, port.name(), ref.majorVersion())
                .stream().map(Snapshot::of).toList()));
    }
}
