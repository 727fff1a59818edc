package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problems;
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
import java.util.stream.Stream;

/** The ODCS documents among the official standards folder (system property {@code polder.standards.dir}). */
final class OdcsCorpus {
    private OdcsCorpus() {
    }

    static Path standards() {
        String dir = System.getProperty("polder.standards.dir");
        assertThat(dir).as("system property polder.standards.dir").isNotNull();
        Path path = Path.of(dir).toAbsolutePath().normalize();
        assertThat(path.resolve("odcs")).isDirectory();
        return path;
    }

    /** The official ODCS examples, as paths relative to the standards folder. */
    static List<String> examples() {
        return yamlFiles("odcs/examples");
    }

    /** The datacontract-cli fixtures that are ODCS contracts (not DCS ones). */
    static List<String> fixtures() {
        return yamlFiles("datacontract-cli-fixtures").stream().filter(OdcsCorpus::isOdcs).toList();
    }

    static List<String> all() {
        return Stream.concat(examples().stream(), fixtures().stream()).toList();
    }

    static SourceDocument document(String relativePath) {
        ParsedFile parsed = DocumentReader.withDefaults().read(standards().resolve(relativePath), relativePath);
        assertThat(parsed.problems()).as("parsing " + relativePath).isEmpty();
        assertThat(parsed.documents()).hasSize(1);
        return parsed.documents().getFirst();
    }

    static String describe(Problems problems) {
        return problems.list().stream().map(Object::toString).reduce("", (a, b) -> a + "\n  " + b);
    }

    private static boolean isOdcs(String relativePath) {
        ParsedFile parsed = DocumentReader.withDefaults().read(standards().resolve(relativePath), relativePath);
        if (parsed.documents().isEmpty() || !(parsed.documents().getFirst().root() instanceof MapNode root)) {
            return false;
        }
        return !root.has("dataContractSpecification")
                && (root.get("kind") instanceof ScalarNode kind && "DataContract".equals(kind.value())
                || root.get("apiVersion") instanceof ScalarNode api && String.valueOf(api.value()).startsWith("v3"));
    }

    private static List<String> yamlFiles(String folder) {
        Path root = standards();
        try (Stream<Path> files = Files.walk(root.resolve(folder))) {
            return files.filter(file -> file.toString().endsWith(".yaml"))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
