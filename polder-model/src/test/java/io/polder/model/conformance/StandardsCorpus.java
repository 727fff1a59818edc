package io.polder.model.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every ODCS, ODPS and DCS document in the shared standards folder, for tests that iterate over real documents.
 *
 * <p>The folder is named by the {@code polder.standards.dir} system property (set by surefire in the parent pom).
 * Documents are found by content, not by file name, because upstream names are inconsistent
 * ({@code datacontract.yaml} is ODCS in some fixtures and DCS in others). DPDS is not one of Polder's standards and
 * its folder is not scanned; schema folders are never scanned.
 */
public final class StandardsCorpus {
    /** The folders that hold documents, relative to the standards folder. */
    public static final List<String> DOCUMENT_FOLDERS =
            List.of("odcs/examples", "odps/examples", "datacontract-specification", "datacontract-cli-fixtures");

    private StandardsCorpus() {}

    /** The standards folder; fails fast with a useful message when the tests run without it. */
    public static Path root() {
        String dir = System.getProperty("polder.standards.dir");
        if (dir == null) {
            throw new IllegalStateException("system property polder.standards.dir is not set (surefire sets it)");
        }
        Path root = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("standards folder not found: " + root);
        }
        return root;
    }

    /** A file in the standards folder, by its path relative to it (as the README writes it). */
    public static Path file(String relativePath) {
        return root().resolve(relativePath);
    }

    /** The documents of one standard, folder by folder in {@link #DOCUMENT_FOLDERS} order, sorted by path within each. */
    public static List<Path> documents(Standard standard) {
        return byStandard().get(standard);
    }

    /** All documents, grouped by standard, each group ordered as in {@link #documents(Standard)}. */
    public static Map<Standard, List<Path>> byStandard() {
        return Scanned.BY_STANDARD;
    }

    /** Lazy holder: the scan parses every candidate file once per test JVM. */
    private static final class Scanned {
        static final Map<Standard, List<Path>> BY_STANDARD = scan(root());
    }

    /** All documents of all standards: ODCS, then ODPS, then DCS. */
    public static List<Path> all() {
        return byStandard().values().stream().flatMap(List::stream).toList();
    }

    /** The path relative to the standards folder, with forward slashes: a stable name for reports and test names. */
    public static String name(Path document) {
        return root().relativize(document.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static Map<Standard, List<Path>> scan(Path root) {
        Map<Standard, List<Path>> found = new EnumMap<>(Standard.class);
        for (Standard standard : Standard.values()) {
            found.put(standard, new ArrayList<>());
        }
        candidates(root).forEach(path -> kindOf(path).ifPresent(standard -> found.get(standard).add(path)));
        found.replaceAll((standard, paths) -> List.copyOf(paths));
        return Collections.unmodifiableMap(found);
    }

    private static List<Path> candidates(Path root) {
        List<Path> candidates = new ArrayList<>();
        for (String folder : DOCUMENT_FOLDERS) {
            try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
                walk.filter(Files::isRegularFile)
                        .filter(StandardsCorpus::isDocumentFile)
                        .filter(path -> !isSchemaFolder(root.relativize(path)))
                        .sorted()
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder + " in " + root, e);
            }
        }
        return candidates;
    }

    /** {@code <standard>/schema/...} holds JSON Schemas, not documents (examples may have a {@code schema} folder). */
    private static boolean isSchemaFolder(Path relative) {
        return relative.getNameCount() > 2 && relative.getName(1).toString().equals("schema");
    }

    private static boolean isDocumentFile(Path path) {
        String name = path.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    /** Parse errors propagate: a corpus file that does not parse is a problem to see, not a document to skip. */
    @SuppressWarnings("unchecked")
    private static Optional<Standard> kindOf(Path path) {
        return Documents.read(path) instanceof Map<?, ?> map
                ? Standard.detect((Map<String, ?>) map)
                : Optional.empty();
    }
}
