package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.odcs.DataContract;
import io.polder.model.odps.InputPort;
import io.polder.model.odps.OutputPort;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Domain;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.catalog.Team;
import io.polder.registry.runs.LineageGraph;
import io.polder.registry.runs.LineageService;
import io.polder.registry.runs.RunHistory;
import io.polder.registry.usage.UsageService;
import io.polder.web.Lists;
import io.polder.web.LoadedProduct;
import io.polder.web.ProductSource;
import io.polder.web.session.Session;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The product page: what the catalog and the product's documents say about one product, with its quality and
 * freshness history (from its runs), its lineage (from the registry's ports), its changelog and its usage (the
 * queries consumers ran on its output ports: every consumer for its owners, platform-admin and governance; the
 * reader's own queries for anyone else).
 */
public final class ProductPages {
    /** How many edges the page's lineage graph follows each way. */
    static final int LINEAGE_DEPTH = 2;
    private static final int HISTORY_ENTRIES = 200;

    private final CatalogService catalog;
    private final ProductSource products;
    private final RunHistory runs;
    private final LineageService lineage;
    private final UsageService usage;
    private final Clock clock;
    private final Pages pages;

    public ProductPages(CatalogService catalog, ProductSource products, RunHistory runs, LineageService lineage,
                        UsageService usage, Clock clock, Pages pages) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.products = requireNonNull(products, "products is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.lineage = requireNonNull(lineage, "lineage is null");
        this.usage = requireNonNull(usage, "usage is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    public void product(Context ctx, Session session) {
        LoadedProduct loaded = products.load(ctx.pathParam("id"));
        String id = loaded.id();
        Domain domain = catalog.getDomain(loaded.detail().product().domain());
        Team team = loaded.detail().product().team() == null ? null : team(loaded.detail().product().team());
        Chrome chrome = Pages.chrome(loaded.detail().product().name() == null ? id
                : loaded.detail().product().name(), session, "catalog");
        ProductView.Observed observed = new ProductView.Observed(
                HistoryView.of(runs.checks(id, HISTORY_ENTRIES), runs.publishes(id, HISTORY_ENTRIES),
                        contractsByPort(loaded), clock.instant()),
                LineageView.of(lineage(loaded)),
                Changelog.of(loaded.detail().versions(), catalog.listPortsOfAllVersions(id), products::contractAt),
                UsageView.of(usage.consumers(session.principal(), id)));
        pages.render(ctx, 200, "product.jte",
                ProductView.of(chrome, loaded, domain.name(), team, upstream(loaded), observed));
    }

    /** The products around this one; a retired product is out of the graph (no data flows through it). */
    private LineageGraph lineage(LoadedProduct loaded) {
        if (loaded.detail().product().status() == LifecycleStatus.RETIRED) {
            return new LineageGraph(loaded.id(), LINEAGE_DEPTH, List.of(), List.of());
        }
        return lineage.graph(loaded.id(), LINEAGE_DEPTH);
    }

    /** The current contract behind each output port, by port name. */
    private static Map<String, DataContract> contractsByPort(LoadedProduct loaded) {
        Map<String, DataContract> contracts = new HashMap<>();
        for (OutputPort port : Lists.orEmpty(loaded.document().outputPorts())) {
            DataContract contract = port.contractId() == null ? null : loaded.contracts().get(port.contractId());
            if (contract != null) {
                contracts.put(port.name(), contract);
            }
        }
        return contracts;
    }

    /** The product owning each contract the input ports read, by contract id, for those the registry holds. */
    private Map<String, String> upstream(LoadedProduct loaded) {
        Map<String, String> owners = new HashMap<>();
        for (InputPort port : Lists.orEmpty(loaded.document().inputPorts())) {
            String contractId = port.contractId();
            if (contractId == null || owners.containsKey(contractId)) {
                continue;
            }
            try {
                owners.put(contractId, catalog.getContract(contractId).contract().productId());
            } catch (PolderException e) {
                if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.INVALID_ARGUMENT) {
                    throw e;
                }
            }
        }
        return owners;
    }

    /** The owning team, or null when the registry does not (yet) hold a team of that id. */
    private Team team(String id) {
        try {
            return catalog.getTeam(id);
        } catch (PolderException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
