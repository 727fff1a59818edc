package io.polder.registry;

import static io.polder.registry.Failures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.polder.error.ErrorCode;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.auth.Principal;
import io.polder.registry.catalog.LifecycleStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Listeners of the catalog (a search index) hear of every committed product change, and of nothing else. */
abstract class CatalogChangesTests extends RegistryTestBase {
    private static final LocalDate SUNSET = LocalDate.of(2026, 6, 30);

    private final List<String> told = new CopyOnWriteArrayList<>();

    @Test
    void appliesTellEveryProductWrittenAndNothingWhenNothingChanged() {
        registry.catalogChanges().subscribe(told::add);
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
        List<String> products = registry.catalog().listProducts(io.polder.registry.catalog.ProductFilter.all(),
                PageRequest.first(1000)).items().stream().map(io.polder.registry.catalog.Product::id).toList();
        assertThat(told).containsExactlyInAnyOrderElementsOf(products);

        told.clear();
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
        registry.apply().plan(admin(), ExampleMesh.withProduct(ExampleMesh.bundle(), "sales/sales-orders",
                ExampleMesh.version("1.2.0", "1.3.0")), ApplyOptions.defaults());
        assertThat(told).as("an unchanged apply and a plan").isEmpty();

        registry.apply().apply(admin(), ExampleMesh.without(ExampleMesh.bundle(), "finance/finance-revenue-report"),
                ApplyOptions.defaults().withPrune());
        assertThat(told).containsExactly("finance-revenue-report");
    }

    @Test
    void lifecycleChangesTellTheProductRefusalsDoNot() {
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
        registry.catalogChanges().subscribe(told::add);
        failure(() -> registry.lifecycle().changeLifecycle(Principal.domainOwner("olga", "finance"), "sales-orders",
                LifecycleStatus.DEPRECATED, SUNSET, 1L), ErrorCode.FORBIDDEN);
        failure(() -> registry.lifecycle().changeLifecycle(admin(), "sales-orders", LifecycleStatus.DEPRECATED,
                SUNSET, 7L), ErrorCode.CONFLICT);
        assertThat(told).isEmpty();
        registry.lifecycle().changeLifecycle(admin(), "sales-orders", LifecycleStatus.DEPRECATED, SUNSET, 1L);
        registry.lifecycle().changeLifecycle(admin(), "sales-orders", LifecycleStatus.DEPRECATED, SUNSET, 2L);
        assertThat(told).as("the second change changed nothing").containsExactly("sales-orders");
    }

    @Test
    void aFailingListenerDoesNotFailTheChange() {
        registry.catalogChanges().subscribe(id -> {
            throw new IllegalStateException("listener broke");
        });
        registry.catalogChanges().subscribe(told::add);
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
        assertThat(told).isNotEmpty();
        assertThat(registry.catalog().getProductSummary("sales-orders").status()).isEqualTo(LifecycleStatus.ACTIVE);
    }
}
