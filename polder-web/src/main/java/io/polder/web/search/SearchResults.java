package io.polder.web.search;

import java.util.List;
import java.util.Map;

/**
 * One page of a catalog search.
 *
 * @param total how many products match
 * @param hits this page's products, best first
 * @param facets per facet (domain, tag, status, team) the values among the matches with their counts, most first
 * @param searchedWords the words that were searched (the text's first {@link ProductIndex#MAX_WORDS})
 * @param wordsDropped whether the text had more words than were searched
 */
public record SearchResults(SearchQuery query, long total, List<Hit> hits, Map<String, List<FacetCount>> facets,
                            List<String> searchedWords, boolean wordsDropped) {
    public SearchResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
        searchedWords = List.copyOf(searchedWords);
    }

    public int pageCount() {
        return (int) Math.min(SearchQuery.MAX_PAGE, (total + SearchQuery.PAGE_SIZE - 1) / SearchQuery.PAGE_SIZE);
    }

    public List<FacetCount> facet(String dimension) {
        return facets.getOrDefault(dimension, List.of());
    }

    /** A product found, with what a result list shows of it. */
    public record Hit(String id, String name, String domain, String team, String status, String version,
                      String summary, List<String> tags) {
        public Hit {
            tags = List.copyOf(tags);
        }
    }

    /** A facet value and how many matching products have it. */
    public record FacetCount(String value, long count) {
    }
}
