package io.polder.web.pages;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Domain;
import io.polder.registry.catalog.Team;
import io.polder.web.search.ProductIndex;
import io.polder.web.search.SearchQuery;
import io.polder.web.search.SearchResults;
import io.polder.web.session.Session;
import java.util.List;

/** The catalog: search with facets (the home page), the domains, one domain. */
public final class CatalogPages {
    private final CatalogService catalog;
    private final ProductIndex index;
    private final Pages pages;

    public CatalogPages(CatalogService catalog, ProductIndex index, Pages pages) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.index = requireNonNull(index, "index is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    public void search(Context ctx, Session session) {
        SearchQuery query = new SearchQuery(ctx.queryParam("q"), ctx.queryParam("domain"), ctx.queryParam("tag"),
                ctx.queryParam("status"), ctx.queryParam("team"), page(ctx.queryParam("page")));
        SearchResults results = index.search(query);
        String title = query.text().isBlank() ? "Catalog" : "Search: " + abbreviate(query.text());
        pages.render(ctx, 200, "catalog.jte", new CatalogView(Pages.chrome(title, session, "catalog"), results));
    }

    public void domains(Context ctx, Session session) {
        Page<Domain> domains = catalog.listDomains(PageRequest.first(PageRequest.MAX_LIMIT));
        pages.render(ctx, 200, "domains.jte", new DomainsView(Pages.chrome("Domains", session, "domains"),
                domains.items(), index.search(SearchQuery.all()).facet("domain")));
    }

    public void domain(Context ctx, Session session) {
        Domain domain = catalog.getDomain(ctx.pathParam("id"));
        List<Team> teams = catalog.listTeams(domain.id(), PageRequest.first(PageRequest.MAX_LIMIT)).items();
        SearchQuery query = new SearchQuery("", domain.id(), null, null, null, page(ctx.queryParam("page")));
        pages.render(ctx, 200, "domain.jte", new DomainView(
                Pages.chrome(domain.name() == null ? domain.id() : domain.name(), session, "domains"), domain, teams,
                index.search(query)));
    }

    static int page(String text) {
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "page must be a number between 1 and "
                    + SearchQuery.MAX_PAGE);
        }
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 60 ? flat : flat.substring(0, 59) + "…";
    }

    public record CatalogView(Chrome chrome, SearchResults results) {
    }

    public record DomainsView(Chrome chrome, List<Domain> domains, List<SearchResults.FacetCount> productCounts) {
        public long productCount(String domain) {
            return productCounts.stream().filter(count -> count.value().equals(domain))
                    .mapToLong(SearchResults.FacetCount::count).findFirst().orElse(0);
        }
    }

    public record DomainView(Chrome chrome, Domain domain, List<Team> teams, SearchResults products) {
    }
}
