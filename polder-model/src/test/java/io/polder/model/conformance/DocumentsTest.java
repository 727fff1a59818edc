package io.polder.model.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader must see YAML as the README's PyYAML did, or the oracle would judge a different document. */
class DocumentsTest {

    @Test
    void yamlScalarsAreReadAsPyYamlReadsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scalars.yaml");
        Files.writeString(file, """
                date: 2024-01-01
                dateTime: 2024-01-01T10:00:00Z
                tilde: ~
                capitalNull: Null
                yes: yes
                off: off
                capitalTrue: True
                hex: 0x1F
                plus: +12
                float: 1.5
                200: status code key
                """);

        Map<String, Object> tree = Documents.readTree(file);

        assertThat(tree).containsEntry("date", "2024-01-01")
                .containsEntry("dateTime", "2024-01-01T10:00:00Z")
                .containsEntry("tilde", null)
                .containsEntry("capitalNull", null)
                .containsEntry("true", true) // the key "yes" is a boolean too, and becomes the JSON key "true"
                .containsEntry("false", false)
                .containsEntry("capitalTrue", true)
                .containsEntry("hex", 31)
                .containsEntry("plus", 12)
                .containsEntry("float", 1.5)
                .containsEntry("200", "status code key");
    }

    @Test
    void aliasesAndMergeKeysAreExpanded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("aliases.yaml");
        Files.writeString(file, """
                base: &base
                  type: string
                  required: true
                copy: *base
                merged:
                  <<: *base
                  type: integer
                """);

        Map<String, Object> tree = Documents.readTree(file);

        assertThat(tree.get("copy")).isEqualTo(Map.of("type", "string", "required", true));
        assertThat(tree.get("merged")).isEqualTo(Map.of("type", "integer", "required", true));
    }

    @Test
    @SuppressWarnings("unchecked")
    void copiesAreDeepAndMutable() {
        Map<String, Object> original = Map.of("list", List.of(Map.of("a", 1)));

        Map<String, Object> copy = (Map<String, Object>) Documents.copy(original);
        ((List<Object>) copy.get("list")).add("more");

        assertThat((List<Object>) original.get("list")).hasSize(1);
        assertThat((List<Object>) copy.get("list")).hasSize(2);
    }
}
