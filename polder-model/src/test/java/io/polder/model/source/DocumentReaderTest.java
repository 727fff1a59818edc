package io.polder.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class DocumentReaderTest {
    private final DocumentReader reader = DocumentReader.withDefaults();

    @TempDir
    Path dir;

    @Test
    void readsYamlWithPositionsAndPointers() {
        ParsedFile parsed = reader.read("""
                kind: DataContract
                schema:
                  - name: orders
                    properties:
                      - name: "order/id"
                        required: true
                """, "c.yaml", SourceFormat.YAML);

        assertThat(parsed.problems()).isEmpty();
        SourceDocument document = parsed.documents().getFirst();
        Node name = document.nodeAt("/schema/0/properties/0/name");
        assertThat(name.position()).isEqualTo(new Position(5, 15));
        assertThat(((ScalarNode) name).value()).isEqualTo("order/id");
        assertThat(document.nodeAt("/schema/0/properties/0/required").toPlain()).isEqualTo(true);
        MapNode property = (MapNode) document.nodeAt("/schema/0/properties/0");
        assertThat(property.entries().get("required").keyPosition()).isEqualTo(new Position(6, 9));
    }

    @Test
    void nearestExistingAncestorPlacesMissingPointers() {
        SourceDocument document = reader.read("a:\n  b: 1\n", "x.yaml", SourceFormat.YAML).documents().getFirst();
        assertThat(document.nodeAt("/a/missing/deeper").pointer()).isEqualTo("/a");
    }

    @Test
    void typesScalarsLikeYamlButKeepsDatesAsText() {
        Map<?, ?> plain = (Map<?, ?>) reader.read("""
                int: 42
                big: 123456789012345678901234567890
                float: 1.5
                yes: true
                nothing: null
                date: 2024-01-01
                quoted: "42"
                version: 1.0.0
                """, "s.yaml", SourceFormat.YAML).documents().getFirst().root().toPlain();

        assertThat(plain.get("int")).isEqualTo(42L);
        assertThat(plain.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(plain.get("float")).isEqualTo(1.5);
        assertThat(plain.get("yes")).isEqualTo(true);
        assertThat(plain.containsKey("nothing")).isTrue();
        assertThat(plain.get("nothing")).isNull();
        assertThat(plain.get("date")).isEqualTo("2024-01-01");
        assertThat(plain.get("quoted")).isEqualTo("42");
        assertThat(plain.get("version")).isEqualTo("1.0.0");
    }

    @Test
    void readsJsonWithPositions() {
        ParsedFile parsed = reader.read("{\n  \"a\": [1, {\"b\": null}]\n}", "x.json", SourceFormat.JSON);
        SourceDocument document = parsed.documents().getFirst();
        assertThat(document.nodeAt("/a/1/b").position()).isEqualTo(new Position(2, 18));
        assertThat(document.root().toPlain()).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, java.util.Collections.singletonMap("b", null))));
    }

    @Test
    void malformedYamlNamesTheLine() {
        ParsedFile parsed = reader.read("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml", SourceFormat.YAML);
        assertThat(parsed.documents()).isEmpty();
        Problem problem = parsed.problems().getFirst();
        assertThat(problem.format()).startsWith("bad.yaml:").contains("not valid YAML");
        assertThat(problem.position().line()).isGreaterThan(1);
    }

    @Test
    void malformedJsonNamesTheLine() {
        ParsedFile parsed = reader.read("{\n\"a\": 1,\n}", "bad.json", SourceFormat.JSON);
        assertThat(parsed.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.message()).startsWith("not valid JSON");
            assertThat(problem.position().line()).isEqualTo(3);
        });
    }

    @Test
    void duplicateKeysAreProblems() {
        ParsedFile parsed = reader.read("a: 1\nb: 2\na: 3\n", "dup.yaml", SourceFormat.YAML);
        assertThat(parsed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.format()).isEqualTo("dup.yaml:3:1: duplicate key 'a' (first at line 1) (at /a)"));
    }

    @Test
    void binaryFileIsRefused() throws IOException {
        Path file = dir.resolve("image.yaml");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertThat(reader.read(file).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("not a text file"));
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "name: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(reader.read(file).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("not valid UTF-8"));
    }

    @Test
    void missingFileIsAProblem() {
        assertThat(reader.read(dir.resolve("nope.yaml")).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("no such file"));
    }

    @Test
    @Timeout(20)
    void fiftyMegabyteFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.yaml");
        // buffered: writing the file is not what the time limit bounds (800,000 unbuffered writes took 1.7 s of its 20)
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            byte[] line = "key: value value value value value value value value value value\n".getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
        }
        assertThat(reader.read(file).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("50.0 MiB").contains("at most 16.0 MiB"));
    }

    @Test
    @Timeout(20)
    void aliasBombIsRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char level = 'b'; level <= 'j'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [");
            bomb.append(String.join(",", java.util.Collections.nCopies(9, "*" + previous))).append("]\n");
        }
        ParsedFile parsed = reader.read(bomb.toString(), "bomb.yaml", SourceFormat.YAML);
        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).containsIgnoringCase("alias"));
    }

    @Test
    void aliasesWithinLimitsAreExpanded() {
        ParsedFile parsed = reader.read("base: &base {x: 1}\nother: *base\nmerged:\n  <<: *base\n  y: 2\n", "a.yaml", SourceFormat.YAML);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.documents().getFirst().root().toPlain())
                .isEqualTo(Map.of("base", Map.of("x", 1L), "other", Map.of("x", 1L), "merged", Map.of("y", 2L, "x", 1L)));
    }

    @Test
    void recursiveAliasIsRefused() {
        ParsedFile parsed = reader.read("a: &a\n  - *a\n", "loop.yaml", SourceFormat.YAML);
        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.problems()).isNotEmpty();
    }

    @Test
    @Timeout(20)
    void deepYamlNestingIsRefused() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        ParsedFile parsed = reader.read(deep, "deep.yaml", SourceFormat.YAML);
        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).containsIgnoringCase("nesting"));
    }

    @Test
    @Timeout(20)
    void deepBlockYamlNestingIsRefused() {
        StringBuilder deep = new StringBuilder();
        for (int level = 0; level < 20_000; level++) {
            deep.append(" ".repeat(level)).append("k:\n");
        }
        ParsedFile parsed = reader.read(deep.toString(), "deep.yaml", SourceFormat.YAML);
        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.problems()).isNotEmpty();
    }

    @Test
    @Timeout(20)
    void deepJsonNestingIsRefused() {
        String deep = "[".repeat(20_000) + "]".repeat(20_000);
        ParsedFile parsed = reader.read(deep, "deep.json", SourceFormat.JSON);
        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("nesting deeper than 200 levels"));
    }

    @Test
    void severalYamlDocumentsInOneFile() {
        ParsedFile parsed = reader.read("a: 1\n---\nb: 2\n", "two.yaml", SourceFormat.YAML);
        assertThat(parsed.documents()).extracting(d -> d.root().toPlain())
                .isEqualTo(List.of(Map.of("a", 1L), Map.of("b", 2L)));
        assertThat(parsed.documents().get(1).root().position().line()).isEqualTo(3);
    }

    @Test
    void emptyFileHoldsNoDocument() {
        assertThat(reader.read("", "empty.yaml", SourceFormat.YAML).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("the file holds no document"));
    }
}
