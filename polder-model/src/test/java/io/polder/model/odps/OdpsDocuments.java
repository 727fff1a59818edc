package io.polder.model.odps;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** Finds and reads ODPS documents for tests: the official examples and the hand-made ones. */
final class OdpsDocuments {
    private OdpsDocuments() {
    }

    /** What reading one document gave. */
    record Read(DataProduct product, List<Problem> problems) {
        boolean valid() {
            return problems.stream().noneMatch(Problem::isError);
        }

        List<String> errors() {
            return problems.stream().filter(Problem::isError).map(Problem::format).toList();
        }

        List<String> warnings() {
            return problems.stream().filter(problem -> !problem.isError()).map(Problem::format).toList();
        }
    }

    static Path standards() {
        String dir = System.getProperty("polder.standards.dir");
        assertThat(dir).as("system property polder.standards.dir").isNotNull();
        return Path.of(dir);
    }

    static Path officialExample(String name) {
        return standards().resolve("odps/examples").resolve(name);
    }

    static List<Path> officialExamples() {
        return list(standards().resolve("odps/examples"));
    }

    /** The hand-made documents under src/test/resources/odps/{valid,invalid}. */
    static List<Path> handMade(String validity) {
        try {
            return list(Paths.get(OdpsDocuments.class.getResource("/odps/" + validity).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SourceDocument document(Path file) {
        ParsedFile parsed = DocumentReader.withDefaults().read(file, file.getFileName().toString());
        assertThat(parsed.problems()).as("syntax problems in " + file).isEmpty();
        assertThat(parsed.documents()).hasSize(1);
        return parsed.documents().get(0);
    }

    static SourceDocument document(String text) {
        ParsedFile parsed = DocumentReader.withDefaults().read(text, "product.odps.yaml", SourceFormat.YAML);
        assertThat(parsed.problems()).as("syntax problems").isEmpty();
        return parsed.documents().get(0);
    }

    static Read read(SourceDocument document) {
        Problems problems = new Problems(document.file());
        DataProduct product = new OdpsReader().read(document, problems);
        return new Read(product, problems.list());
    }

    static Read read(Path file) {
        return read(document(file));
    }

    static Read read(String yaml) {
        return read(document(yaml));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
