package io.polder.server.api;

import static io.polder.server.http.QueryParameter.oneOf;
import static io.polder.server.http.QueryParameter.string;
import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.registry.auth.Action;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Contract;
import io.polder.registry.catalog.ContractDetail;
import io.polder.registry.catalog.ContractVersion;
import io.polder.registry.catalog.ContractVersionDetail;
import io.polder.registry.catalog.Domain;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.registry.catalog.Member;
import io.polder.registry.catalog.Port;
import io.polder.registry.catalog.PortDirection;
import io.polder.registry.catalog.Product;
import io.polder.registry.catalog.ProductDetail;
import io.polder.registry.catalog.ProductFilter;
import io.polder.registry.catalog.ProductVersion;
import io.polder.registry.catalog.ProductVersionDetail;
import io.polder.registry.catalog.Team;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import java.util.Arrays;
import java.util.List;

/** Reading the catalog: every principal may, with any role. */
public final class CatalogRoutes {
    private static final Access READ = Access.requires(Action.READ);

    private final CatalogService catalog;

    public CatalogRoutes(CatalogService catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/domains").operation("listDomains", "List domains").access(READ)
                        .pageOf(Domain.class).handler(ctx -> ctx.json(catalog.listDomains(Requests.page(ctx)))),
                Route.get("/api/v1/domains/{id}").operation("getDomain", "One domain").access(READ)
                        .returns(Returns.json(200, Domain.class))
                        .handler(ctx -> ctx.json(catalog.getDomain(ctx.pathParam("id")))),
                Route.get("/api/v1/teams").operation("listTeams", "List teams, of one domain or all").access(READ)
                        .query(string("domain", "only the teams of this domain")).pageOf(Team.class)
                        .handler(ctx -> ctx.json(catalog.listTeams(Requests.string(ctx, "domain"), Requests.page(ctx)))),
                Route.get("/api/v1/teams/{id}").operation("getTeam", "One team with its members").access(READ)
                        .returns(Returns.json(200, Team.class))
                        .handler(ctx -> ctx.json(catalog.getTeam(ctx.pathParam("id")))),
                Route.get("/api/v1/members").operation("listMembers", "List principals, of one team or all")
                        .access(READ).query(string("team", "only the members of this team")).pageOf(Member.class)
                        .handler(ctx -> ctx.json(catalog.listMembers(Requests.string(ctx, "team"), Requests.page(ctx)))),
                Route.get("/api/v1/members/{username}").operation("getMember", "One principal and where it belongs")
                        .access(READ).returns(Returns.json(200, Member.class))
                        .handler(ctx -> ctx.json(catalog.getMember(ctx.pathParam("username")))),
                Route.get("/api/v1/products").operation("listProducts", "List data products").access(READ)
                        .query(string("domain", "only products of this domain"),
                                string("team", "only products owned by this team"),
                                oneOf("status", "only products in this lifecycle status", spellings(LifecycleStatus.values())))
                        .pageOf(Product.class).handler(this::listProducts),
                Route.get("/api/v1/products/{id}")
                        .operation("getProduct", "A product with its versions, ports and contracts; its ETag is its revision")
                        .access(READ).returns(Returns.json(200, ProductDetail.class)).handler(this::getProduct),
                Route.get("/api/v1/products/{id}/versions").operation("listProductVersions",
                                "The versions of a product, newest first").access(READ).pageOf(ProductVersion.class)
                        .handler(ctx -> ctx.json(catalog.listProductVersions(ctx.pathParam("id"), Requests.page(ctx)))),
                Route.get("/api/v1/products/{id}/versions/{version}").operation("getProductVersion",
                                "One version of a product, with its document as submitted and its ports").access(READ)
                        .returns(Returns.json(200, ProductVersionDetail.class))
                        .handler(ctx -> ctx.json(catalog.getProductVersion(ctx.pathParam("id"), ctx.pathParam("version")))),
                Route.get("/api/v1/ports").operation("listPorts", "The ports of the products' current versions")
                        .access(READ).query(string("product", "only the ports of this product"),
                                oneOf("direction", "only input or only output ports", spellings(PortDirection.values())))
                        .pageOf(Port.class).handler(this::listPorts),
                Route.get("/api/v1/contracts").operation("listContracts", "List data contracts").access(READ)
                        .query(string("product", "only the contracts of this product")).pageOf(Contract.class)
                        .handler(ctx -> ctx.json(catalog.listContracts(Requests.string(ctx, "product"), Requests.page(ctx)))),
                Route.get("/api/v1/contracts/{id}").operation("getContract", "A contract with its versions").access(READ)
                        .returns(Returns.json(200, ContractDetail.class))
                        .handler(ctx -> ctx.json(catalog.getContract(ctx.pathParam("id")))),
                Route.get("/api/v1/contracts/{id}/versions").operation("listContractVersions",
                                "The versions of a contract, newest first").access(READ).pageOf(ContractVersion.class)
                        .handler(ctx -> ctx.json(catalog.listContractVersions(ctx.pathParam("id"), Requests.page(ctx)))),
                Route.get("/api/v1/contracts/{id}/versions/{version}").operation("getContractVersion",
                                "One version of a contract, with its document as submitted").access(READ)
                        .returns(Returns.json(200, ContractVersionDetail.class))
                        .handler(ctx -> ctx.json(catalog.getContractVersion(ctx.pathParam("id"), ctx.pathParam("version")))));
    }

    private void listProducts(Context ctx) {
        ProductFilter filter = InvalidRequest.checking(() -> new ProductFilter(Requests.string(ctx, "domain"),
                Requests.string(ctx, "team"), Requests.parsed(ctx, "status", LifecycleStatus::parse)));
        ctx.json(catalog.listProducts(filter, Requests.page(ctx)));
    }

    private void getProduct(Context ctx) {
        ProductDetail detail = catalog.getProduct(ctx.pathParam("id"));
        ctx.header("ETag", ETags.of(detail.product()));
        ctx.json(detail);
    }

    private void listPorts(Context ctx) {
        PortDirection direction = Requests.parsed(ctx, "direction", CatalogRoutes::direction);
        ctx.json(catalog.listPorts(Requests.string(ctx, "product"), direction, Requests.page(ctx)));
    }

    private static PortDirection direction(String value) {
        return Arrays.stream(PortDirection.values()).filter(direction -> direction.value().equals(value)).findFirst()
                .orElseThrow(() -> InvalidRequest.badArgument("must be input or output"));
    }

    static List<String> spellings(Enum<?>[] values) {
        return Arrays.stream(values).map(Object::toString).toList();
    }
}
