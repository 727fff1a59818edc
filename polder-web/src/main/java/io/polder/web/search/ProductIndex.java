package io.polder.web.search;

import static java.util.Objects.requireNonNull;

import io.polder.registry.Names;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.Product;
import io.polder.registry.catalog.ProductFilter;
import io.polder.web.ProductSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's full-text search: a Lucene index of the products (name, description, tags, domain, team,
 * port names, contract columns and their descriptions) with facets on domain, tag, status and team.
 *
 * <p>The registry is the truth and the index a copy kept in step with it: {@link #productChanged} (subscribed
 * to the registry's catalog changes) queues a product, a background thread indexes what is queued, and
 * {@link #synchronize} compares every product's revision with the indexed one (at start, and periodically for
 * changes made by other replicas). A missing, unreadable or outdated index is rebuilt from the registry.
 *
 * <p>The search box is text, never query syntax: its words are analysed and turned into term queries
 * here, so quotes, operators, wildcards and markup are just characters.
 */
public final class ProductIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProductIndex.class);
    /**
     * Lucene says on java.util.logging, at every start, that the incubating Vector API is not enabled; the
     * index works without it, so that line is kept out of the server's output. Held here: JUL forgets a logger
     * (and its level) nobody references.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION = quiet("org.apache.lucene.internal.vectorization");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    /** At most this many words of a search are searched. */
    public static final int MAX_WORDS = 32;
    /** Bumped when the documents change shape: an index written with another layout is rebuilt. */
    static final String LAYOUT = "1";
    private static final String LAYOUT_KEY = "polder.search.layout";

    static final String ID = "id";
    static final String REVISION = "revision";
    static final String NAME = "name";
    static final String SORT_NAME = "sort_name";
    static final String TAGS = "tags";
    static final String COLUMNS = "columns";
    static final String TEXT = "text";
    static final String SUMMARY = "summary";
    static final String VERSION = "version";
    /** The facets, by the dimension's name; the same names are the filter fields. */
    public static final List<String> FACETS = List.of("domain", "tag", "status", "team");
    private static final int FACET_VALUES = 12;
    /** Products read from the registry per batch while indexing. */
    static final int BATCH = 200;
    private static final Sort BY_NAME = new Sort(new SortField(SORT_NAME, SortField.Type.STRING),
            new SortField(ID, SortField.Type.STRING));

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final FacetsConfig facets = new FacetsConfig();
    private final Analyzer analyzer = new StandardAnalyzer();
    private final CatalogService catalog;
    private final ProductSource source;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ScheduledExecutorService worker;
    private final Object indexing = new Object();
    private volatile FacetState facetState;
    private volatile boolean closing;

    private ProductIndex(Directory directory, IndexWriter writer, CatalogService catalog) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.catalog = catalog;
        this.source = new ProductSource(catalog);
        this.searchers = new SearcherManager(writer, null);
        facets.setMultiValued("tag", true);
        this.worker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("polder-search-index").daemon().factory());
    }

    /**
     * Opens the index in {@code folder} (created, or rebuilt when unreadable or of another layout), or in
     * memory when {@code folder} is null. Call {@link #synchronize} to bring it in step with the registry.
     */
    public static ProductIndex open(Path folder, CatalogService catalog) {
        requireNonNull(catalog, "catalog is null");
        try {
            if (folder == null) {
                Directory memory = new ByteBuffersDirectory();
                return new ProductIndex(memory, newWriter(memory, IndexWriterConfig.OpenMode.CREATE), catalog);
            }
            Files.createDirectories(folder);
            Directory onDisk = FSDirectory.open(folder);
            try {
                return new ProductIndex(onDisk, openOrRebuild(onDisk, folder), catalog);
            } catch (LockObtainFailedException e) {
                // another server on the same data directory holds the index: this one keeps its own, in memory
                onDisk.close();
                LOG.warn("the search index in {} is in use by another process; this server keeps one in memory",
                        folder);
                return open(null, catalog);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + folder, e);
        }
    }

    private static IndexWriter openOrRebuild(Directory directory, Path folder) throws IOException {
        if (DirectoryReader.indexExists(directory)) {
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                String layout = reader.getIndexCommit().getUserData().get(LAYOUT_KEY);
                if (LAYOUT.equals(layout)) {
                    return newWriter(directory, IndexWriterConfig.OpenMode.APPEND);
                }
                LOG.info("the search index in {} has layout {}, not {}; rebuilding it from the registry", folder,
                        layout, LAYOUT);
            } catch (IOException | RuntimeException e) {
                LOG.warn("the search index in {} cannot be read ({}); rebuilding it from the registry", folder,
                        e.toString());
            }
        }
        return newWriter(directory, IndexWriterConfig.OpenMode.CREATE);
    }

    private static IndexWriter newWriter(Directory directory, IndexWriterConfig.OpenMode mode) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer()).setOpenMode(mode)
                .setCommitOnClose(false);
        IndexWriter writer = new IndexWriter(directory, config);
        writer.setLiveCommitData(Map.of(LAYOUT_KEY, LAYOUT).entrySet());
        return writer;
    }

    /** Re-checks the index against the registry every {@code seconds}, for changes other replicas made. */
    public void synchronizeEvery(long seconds) {
        worker.scheduleWithFixedDelay(() -> {
            try {
                synchronize();
            } catch (RuntimeException e) {
                LOG.warn("could not synchronize the search index with the registry: {}", e.toString());
            }
        }, seconds, seconds, TimeUnit.SECONDS);
    }

    /**
     * Compares every product's revision in the registry with the index's and queues those that differ;
     * removes products the registry no longer has. Indexing happens in the background ({@link #flush} waits).
     *
     * @return how many products were queued or removed
     */
    public int synchronize() {
        Map<String, Long> indexed = indexedRevisions();
        int changed = 0;
        PageRequest page = PageRequest.first(PageRequest.MAX_LIMIT);
        while (page != null) {
            Page<Product> products = catalog.listProducts(ProductFilter.all(), page);
            for (Product product : products.items()) {
                Long revision = indexed.remove(product.id());
                if (revision == null || revision != product.revision()) {
                    pending.add(product.id());
                    changed++;
                }
            }
            page = products.next().map(cursor -> new PageRequest(cursor, PageRequest.MAX_LIMIT)).orElse(null);
        }
        for (String gone : indexed.keySet()) {
            pending.add(gone);
            changed++;
        }
        scheduleDrain();
        return changed;
    }

    /** Queues product {@code productId} for indexing: the registry's catalog listener. */
    public void productChanged(String productId) {
        pending.add(productId);
        scheduleDrain();
    }

    /** Indexes everything queued, in this thread, and makes it searchable. */
    public void flush() {
        drain();
    }

    /** How many products the index holds. */
    public int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    public SearchResults search(SearchQuery query) {
        requireNonNull(query, "query is null");
        Words words = words(query.text());
        Query lucene = query(words.words(), query);
        int wanted = query.page() * SearchQuery.PAGE_SIZE;
        return withSearcher(searcher -> {
            FacetsCollectorManager.FacetsResult result = words.words().isEmpty()
                    ? FacetsCollectorManager.search(searcher, lucene, wanted, BY_NAME, new FacetsCollectorManager())
                    : FacetsCollectorManager.search(searcher, lucene, wanted, new FacetsCollectorManager());
            TopDocs top = result.topDocs();
            // exact, unlike TopDocs' count, which stops counting past a threshold
            long total = result.facetsCollector().getMatchingDocs().stream()
                    .mapToLong(FacetsCollector.MatchingDocs::totalHits).sum();
            List<SearchResults.Hit> hits = new ArrayList<>();
            StoredFields stored = searcher.storedFields();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = (query.page() - 1) * SearchQuery.PAGE_SIZE; i < docs.length; i++) {
                hits.add(hit(stored.document(docs[i].doc)));
            }
            Map<String, List<SearchResults.FacetCount>> counts = new LinkedHashMap<>();
            if (total > 0) {
                SortedSetDocValuesFacetCounts facetCounts =
                        new SortedSetDocValuesFacetCounts(facetState(searcher.getIndexReader()), result.facetsCollector());
                for (String dimension : FACETS) {
                    counts.put(dimension, counts(facetCounts, dimension));
                }
            }
            return new SearchResults(query, total, hits, counts, words.words(), words.dropped());
        });
    }

    private static List<SearchResults.FacetCount> counts(SortedSetDocValuesFacetCounts facetCounts, String dimension)
            throws IOException {
        FacetResult top;
        try {
            top = facetCounts.getTopChildren(FACET_VALUES, dimension);
        } catch (IllegalArgumentException noSuchDimension) {
            return List.of(); // no matching product has a value in this dimension
        }
        if (top == null) {
            return List.of();
        }
        List<SearchResults.FacetCount> counts = new ArrayList<>();
        for (LabelAndValue value : top.labelValues) {
            counts.add(new SearchResults.FacetCount(value.label, value.value.longValue()));
        }
        return counts;
    }

    /** Every word must match, in the name, tags, columns or other text; a word also matches as a prefix. */
    private static Query query(List<String> words, SearchQuery search) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        if (words.isEmpty()) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        for (String word : words) {
            BooleanQuery.Builder anyField = new BooleanQuery.Builder();
            anyField.add(new BoostQuery(new TermQuery(new Term(NAME, word)), 4f), Occur.SHOULD);
            anyField.add(new BoostQuery(new TermQuery(new Term(TAGS, word)), 3f), Occur.SHOULD);
            anyField.add(new BoostQuery(new TermQuery(new Term(COLUMNS, word)), 2f), Occur.SHOULD);
            anyField.add(new TermQuery(new Term(TEXT, word)), Occur.SHOULD);
            if (word.length() >= 3) {
                for (String field : List.of(NAME, TAGS, COLUMNS, TEXT)) {
                    anyField.add(new BoostQuery(new PrefixQuery(new Term(field, word)), 0.5f), Occur.SHOULD);
                }
            }
            query.add(anyField.build(), Occur.MUST);
        }
        filter(query, "domain", search.domain());
        filter(query, "tag", search.tag());
        filter(query, "status", search.status());
        filter(query, "team", search.team());
        return query.build();
    }

    private static void filter(BooleanQuery.Builder query, String field, String value) {
        if (value != null) {
            query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        }
    }

    /** The text's words as the index analysed the products' text: lower case, no punctuation or markup. */
    private Words words(String text) {
        List<String> words = new ArrayList<>();
        boolean dropped = false;
        try (TokenStream tokens = analyzer.tokenStream(TEXT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                String word = term.toString();
                if (words.contains(word)) {
                    continue;
                }
                if (words.size() == MAX_WORDS) {
                    dropped = true;
                    break;
                }
                words.add(word);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Words(words, dropped);
    }

    private record Words(List<String> words, boolean dropped) {
    }

    private static SearchResults.Hit hit(Document document) {
        return new SearchResults.Hit(document.get(ID), document.get(NAME), document.get("domain"),
                document.get("team"), document.get("status"), document.get(VERSION), document.get(SUMMARY),
                List.of(document.getValues("tag")));
    }

    private void scheduleDrain() {
        if (!pending.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    drainScheduled.set(false);
                    try {
                        drain();
                    } catch (RuntimeException e) {
                        LOG.warn("could not update the search index: {}", e.toString());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                drainScheduled.set(false);
            }
        }
    }

    private void drain() {
        synchronized (indexing) {
            if (pending.isEmpty() || closing) {
                return;
            }
            try {
                List<String> queued = List.copyOf(pending);
                // building from nothing (a new or rebuilt index), no document needs replacing: adding is cheaper
                boolean empty = writer.getDocStats().numDocs == 0;
                for (int from = 0; from < queued.size() && !closing; from += BATCH) {
                    List<String> batch = queued.subList(from, Math.min(queued.size(), from + BATCH));
                    batch.forEach(pending::remove);
                    try {
                        index(batch, empty);
                    } catch (RuntimeException batchFailed) {
                        indexOneByOne(batch);
                    }
                }
                writer.commit();
                searchers.maybeRefreshBlocking();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the search index", e);
            }
        }
    }

    /** After a batch failed: each product alone, so that only the one that cannot be read is left out. */
    private void indexOneByOne(List<String> batch) throws IOException {
        for (String id : batch) {
            try {
                index(List.of(id), false);
            } catch (RuntimeException e) {
                // the next synchronize finds the revision still differs and tries again
                LOG.warn("could not index product {}: {}", id, e.toString());
            }
        }
    }

    /**
     * Reads a batch of products in a few statements and (re)indexes each; a product the registry no longer
     * holds leaves the index. Ids that are not product ids are removed too.
     */
    private void index(List<String> ids, boolean empty) throws IOException {
        List<String> valid = ids.stream().filter(id -> Names.ID.matcher(id).matches()).toList();
        Set<String> found = new HashSet<>();
        for (ProductSource.IndexSource product : source.loadForIndex(valid)) {
            found.add(product.product().id());
            Document document = facets.build(document(IndexedProduct.of(product)));
            if (empty) {
                writer.addDocument(document);
            } else {
                writer.updateDocument(new Term(ID, product.product().id()), document);
            }
        }
        for (String id : ids) {
            if (!empty && !found.contains(id)) {
                writer.deleteDocuments(new Term(ID, id));
            }
        }
    }

    private static Document document(IndexedProduct product) {
        Document document = new Document();
        document.add(new StringField(ID, product.id(), Field.Store.YES));
        document.add(new SortedDocValuesField(ID, new org.apache.lucene.util.BytesRef(product.id())));
        document.add(new StoredField(REVISION, product.revision()));
        document.add(new TextField(NAME, product.name() + " " + product.id(), Field.Store.NO));
        document.add(new StoredField(NAME, product.name()));
        document.add(new SortedDocValuesField(SORT_NAME,
                new org.apache.lucene.util.BytesRef(product.name().toLowerCase(Locale.ROOT))));
        document.add(new TextField(TAGS, String.join(" ", product.tags()), Field.Store.NO));
        document.add(new TextField(COLUMNS, product.columnText(), Field.Store.NO));
        document.add(new TextField(TEXT, product.otherText(), Field.Store.NO));
        document.add(new StoredField(SUMMARY, product.summary()));
        document.add(new StoredField(VERSION, product.version()));
        keyword(document, "domain", product.domain());
        keyword(document, "team", product.team());
        keyword(document, "status", product.status());
        for (String tag : product.tags()) {
            keyword(document, "tag", tag);
        }
        return document;
    }

    /** A value that is stored, filtered on exactly, and counted as a facet. */
    private static void keyword(Document document, String dimension, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        document.add(new StringField(dimension, value, Field.Store.YES));
        document.add(new SortedSetDocValuesFacetField(dimension, value));
    }

    private Map<String, Long> indexedRevisions() {
        return withSearcher(searcher -> {
            Map<String, Long> revisions = new HashMap<>();
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                LeafReader reader = leaf.reader();
                Bits live = reader.getLiveDocs();
                StoredFields stored = reader.storedFields();
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    if (live == null || live.get(doc)) {
                        Document document = stored.document(doc, Set.of(ID, REVISION));
                        revisions.put(document.get(ID), document.getField(REVISION).numericValue().longValue());
                    }
                }
            }
            return revisions;
        });
    }

    /** The facets' ordinals of one reader: built once per refresh of the index, not per search. */
    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState state = facetState;
        if (state == null || state.reader() != reader) {
            state = new FacetState(reader, new DefaultSortedSetDocValuesReaderState(reader, facets));
            facetState = state;
        }
        return state.state();
    }

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index", e);
        }
    }

    @FunctionalInterface
    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /**
     * Stops indexing (what is still queued is caught up by the next start's {@link #synchronize}), commits and
     * closes. The indexing thread is never interrupted: an interrupt in the middle of Lucene's file I/O would
     * close the index writer for good.
     */
    @Override
    public void close() {
        closing = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the search index's worker did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (indexing) {
            try {
                if (writer.isOpen()) {
                    writer.commit();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not commit the search index on close: {}", e.toString());
            }
            try {
                searchers.close();
                writer.close();
                directory.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not close the search index cleanly: {}", e.toString());
            }
        }
    }
}
