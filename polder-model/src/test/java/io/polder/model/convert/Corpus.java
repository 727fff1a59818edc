package io.polder.model.convert;

import io.polder.model.source.DocumentReader;
import io.polder.model.source.MapNode;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The example and fixture documents of the standards folder, found by what they contain. */
final class Corpus {
    private Corpus() {
    }

    static SourceDocument read(Path file) {
        ParsedFile parsed = DocumentReader.withDefaults().read(file, OfficialSchema.STANDARDS.relativize(file).toString());
        if (!parsed.ok() || parsed.documents().size() != 1) {
            throw new IllegalStateException("cannot read " + file + ": " + parsed.problems());
        }
        return parsed.documents().getFirst();
    }

    static Path file(String relative) {
        return OfficialSchema.STANDARDS.resolve(relative);
    }

    /** Data Contract Specification documents (those with a {@code dataContractSpecification} key). */
    static List<Path> dataContractSpecifications() {
        return yamlFiles(document -> document.root() instanceof MapNode map && map.has("dataContractSpecification"));
    }

    /** ODCS contracts whose apiVersion starts with {@code prefix}, such as "v3.0." */
    static List<Path> odcs(String prefix) {
        return yamlFiles(document -> document.root() instanceof MapNode map
                && map.get("apiVersion") instanceof ScalarNode version && version.value() instanceof String text
                && text.startsWith(prefix) && !map.has("dataContractSpecification"));
    }

    private static List<Path> yamlFiles(Predicate<SourceDocument> wanted) {
        return Documents.ALL.entrySet().stream().filter(entry -> wanted.test(entry.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    /** Every single-document YAML file of the standards folder, read once. */
    private static final class Documents {
        static final Map<Path, SourceDocument> ALL = readAll();

        private static Map<Path, SourceDocument> readAll() {
            Map<Path, SourceDocument> documents = new TreeMap<>();
            try (Stream<Path> files = Files.walk(OfficialSchema.STANDARDS)) {
                files.filter(file -> file.toString().endsWith(".yaml")).forEach(file -> {
                    ParsedFile parsed = DocumentReader.withDefaults().read(file);
                    if (parsed.ok() && parsed.documents().size() == 1) {
                        documents.put(file, parsed.documents().getFirst());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return documents;
        }
    }
}
