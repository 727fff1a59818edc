package io.polder.registry;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Member;
import io.polder.registry.catalog.Port;
import io.polder.registry.catalog.PortDirection;
import io.polder.registry.catalog.ProductDetail;
import io.polder.registry.catalog.ProductDocuments;
import io.polder.registry.catalog.Team;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catalog reads after applying the example mesh: every entity, its filters and pages, bad ids. */
abstract class CatalogTests extends RegistryTestBase {
    private CatalogService catalog;

    @BeforeEach
    void applyExample() {
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
        catalog = registry.catalog();
    }

    /** Every item of a listing, read {@code size} at a time. */
    private static <T> List<T> all(Function<PageRequest, Page<T>> listing, int size) {
        List<T> items = new ArrayList<>();
        PageRequest page = PageRequest.first(size);
        while (page != null) {
            Page<T> result = listing.apply(page);
            assertThat(result.items().size()).isLessThanOrEqualTo(size);
            items.addAll(result.items());
            page = result.nextCursor() == null ? null : new PageRequest(result.nextCursor(), size);
        }
        return items;
    }

    @Test
    void domainsCarryTheirOwners() {
        assertThat(all(catalog::listDomains, 3)).extracting(domain -> domain.id())
                .containsExactly("customer", "finance", "logistics", "sales");
        assertThat(catalog.getDomain("customer").owners()).containsExactly("chen@acme.example", "sofia@acme.example");
    }

    @Test
    void teamsCarryTheirMembersInOrder() {
        List<Team> teams = all(page -> catalog.listTeams(null, page), 4);
        assertThat(teams).hasSize(6);
        assertThat(all(page -> catalog.listTeams("sales", page), 1)).extracting(Team::id)
                .containsExactly("sales-analytics-team", "sales-order-team");
        Team orders = catalog.getTeam("sales-order-team");
        assertThat(orders.domain()).isEqualTo("sales");
        assertThat(orders.members()).extracting(Team.TeamMember::name, Team.TeamMember::displayName, Team.TeamMember::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dana@acme.example", "Dana Diaz", "owner"),
                        org.assertj.core.groups.Tuple.tuple("omar@acme.example", "Omar Okafor", "member"));
    }

    @Test
    void membersCarryTheirTeamsAndDomains() {
        List<Member> members = all(catalog::listMembers, 5);
        assertThat(members).hasSize(12).extracting(Member::name).doesNotHaveDuplicates().isSorted();
        Member dana = catalog.getMember("dana@acme.example");
        assertThat(dana.displayName()).isEqualTo("Dana Diaz");
        assertThat(dana.memberships()).containsExactly(new Member.Membership("domain", "sales", "owner"),
                new Member.Membership("team", "sales-order-team", "owner"));
    }

    @Test
    void membersFilterByTeamAndPortsByDirection() {
        assertThat(all(page -> catalog.listMembers("sales-order-team", page), 1)).extracting(Member::name)
                .containsExactly("dana@acme.example", "omar@acme.example");
        assertThat(all(page -> catalog.listMembers("no-such-team", page), 5)).isEmpty();
        failure(() -> catalog.listMembers("Sales Team", PageRequest.first()), ErrorCode.INVALID_ARGUMENT);
        List<Port> inputs = all(page -> catalog.listPorts(null, PortDirection.INPUT, page), 2);
        List<Port> outputs = all(page -> catalog.listPorts(null, PortDirection.OUTPUT, page), 2);
        assertThat(inputs).isNotEmpty().allMatch(port -> port.direction() == PortDirection.INPUT);
        assertThat(outputs).isNotEmpty().allMatch(port -> port.direction() == PortDirection.OUTPUT);
        assertThat(inputs.size() + outputs.size()).isEqualTo(all(page -> catalog.listPorts(null, page), 100).size());
        assertThat(all(page -> catalog.listPorts("logistics-delivery-performance", PortDirection.INPUT, page), 1))
                .hasSize(2);
    }

    @Test
    void aProductComesWithItsVersionsPortsAndContracts() {
        ProductDetail detail = catalog.getProduct("logistics-delivery-performance");
        assertThat(detail.product().domain()).isEqualTo("logistics");
        assertThat(detail.product().team()).isEqualTo("logistics-fulfilment-team");
        assertThat(detail.versions()).singleElement().satisfies(version -> assertThat(version.version()).isEqualTo("1.0.0"));
        assertThat(detail.ports()).filteredOn(port -> port.direction() == PortDirection.INPUT).hasSize(2);
        assertThat(detail.ports()).filteredOn(port -> port.direction() == PortDirection.OUTPUT)
                .extracting(Port::contractId).containsExactly("logistics-delivery-performance-carrier-daily");
        assertThat(detail.contracts()).extracting(contract -> contract.id())
                .containsExactly("logistics-delivery-performance-carrier-daily");
    }

    @Test
    void manyProductsAreReadWithTheirCurrentDocumentsInBulk() {
        List<ProductDocuments> read = catalog.currentDocuments(List.of("logistics-shipments", "sales-orders", "no-such"));
        assertThat(read).extracting(documents -> documents.product().id())
                .containsExactlyInAnyOrder("logistics-shipments", "sales-orders");
        ProductDocuments shipments = read.stream().filter(documents -> documents.product().id()
                .equals("logistics-shipments")).findFirst().orElseThrow();
        assertThat(shipments.documentJson()).isEqualTo(catalog.getProductVersion("logistics-shipments",
                shipments.product().currentVersion()).document().json());
        assertThat(shipments.contractJson()).containsOnlyKeys("logistics-shipments-shipments",
                "logistics-shipments-tracking-events");
        assertThat(shipments.contractJson().get("logistics-shipments-shipments")).isEqualTo(catalog
                .getContractVersion("logistics-shipments-shipments", "1.3.0").document().json());
        assertThat(catalog.currentDocuments(List.of())).isEmpty();
        failure(() -> catalog.currentDocuments(List.of("<b>")), ErrorCode.INVALID_ARGUMENT);
        List<Port> ports = catalog.listPortsOfAllVersions("logistics-shipments");
        assertThat(ports).extracting(Port::name).containsExactly("shipments", "tracking-events");
    }

    @Test
    void portsAndContractsListByProductAndInPages() {
        List<Port> ports = all(page -> catalog.listPorts(null, page), 3);
        assertThat(ports).hasSize(15);
        assertThat(ports).extracting(port -> port.productId() + "/" + port.direction() + "/" + port.name())
                .doesNotHaveDuplicates();
        assertThat(all(page -> catalog.listPorts("logistics-shipments", page), 1)).extracting(Port::name)
                .containsExactly("shipments", "tracking-events");
        assertThat(all(page -> catalog.listContracts(null, page), 3)).hasSize(8);
        assertThat(all(page -> catalog.listContracts("logistics-shipments", page), 10)).extracting(c -> c.id())
                .containsExactly("logistics-shipments-shipments", "logistics-shipments-tracking-events");
        assertThat(catalog.getContract("sales-orders-orders").versions()).hasSize(1);
        assertThat(all(page -> catalog.listProductVersions("sales-orders", page), 1)).hasSize(1);
        assertThat(all(page -> catalog.listContractVersions("sales-orders-orders", page), 1)).hasSize(1);
    }

    @Test
    void aListPageCostsOneQueryWhateverItsSize() {
        java.util.concurrent.atomic.AtomicInteger statements = new java.util.concurrent.atomic.AtomicInteger();
        registry.database().jdbi().setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
                statements.incrementAndGet();
            }
        });
        List<Function<PageRequest, Page<?>>> listings = List.of(catalog::listDomains, page -> catalog.listTeams(null, page),
                catalog::listMembers, page -> catalog.listProducts(io.polder.registry.catalog.ProductFilter.all(), page),
                page -> catalog.listPorts(null, page), page -> catalog.listContracts(null, page));
        for (Function<PageRequest, Page<?>> listing : listings) {
            statements.set(0);
            assertThat(listing.apply(PageRequest.first(1)).items()).hasSize(1);
            assertThat(statements.get()).isEqualTo(1);
            statements.set(0);
            assertThat(listing.apply(PageRequest.first(1000)).items().size()).isGreaterThan(1);
            assertThat(statements.get()).isEqualTo(1);
        }
    }

    @Test
    void unknownIdsAreNotFound() {
        failure(() -> catalog.getProduct("no-such-product"), ErrorCode.NOT_FOUND);
        failure(() -> catalog.getDomain("nowhere"), ErrorCode.NOT_FOUND);
        failure(() -> catalog.getTeam("nobody"), ErrorCode.NOT_FOUND);
        failure(() -> catalog.getMember("nobody@acme.example"), ErrorCode.NOT_FOUND);
        failure(() -> catalog.getContract("no-such-contract"), ErrorCode.NOT_FOUND);
        failure(() -> catalog.getProductVersion("sales-orders", "9.9.9"), ErrorCode.NOT_FOUND);
        failure(() -> catalog.getContractVersion("sales-orders-orders", "9.9.9"), ErrorCode.NOT_FOUND);
        failure(() -> catalog.listPorts("no-such-product", PageRequest.first()), ErrorCode.NOT_FOUND);
        failure(() -> catalog.listContracts("no-such-product", PageRequest.first()), ErrorCode.NOT_FOUND);
    }

    @Test
    void malformedIdsAreRefusedBeforeAnyLookup() {
        List<String> bad = List.of("sales-orders'", "sales-orders\"", "sales;orders", "'; DROP TABLE products; --",
                "../sales-orders", "..%2fsales", "s\u0430les-orders", "sales-orders\u200b", "x".repeat(10_000), "",
                "Sales-Orders", "sales orders");
        for (String id : bad) {
            failure(() -> catalog.getProduct(id), ErrorCode.INVALID_ARGUMENT);
            failure(() -> catalog.getDomain(id), ErrorCode.INVALID_ARGUMENT);
            failure(() -> catalog.getTeam(id), ErrorCode.INVALID_ARGUMENT);
            failure(() -> catalog.getProductVersion(id, "1.0.0"), ErrorCode.INVALID_ARGUMENT);
        }
        for (String id : List.of("a'b", "a;b", "../a", "s\u0430les", "x".repeat(10_000))) {
            failure(() -> catalog.getContract(id), ErrorCode.INVALID_ARGUMENT);
            failure(() -> catalog.getMember(id), ErrorCode.INVALID_ARGUMENT);
            failure(() -> catalog.getProductVersion("sales-orders", id), ErrorCode.INVALID_ARGUMENT);
        }
        assertThat(catalog.getProduct("sales-orders").product().id()).isEqualTo("sales-orders");
    }
}
