package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.model.source.DocumentReader;
import org.junit.jupiter.api.Test;

/** An offset in a YAML string value, found in the file however the value is laid out. */
class TextPositionsTest {

    private static String at(String yaml, String key, String expression, String target) {
        SourceDocument document = DocumentReader.withDefaults().read(yaml, "f.yaml", SourceFormat.YAML).documents().getFirst();
        Node node = ((MapNode) document.root()).get(key);
        String value = (String) node.toPlain();
        assertThat(value).isEqualTo(expression);
        return TextPositions.locate(yaml.split("\n", -1), node, value, value.indexOf(target)).toString();
    }

    @Test
    void plainQuotedAndBlockValues() {
        assertThat(at("rule: a && bad\n", "rule", "a && bad", "bad")).isEqualTo("1:12");
        assertThat(at("rule: 'a && bad'\n", "rule", "a && bad", "bad")).isEqualTo("1:13");
        assertThat(at("x: 1\nrule: |\n  a &&\n    bad\n", "rule", "a &&\n  bad\n", "bad")).isEqualTo("4:5");
        assertThat(at("rule: >-\n  a\n  && bad\n", "rule", "a && bad", "bad")).isEqualTo("3:6");
    }

    @Test
    void aLineRepeatedAboveIsNotMistakenForTheValuesLine() {
        assertThat(at("note: ok\nrule: |\n  ok\n  ok\n", "rule", "ok\nok\n", "ok\n")).isEqualTo("3:3");
        String value = "ok\nok\n";
        SourceDocument document = DocumentReader.withDefaults().read("note: ok\nrule: |\n  ok\n  ok\n", "f.yaml",
                SourceFormat.YAML).documents().getFirst();
        Node node = ((MapNode) document.root()).get("rule");
        assertThat(TextPositions.locate("note: ok\nrule: |\n  ok\n  ok\n".split("\n", -1), node, value, 3)).hasToString("4:3");
    }

    @Test
    void anEscapedValueFallsBackToTheFragmentOrTheStart() {
        assertThat(at("rule: \"a \\\"q\\\" && bad\"\n", "rule", "a \"q\" && bad", "bad")).isEqualTo("1:19");
        assertThat(at("rule: \"\\u0061\"\n", "rule", "a", "a")).isEqualTo("1:7");
    }
}
