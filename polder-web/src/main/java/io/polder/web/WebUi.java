package io.polder.web;

import static java.util.Objects.requireNonNull;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.polder.registry.Registry;
import io.polder.web.pages.AccessPages;
import io.polder.registry.runs.RunHistory;
import io.polder.web.pages.Assets;
import io.polder.web.pages.AuditPages;
import io.polder.web.pages.CatalogPages;
import io.polder.web.pages.GovernancePages;
import io.polder.web.pages.Pages;
import io.polder.web.pages.ProductPages;
import io.polder.web.pages.SignInPages;
import io.polder.web.search.ProductIndex;
import io.polder.web.session.Sessions;
import java.util.function.Consumer;

/**
 * The web UI: server-rendered pages under {@code /ui} over the same registry services as the API, with
 * sessions opened by signing in with an API token, and the catalog's search index.
 *
 * <pre>{@code
 * WebUi web = WebUi.open(registry, WebSettings.forDataDir(dataDir), rowFilterCheck, maskedColumns);
 * Javalin.create(config -> { ...; web.configure(config); });
 * ...
 * web.close();
 * }</pre>
 */
public final class WebUi implements AutoCloseable {
    /** The request attribute holding the signed-in {@code Principal} of a page request, for request logs. */
    public static final String PRINCIPAL_ATTRIBUTE = "polder.web.principal";
    /** Every page lives under this path; {@code /} sends the browser there. */
    public static final String ROOT = "/ui";

    private final Registry registry;
    private final ProductIndex index;
    private final Consumer<String> listener;
    private final Pages pages;
    private final SignInPages signIn;
    private final CatalogPages catalog;
    private final ProductPages products;
    private final AuditPages audit;
    private final AccessPages access;
    private final GovernancePages governance;
    private final Assets assets = new Assets();

    private WebUi(Registry registry, ProductIndex index, WebSettings settings, RowFilterCheck rowFilters,
                  MaskedColumns masked) {
        this.registry = registry;
        this.index = index;
        this.listener = index::productChanged;
        TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
                WebUi.class.getClassLoader(), "io.polder.web.templates");
        Sessions sessions = new Sessions(registry.tokens(), settings.clock(), settings.idleTimeout(), settings.maxAge(),
                settings.maxSessions());
        this.pages = new Pages(templates, sessions);
        this.signIn = new SignInPages(pages, registry.auditLog());
        this.catalog = new CatalogPages(registry.catalog(), index, pages);
        this.products = new ProductPages(registry.catalog(), new ProductSource(registry.catalog()),
                new RunHistory(registry.database()), registry.lineage(), registry.usage(), settings.clock(), pages);
        this.audit = new AuditPages(registry.audit(), pages);
        this.access = new AccessPages(registry.access(), rowFilters, masked, settings.clock(), pages);
        this.governance = new GovernancePages(registry.compliance(), registry.policies(), registry.authorizer(), pages);
    }

    /**
     * Opens the search index (rebuilding it from the registry when it is missing), subscribes it to the
     * registry's catalog changes, and brings it in step with the registry in the background.
     *
     * @param rowFilters checks the row filter of an approval made in the browser, as the API does
     * @param masked     the columns the query gateway masks, which an access request may ask to see as published
     */
    public static WebUi open(Registry registry, WebSettings settings, RowFilterCheck rowFilters, MaskedColumns masked) {
        requireNonNull(registry, "registry is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(rowFilters, "rowFilters is null");
        requireNonNull(masked, "masked is null");
        ProductIndex index = ProductIndex.open(settings.searchFolder(), registry.catalog());
        try {
            WebUi web = new WebUi(registry, index, settings, rowFilters, masked);
            registry.catalogChanges().subscribe(web.listener);
            index.synchronize();
            index.synchronizeEvery(settings.resyncSeconds());
            return web;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Adds the pages to {@code config}; call it from {@code Javalin.create}. */
    public void configure(JavalinConfig config) {
        config.routes.get("/", ctx -> ctx.redirect(ROOT, HttpStatus.SEE_OTHER));
        config.routes.get(ROOT, pages.signedIn(catalog::search));
        config.routes.get(ROOT + "/sign-in", pages.open(signIn::form));
        config.routes.post(ROOT + "/sign-in", pages.open(signIn::signIn));
        config.routes.post(ROOT + "/sign-out", pages.signedIn(signIn::signOut));
        config.routes.get(ROOT + "/domains", pages.signedIn(catalog::domains));
        config.routes.get(ROOT + "/domains/{id}", pages.signedIn(catalog::domain));
        config.routes.get(ROOT + "/products/{id}", pages.signedIn(products::product));
        config.routes.get(ROOT + "/audit", pages.signedIn(audit::log));
        config.routes.get(ROOT + "/access", pages.signedIn(access::overview));
        config.routes.get(ROOT + "/access/request", pages.signedIn(access::requestForm));
        config.routes.post(ROOT + "/access/requests", pages.signedIn(access::request));
        config.routes.post(ROOT + "/access/requests/{id}/approve", pages.signedIn(access::approve));
        config.routes.post(ROOT + "/access/requests/{id}/reject", pages.signedIn(access::reject));
        config.routes.post(ROOT + "/access/grants/{id}/revoke", pages.signedIn(access::revoke));
        config.routes.get(ROOT + "/governance", pages.signedIn(governance::compliance));
        config.routes.get(ROOT + "/governance/preview", pages.signedIn(governance::previewForm));
        config.routes.post(ROOT + "/governance/preview", pages.signedIn(governance::preview));
        config.routes.get(ROOT + "/assets/{name}", pages.open(assets::serve));
    }

    /** Whether {@code endpoint} ({@code "GET /ui/products/{id}"}) is one of the web UI's, not the API's. */
    public static boolean isWebEndpoint(String endpoint) {
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        return path.equals("/") || path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    /**
     * Whether a request is a person's, to be answered with a page rather than JSON: it is under {@code /ui}, or it
     * comes from a browser (its {@code Accept} header names {@code text/html} before any JSON) and is not for the
     * API, whose answers are always JSON.
     */
    public static boolean wantsPage(Context ctx) {
        String path = ctx.path();
        if (path.equals(ROOT) || path.startsWith(ROOT + "/")) {
            return true;
        }
        if (path.equals("/api") || path.startsWith("/api/")) {
            return false;
        }
        String accept = ctx.header("Accept");
        if (accept == null) {
            return false;
        }
        int html = accept.indexOf("text/html");
        int json = accept.indexOf("application/json");
        return html >= 0 && (json < 0 || html < json);
    }

    /** Answers a request for an address that is not a page with the UI's 404 page. */
    public void notFound(Context ctx) {
        pages.notFound(ctx);
    }

    /** The catalog's search index. */
    public ProductIndex searchIndex() {
        return index;
    }

    @Override
    public void close() {
        registry.catalogChanges().unsubscribe(listener);
        index.close();
    }
}
