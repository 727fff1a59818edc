package io.polder.registry.catalog;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Cursor;
import io.polder.registry.Names;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.Pages;
import io.polder.registry.store.Database;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Reads the catalog: domains, teams, members, products, their versions and ports, contracts. Every
 * principal may read it, so these methods take none; the caller has authenticated the request.
 *
 * <p>Listings are keyset-paginated with opaque cursors and cost one query per page whatever its size
 * (children such as a team's members are fetched by a join in the same query). Ids are checked before
 * any lookup: a malformed id is {@link ErrorCode#INVALID_ARGUMENT}, an unknown one
 * {@link ErrorCode#NOT_FOUND}.
 */
public final class CatalogService {
    private static final String PRODUCT_COLUMNS =
            "id, domain_id, team_id, name, current_version, status, sunset_date, revision, created_at, updated_at";
    private static final String VERSION_COLUMNS =
            "product_id, version, revision, digest, declared_status, source_path, created_at, created_by";
    private static final String PORT_COLUMNS = "po.product_id, po.product_version, po.direction, po.name, "
            + "po.port_version, po.port_type, po.contract_id, po.description";
    private static final String CONTRACT_COLUMNS = "id, product_id, name, current_version, status, created_at, updated_at";
    private static final String CONTRACT_VERSION_COLUMNS =
            "contract_id, version, digest, source_path, created_at, created_by";

    static final String LIST_DOMAINS = """
            SELECT d.id, d.name, d.description, d.created_at, d.updated_at, o.principal_name AS owner
            FROM (SELECT id, name, description, created_at, updated_at FROM domains
                  WHERE (:after IS NULL OR id > :after) AND (:only IS NULL OR id = :only)
                  ORDER BY id LIMIT :limit) d
            LEFT JOIN domain_owners o ON o.domain_id = d.id
            ORDER BY d.id, o.principal_name""";
    static final String LIST_TEAMS = """
            SELECT t.id, t.domain_id, t.name, t.description, t.created_at, t.updated_at,
                   m.principal_name, m.member_role, p.display_name
            FROM (SELECT id, domain_id, name, description, created_at, updated_at FROM teams
                  WHERE (:domain IS NULL OR domain_id = :domain) AND (:after IS NULL OR id > :after)
                    AND (:only IS NULL OR id = :only)
                  ORDER BY id LIMIT :limit) t
            LEFT JOIN team_members m ON m.team_id = t.id
            LEFT JOIN principals p ON p.name = m.principal_name
            ORDER BY t.id, m.position""";
    static final String LIST_MEMBERS = """
            SELECT p.name, p.display_name, x.kind, x.ref_id, x.member_role
            FROM (SELECT name, display_name FROM principals
                  WHERE (:after IS NULL OR name > :after) AND (:only IS NULL OR name = :only)
                    AND (:team IS NULL OR name IN (SELECT principal_name FROM team_members WHERE team_id = :team))
                  ORDER BY name LIMIT :limit) p
            LEFT JOIN (SELECT principal_name, 'team' AS kind, team_id AS ref_id, member_role FROM team_members
                       UNION ALL
                       SELECT principal_name, 'domain' AS kind, domain_id AS ref_id, 'owner' AS member_role
                       FROM domain_owners) x ON x.principal_name = p.name
            ORDER BY p.name, x.kind, x.ref_id""";
    static final String LIST_PRODUCTS = "SELECT " + PRODUCT_COLUMNS + """
             FROM products
            WHERE (:domain IS NULL OR domain_id = :domain) AND (:team IS NULL OR team_id = :team)
              AND (:status IS NULL OR status = :status) AND id > :after
            ORDER BY id LIMIT :limit""";
    static final String GET_PRODUCT = "SELECT " + PRODUCT_COLUMNS + " FROM products WHERE id = :id";
    static final String LIST_PRODUCT_VERSIONS = "SELECT " + VERSION_COLUMNS + """
             FROM product_versions
            WHERE product_id = :product AND (:after IS NULL OR revision < :after)
            ORDER BY revision DESC LIMIT :limit""";
    static final String GET_PRODUCT_VERSION = "SELECT " + VERSION_COLUMNS + ", document_text, document_json"
            + " FROM product_versions WHERE product_id = :product AND version = :version";
    static final String LIST_CURRENT_PORTS = "SELECT " + PORT_COLUMNS + """
             FROM ports po JOIN products pr ON pr.id = po.product_id AND pr.current_version = po.product_version
            WHERE (:product IS NULL OR po.product_id = :product) AND (:direction IS NULL OR po.direction = :direction)
              AND (:afterProduct IS NULL OR (po.product_id, po.direction, po.name, po.port_version)
                   > (:afterProduct, :afterDirection, :afterName, :afterVersion))
            ORDER BY po.product_id, po.direction, po.name, po.port_version LIMIT :limit""";
    static final String LIST_VERSION_PORTS = "SELECT " + PORT_COLUMNS + """
             FROM ports po WHERE po.product_id = :product AND po.product_version = :version
            ORDER BY po.direction, po.position""";
    static final String LIST_ALL_VERSION_PORTS = "SELECT " + PORT_COLUMNS + """
             FROM ports po WHERE po.product_id = :product
            ORDER BY po.product_version, po.direction, po.position""";
    static final String PRODUCTS_WITH_DOCUMENTS = "SELECT " + PRODUCT_COLUMNS.replaceAll("(^|, )", "$1p.") + """
            , v.document_json FROM products p
            JOIN product_versions v ON v.product_id = p.id AND v.version = p.current_version
            WHERE p.id IN (<ids>)""";
    static final String CONTRACT_DOCUMENTS = """
            SELECT c.product_id, c.id, cv.document_json FROM contracts c
            JOIN contract_versions cv ON cv.contract_id = c.id AND cv.version = c.current_version
            WHERE c.product_id IN (<ids>) ORDER BY c.product_id, c.id""";
    /** How many products {@link #currentDocuments} reads at most in one call. */
    public static final int MAX_DOCUMENTS_BATCH = 500;
    static final String LIST_CONTRACTS = "SELECT " + CONTRACT_COLUMNS
            + " FROM contracts WHERE id > :after ORDER BY id LIMIT :limit";
    /** Seeks the index (product_id, id): one product's contracts cost the same whatever the registry's size. */
    static final String LIST_PRODUCT_CONTRACTS = "SELECT " + CONTRACT_COLUMNS
            + " FROM contracts WHERE product_id = :product AND id > :after ORDER BY id LIMIT :limit";
    static final String GET_CONTRACT = "SELECT " + CONTRACT_COLUMNS + " FROM contracts WHERE id = :id";
    static final String LIST_CONTRACT_VERSIONS = "SELECT " + CONTRACT_VERSION_COLUMNS + """
             FROM contract_versions
            WHERE contract_id = :contract
              AND (:afterTime IS NULL OR (created_at, version) < (:afterTime, :afterVersion))
            ORDER BY created_at DESC, version DESC LIMIT :limit""";
    static final String GET_CONTRACT_VERSION = "SELECT " + CONTRACT_VERSION_COLUMNS + ", document_text, document_json"
            + " FROM contract_versions WHERE contract_id = :contract AND version = :version";

    /** Sorts before every id (ids are never empty): where a first page starts. */
    private static final String FIRST = "";

    private final Database database;

    public CatalogService(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    public Page<Domain> listDomains(PageRequest page) {
        String after = after("domains", page);
        List<Domain> domains = database.read(handle -> CatalogRows.domains(handle.createQuery(LIST_DOMAINS)
                .bind("after", after).bind("only", (String) null).bind("limit", page.limit() + 1)
                .map(CatalogRows.DomainRow::map).list()));
        return Pages.of(domains, page.limit(), last -> Cursor.encode("domains", last.id()));
    }

    public Domain getDomain(String id) {
        Names.requireId("domain id", id);
        return database.read(handle -> CatalogRows.domains(handle.createQuery(LIST_DOMAINS)
                        .bind("after", (String) null).bind("only", id).bind("limit", 1)
                        .map(CatalogRows.DomainRow::map).list()))
                .stream().findFirst().orElseThrow(() -> notFound("domain", id));
    }

    /** Teams, of one domain when {@code domain} is not null. */
    public Page<Team> listTeams(String domain, PageRequest page) {
        if (domain != null) {
            Names.requireId("domain id", domain);
        }
        String after = after("teams", page);
        List<Team> teams = database.read(handle -> CatalogRows.teams(handle.createQuery(LIST_TEAMS)
                .bind("domain", domain).bind("after", after).bind("only", (String) null)
                .bind("limit", page.limit() + 1).map(CatalogRows.TeamRow::map).list()));
        return Pages.of(teams, page.limit(), last -> Cursor.encode("teams", last.id()));
    }

    public Team getTeam(String id) {
        Names.requireId("team id", id);
        return database.read(handle -> CatalogRows.teams(handle.createQuery(LIST_TEAMS)
                        .bind("domain", (String) null).bind("after", (String) null).bind("only", id).bind("limit", 1)
                        .map(CatalogRows.TeamRow::map).list()))
                .stream().findFirst().orElseThrow(() -> notFound("team", id));
    }

    public Page<Member> listMembers(PageRequest page) {
        return listMembers(null, page);
    }

    /** Members, of one team when {@code team} is not null. */
    public Page<Member> listMembers(String team, PageRequest page) {
        if (team != null) {
            Names.requireId("team id", team);
        }
        String after = after("members", page);
        List<Member> members = database.read(handle -> CatalogRows.members(handle.createQuery(LIST_MEMBERS)
                .bind("after", after).bind("only", (String) null).bind("team", team).bind("limit", page.limit() + 1)
                .map(CatalogRows.MemberRow::map).list()));
        return Pages.of(members, page.limit(), last -> Cursor.encode("members", last.name()));
    }

    public Member getMember(String name) {
        Names.requirePrincipal(name);
        return database.read(handle -> CatalogRows.members(handle.createQuery(LIST_MEMBERS)
                        .bind("after", (String) null).bind("only", name).bind("team", (String) null).bind("limit", 1)
                        .map(CatalogRows.MemberRow::map).list()))
                .stream().findFirst().orElseThrow(() -> notFound("member", name));
    }

    public Page<Product> listProducts(ProductFilter filter, PageRequest page) {
        String after = after("products", page);
        List<Product> products = database.read(handle -> handle.createQuery(LIST_PRODUCTS)
                .bind("domain", filter.domain()).bind("team", filter.team())
                .bind("status", filter.status() == null ? null : filter.status().value())
                .bind("after", after).bind("limit", page.limit() + 1)
                .map(CatalogRows::product).list());
        return Pages.of(products, page.limit(), last -> Cursor.encode("products", last.id()));
    }

    /** The product alone, without its versions and ports. */
    public Product getProductSummary(String id) {
        Names.requireId("product id", id);
        return database.read(handle -> product(handle, id));
    }

    /** The product with all its versions (newest first), the ports of its current version and its contracts. */
    public ProductDetail getProduct(String id) {
        Names.requireId("product id", id);
        return database.read(handle -> {
            Product product = product(handle, id);
            List<ProductVersion> versions = handle.createQuery(LIST_PRODUCT_VERSIONS)
                    .bind("product", id).bind("after", (Long) null).bind("limit", Integer.MAX_VALUE)
                    .map(CatalogRows::productVersion).list();
            List<Port> ports = versionPorts(handle, id, product.currentVersion());
            List<Contract> contracts = handle.createQuery(LIST_PRODUCT_CONTRACTS)
                    .bind("product", id).bind("after", FIRST).bind("limit", Integer.MAX_VALUE)
                    .map(CatalogRows::contract).list();
            return new ProductDetail(product, versions, ports, contracts);
        });
    }

    /**
     * The products {@code ids} with their current documents and their contracts', in two statements whatever
     * their number (at most {@link #MAX_DOCUMENTS_BATCH}); ids the registry does not hold are left out.
     */
    public List<ProductDocuments> currentDocuments(Collection<String> ids) {
        if (ids.size() > MAX_DOCUMENTS_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_DOCUMENTS_BATCH + " products at a time, not " + ids.size());
        }
        ids.forEach(id -> Names.requireId("product id", id));
        if (ids.isEmpty()) {
            return List.of();
        }
        return database.read(handle -> {
            Map<String, Map<String, String>> contracts = new HashMap<>();
            handle.createQuery(CONTRACT_DOCUMENTS).bindList("ids", List.copyOf(ids)).map((row, context) -> List.of(
                    row.getString("product_id"), row.getString("id"), row.getString("document_json")))
                    .forEach(row -> contracts.computeIfAbsent(row.get(0), product -> new LinkedHashMap<>())
                            .put(row.get(1), row.get(2)));
            return handle.createQuery(PRODUCTS_WITH_DOCUMENTS).bindList("ids", List.copyOf(ids))
                    .map((row, context) -> new ProductDocuments(CatalogRows.product(row, context),
                            row.getString("document_json"), contracts.getOrDefault(row.getString("id"), Map.of())))
                    .list();
        });
    }

    /** The ports of every version of the product (for a changelog), by version, direction and position. */
    public List<Port> listPortsOfAllVersions(String productId) {
        Names.requireId("product id", productId);
        return database.read(handle -> {
            product(handle, productId);
            return handle.createQuery(LIST_ALL_VERSION_PORTS).bind("product", productId).map(CatalogRows::port).list();
        });
    }

    public Page<ProductVersion> listProductVersions(String productId, PageRequest page) {
        Names.requireId("product id", productId);
        Long after = page.cursor() == null ? null : parseRevision(Cursor.decode("product-versions", page.cursor(), 1).get(0));
        List<ProductVersion> versions = database.read(handle -> {
            product(handle, productId);
            return handle.createQuery(LIST_PRODUCT_VERSIONS).bind("product", productId).bind("after", after)
                    .bind("limit", page.limit() + 1).map(CatalogRows::productVersion).list();
        });
        return Pages.of(versions, page.limit(),
                last -> Cursor.encode("product-versions", Long.toString(last.revision())));
    }

    public ProductVersionDetail getProductVersion(String productId, String version) {
        Names.requireId("product id", productId);
        Names.requireVersion(version);
        return database.read(handle -> {
            var found = handle.createQuery(GET_PRODUCT_VERSION).bind("product", productId).bind("version", version)
                    .map((row, context) -> new ProductVersionDetail(CatalogRows.productVersion(row, context),
                            CatalogRows.document(row, context), List.of()))
                    .findOne()
                    .orElseThrow(() -> notFound("version of product '" + productId + "'", version));
            return new ProductVersionDetail(found.version(), found.document(), versionPorts(handle, productId, version));
        });
    }

    /** The ports of the products' current versions, of one product when {@code productId} is not null. */
    public Page<Port> listPorts(String productId, PageRequest page) {
        return listPorts(productId, null, page);
    }

    /**
     * The ports of the products' current versions, of one product when {@code productId} is not null, in one
     * direction when {@code direction} is not null.
     */
    public Page<Port> listPorts(String productId, PortDirection direction, PageRequest page) {
        if (productId != null) {
            Names.requireId("product id", productId);
        }
        List<String> after = page.cursor() == null ? null : Cursor.decode("ports", page.cursor(), 4);
        List<Port> ports = database.read(handle -> {
            if (productId != null) {
                product(handle, productId);
            }
            return handle.createQuery(LIST_CURRENT_PORTS).bind("product", productId)
                    .bind("direction", direction == null ? null : direction.value())
                    .bind("afterProduct", after == null ? null : after.get(0))
                    .bind("afterDirection", after == null ? null : after.get(1))
                    .bind("afterName", after == null ? null : after.get(2))
                    .bind("afterVersion", after == null ? null : after.get(3))
                    .bind("limit", page.limit() + 1).map(CatalogRows::port).list();
        });
        return Pages.of(ports, page.limit(), last -> Cursor.encode("ports", last.productId(),
                last.direction().value(), last.name(), last.version()));
    }

    /** Contracts, of one product when {@code productId} is not null. */
    public Page<Contract> listContracts(String productId, PageRequest page) {
        if (productId != null) {
            Names.requireId("product id", productId);
        }
        String after = after("contracts", page);
        List<Contract> contracts = database.read(handle -> {
            if (productId != null) {
                product(handle, productId);
            }
            var query = productId == null ? handle.createQuery(LIST_CONTRACTS)
                    : handle.createQuery(LIST_PRODUCT_CONTRACTS).bind("product", productId);
            return query.bind("after", after).bind("limit", page.limit() + 1).map(CatalogRows::contract).list();
        });
        return Pages.of(contracts, page.limit(), last -> Cursor.encode("contracts", last.id()));
    }

    /** The contract with all its versions, newest first. */
    public ContractDetail getContract(String id) {
        Names.requireContractId(id);
        return database.read(handle -> {
            Contract contract = handle.createQuery(GET_CONTRACT).bind("id", id).map(CatalogRows::contract).findOne()
                    .orElseThrow(() -> notFound("contract", id));
            List<ContractVersion> versions = handle.createQuery(LIST_CONTRACT_VERSIONS).bind("contract", id)
                    .bind("afterTime", (Long) null).bind("afterVersion", (String) null)
                    .bind("limit", Integer.MAX_VALUE).map(CatalogRows::contractVersion).list();
            return new ContractDetail(contract, versions);
        });
    }

    public Page<ContractVersion> listContractVersions(String contractId, PageRequest page) {
        Names.requireContractId(contractId);
        List<String> after = page.cursor() == null ? null : Cursor.decode("contract-versions", page.cursor(), 2);
        Long afterTime = after == null ? null : parseRevision(after.get(0));
        List<ContractVersion> versions = database.read(handle -> {
            handle.createQuery(GET_CONTRACT).bind("id", contractId).map(CatalogRows::contract).findOne()
                    .orElseThrow(() -> notFound("contract", contractId));
            return handle.createQuery(LIST_CONTRACT_VERSIONS).bind("contract", contractId)
                    .bind("afterTime", afterTime).bind("afterVersion", after == null ? null : after.get(1))
                    .bind("limit", page.limit() + 1).map(CatalogRows::contractVersion).list();
        });
        return Pages.of(versions, page.limit(), last -> Cursor.encode("contract-versions",
                Long.toString(last.createdAt().toEpochMilli()), last.version()));
    }

    public ContractVersionDetail getContractVersion(String contractId, String version) {
        Names.requireContractId(contractId);
        Names.requireVersion(version);
        return database.read(handle -> handle.createQuery(GET_CONTRACT_VERSION).bind("contract", contractId)
                .bind("version", version)
                .map((row, context) -> new ContractVersionDetail(CatalogRows.contractVersion(row, context),
                        CatalogRows.document(row, context)))
                .findOne()
                .orElseThrow(() -> notFound("version of contract '" + contractId + "'", version)));
    }

    /**
     * The product {@code id} read on {@code handle}, inside the caller's transaction (on SQLite the write
     * lock is already held; on PostgreSQL the revision-checked update that follows detects a change).
     */
    public static Product productForUpdate(Handle handle, String id) {
        return product(handle, id);
    }

    static Product product(Handle handle, String id) {
        return handle.createQuery(GET_PRODUCT).bind("id", id).map(CatalogRows::product).findOne()
                .orElseThrow(() -> notFound("product", id));
    }

    private static List<Port> versionPorts(Handle handle, String productId, String version) {
        return handle.createQuery(LIST_VERSION_PORTS).bind("product", productId).bind("version", version)
                .map(CatalogRows::port).list();
    }

    /**
     * The key a page starts after: the cursor's, or {@link #FIRST} for the first page. Never null, so that
     * {@code id > :after} is a range both databases seek with the primary key; {@code (:after IS NULL OR id > :after)}
     * made SQLite scan the index from its start, so a deep page cost as much as all the pages before it.
     */
    private static String after(String listing, PageRequest page) {
        return page.cursor() == null ? FIRST : Cursor.decode(listing, page.cursor(), 1).get(0);
    }

    private static long parseRevision(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a valid cursor for this listing");
        }
    }

    private static PolderException notFound(String what, String id) {
        return new PolderException(ErrorCode.NOT_FOUND, "no " + what + " '" + id + "'");
    }
}
