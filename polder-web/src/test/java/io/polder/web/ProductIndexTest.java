package io.polder.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.PolderException;
import io.polder.registry.Registry;
import io.polder.registry.catalog.LifecycleStatus;
import io.polder.web.search.ProductIndex;
import io.polder.web.search.SearchQuery;
import io.polder.web.search.SearchResults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The catalog's search over the example mesh: words, facets, filters, bad input, and keeping in step. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductIndexTest {
    private WebTestServer server;
    private ProductIndex index;

    @BeforeAll
    void start() {
        server = WebTestServer.start();
        index = server.web.searchIndex();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void indexesEveryProductOfTheRegistry() {
        int products = server.registry.catalog().listProducts(io.polder.registry.catalog.ProductFilter.all(),
                io.polder.registry.PageRequest.first(1000)).items().size();
        assertThat(products).isGreaterThan(3);
        assertThat(index.size()).isEqualTo(products);
        assertThat(index.search(SearchQuery.all()).total()).isEqualTo(products);
    }

    @Test
    void findsAProductByItsColumnsAndRanksItFirst() {
        SearchResults results = index.search(SearchQuery.text("customer email"));
        assertThat(results.hits()).isNotEmpty();
        assertThat(results.hits().getFirst().id()).isEqualTo("customer-profiles");
        assertThat(results.searchedWords()).containsExactly("customer", "email");
    }

    @Test
    void everyWordMustMatchSomewhere() {
        assertThat(index.search(SearchQuery.text("customer zyxwvutsrq")).total()).isZero();
    }

    @Test
    void countsFacetsAndFiltersByThem() {
        SearchResults all = index.search(SearchQuery.all());
        assertThat(all.facet("domain")).extracting(SearchResults.FacetCount::value)
                .contains("customer", "sales", "finance", "logistics");
        long customer = all.facet("domain").stream().filter(count -> count.value().equals("customer"))
                .findFirst().orElseThrow().count();
        SearchResults filtered = index.search(new SearchQuery("", "customer", null, null, null, 1));
        assertThat(filtered.total()).isEqualTo(customer);
        assertThat(filtered.hits()).allSatisfy(hit -> assertThat(hit.domain()).isEqualTo("customer"));
        assertThat(filtered.facet("domain")).extracting(SearchResults.FacetCount::value).containsExactly("customer");

        SearchResults tagged = index.search(new SearchQuery("", null, "personal-data", null, null, 1));
        assertThat(tagged.hits()).isNotEmpty().allSatisfy(hit -> assertThat(hit.tags()).contains("personal-data"));
        SearchResults active = index.search(new SearchQuery("", null, null, "active", null, 1));
        assertThat(active.hits()).allSatisfy(hit -> assertThat(hit.status()).isEqualTo("active"));
        SearchResults team = index.search(new SearchQuery("", null, null, null, "customer-data-team", 1));
        assertThat(team.hits()).isNotEmpty().allSatisfy(hit -> assertThat(hit.team()).isEqualTo("customer-data-team"));
    }

    @Test
    void queriesAreTextNeverLuceneSyntax() {
        List<String> hostile = List.of("customer AND NOT email", "name:customer", "\"customer", "email)", "(*",
                "*", "?", "cust*", "customer~2", "customer^10", "[a TO z]", "/regex/", "\\", "&&||!", "-customer",
                "<script>alert(1)</script>", "' OR 1=1 --", "\u0000\u202e", "x".repeat(10_000),
                "word ".repeat(2_000));
        for (String text : hostile) {
            SearchResults results = index.search(SearchQuery.text(text));
            assertThat(results.searchedWords()).as(text).hasSizeLessThanOrEqualTo(ProductIndex.MAX_WORDS);
        }
        // "customer AND NOT email" is three words that must all be present, so nothing is excluded
        assertThat(index.search(SearchQuery.text("customer AND NOT email")).searchedWords())
                .containsExactly("customer", "and", "not", "email");
        // a field prefix is no field prefix: the analyser keeps "name:customer" as one word, which no product has
        assertThat(index.search(SearchQuery.text("name:customer")).searchedWords()).containsExactly("name:customer");
        assertThat(index.search(SearchQuery.text("w ".repeat(40) + "x1 x2")).wordsDropped()).isFalse();
        SearchResults many = index.search(SearchQuery.text(String.join(" ",
                java.util.stream.IntStream.range(0, 40).mapToObj(i -> "w" + i).toList())));
        assertThat(many.wordsDropped()).isTrue();
        assertThat(many.searchedWords()).hasSize(ProductIndex.MAX_WORDS);
    }

    @Test
    void refusesPagesOutOfRangeAndOverlongFilters() {
        assertThatThrownBy(() -> new SearchQuery("", null, null, null, null, 0)).isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> new SearchQuery("", null, null, null, null, SearchQuery.MAX_PAGE + 1))
                .isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> new SearchQuery("", "d".repeat(201), null, null, null, 1))
                .isInstanceOf(PolderException.class);
        assertThat(new SearchQuery("x".repeat(10_000), null, null, null, null, 1).text()).hasSize(SearchQuery.MAX_TEXT);
    }

    @Test
    void followsLifecycleChangesOfTheRegistry() {
        String id = "customer-360";
        var before = server.registry.catalog().getProductSummary(id);
        server.registry.lifecycle().changeLifecycle(server.admin, id, LifecycleStatus.DEPRECATED,
                LocalDate.now().plusDays(90), before.revision());
        index.flush();
        SearchResults deprecated = index.search(new SearchQuery("", null, null, "deprecated", null, 1));
        assertThat(deprecated.hits()).extracting(SearchResults.Hit::id).contains(id);
    }

    @Test
    void rebuildsAMissingIndexAndCatchesUpWithChangesItMissed() throws IOException {
        Path folder = server.dataDir.resolve("search-rebuild");
        int expected = index.size();
        try (ProductIndex onDisk = ProductIndex.open(folder, server.registry.catalog())) {
            assertThat(onDisk.synchronize()).isEqualTo(expected);
            onDisk.flush();
            assertThat(onDisk.size()).isEqualTo(expected);
            assertThat(onDisk.synchronize()).isZero();
        }
        // a change made while the index was closed (here: by another registry on the same database)
        try (Registry other = Registry.open("jdbc:sqlite:" + server.dataDir.resolve("polder.db"))) {
            var product = other.catalog().getProductSummary("sales-orders");
            other.lifecycle().changeLifecycle(server.admin, "sales-orders", LifecycleStatus.DEPRECATED,
                    LocalDate.now().plusDays(30), product.revision());
        }
        try (ProductIndex reopened = ProductIndex.open(folder, server.registry.catalog())) {
            assertThat(reopened.size()).isEqualTo(expected);
            assertThat(reopened.synchronize()).isEqualTo(1);
            reopened.flush();
            assertThat(reopened.search(new SearchQuery("", null, null, "deprecated", null, 1)).hits())
                    .extracting(SearchResults.Hit::id).contains("sales-orders");
        }
        TestFiles.deleteTree(folder);
        try (ProductIndex rebuilt = ProductIndex.open(folder, server.registry.catalog())) {
            assertThat(rebuilt.size()).isZero();
            rebuilt.synchronize();
            rebuilt.flush();
            assertThat(rebuilt.size()).isEqualTo(expected);
        }
    }

}
