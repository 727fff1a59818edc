package io.polder.model.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.polder.model.problem.Problems;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import io.polder.model.write.DocumentWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conversion never throws for bad input: every value of real documents is replaced in turn by values of
 * the wrong shape, and each mutant must convert (with problems) and write.
 */
class ConversionRobustnessTest {
    private static final int MAX_TARGETS = 250;
    private static final List<Function<Node, Node>> MUTATIONS = List.of(
            node -> new ScalarNode(node.position(), node.pointer(), "text"),
            node -> new ScalarNode(node.position(), node.pointer(), null),
            node -> new ScalarNode(node.position(), node.pointer(), 42L),
            node -> new ScalarNode(node.position(), node.pointer(), true),
            node -> new ListNode(node.position(), node.pointer(), List.of()),
            node -> new MapNode(node.position(), node.pointer(), Map.of()));

    @ParameterizedTest
    @ValueSource(strings = {
            "datacontract-specification/examples/orders-latest/datacontract.yaml",
            "datacontract-specification/examples/orders-latest-nested/datacontract.yaml",
            "datacontract-cli-fixtures/quality/datacontract.yaml",
            "datacontract-cli-fixtures/lint/valid.odcs.yaml",
            "odcs/examples/data-types/all-data-types.odcs.yaml",
            "odcs/examples/stakeholders/basic-four-dpo.odcs.yaml",
            "datacontract-cli-fixtures/dqx/datacontract.odcs.yaml"})
    void everyMutantConvertsWithoutThrowing(String file) {
        SourceDocument original = asV302(Corpus.read(Corpus.file(file)));
        List<Node> nodes = new ArrayList<>();
        collect(original.root(), nodes);
        int conversions = 0;
        // Each mutant copies and converts the whole document: sample large documents evenly.
        int step = Math.max(1, nodes.size() / MAX_TARGETS);
        for (int index = 0; index < nodes.size(); index += step) {
            Node target = nodes.get(index);
            for (Function<Node, Node> mutation : MUTATIONS) {
                Node root = replace(original.root(), target.pointer(), mutation.apply(target));
                SourceDocument mutant = new SourceDocument(original.file(), original.format(), root);
                assertThatCode(() -> convertAndWrite(mutant)).as("mutant at %s", target.pointer())
                        .doesNotThrowAnyException();
                conversions++;
            }
        }
        assertThat(conversions).isGreaterThan(MUTATIONS.size() * Math.min(nodes.size(), MAX_TARGETS) / 2);
    }

    /** An ODCS contract is declared v3.0.2, so that even a v3.1.0 one goes through the upgrade. */
    private static SourceDocument asV302(SourceDocument document) {
        if (!(document.root() instanceof MapNode root) || !(root.get("apiVersion") instanceof ScalarNode version)) {
            return document;
        }
        Node upgraded = replace(root, version.pointer(), new ScalarNode(version.position(), version.pointer(), "v3.0.2"));
        return new SourceDocument(document.file(), document.format(), upgraded);
    }

    private static void convertAndWrite(SourceDocument document) {
        Conversion conversion = Converter.to(ConversionTarget.ODCS_V3_1_0).convert(document, new Problems(document.file()));
        if (conversion.hasDocument()) {
            DocumentWriter.toJson(conversion.document()); // JSON: the same serializer, much faster than YAML
        }
    }

    private static void collect(Node node, List<Node> nodes) {
        nodes.add(node);
        switch (node) {
            case MapNode map -> map.entries().values().forEach(entry -> collect(entry.value(), nodes));
            case ListNode list -> list.items().forEach(item -> collect(item, nodes));
            case ScalarNode scalar -> { }
        }
    }

    /** A copy of {@code node} with the value at {@code pointer} replaced. */
    private static Node replace(Node node, String pointer, Node replacement) {
        if (node.pointer().equals(pointer)) {
            return replacement;
        }
        return switch (node) {
            case MapNode map -> {
                Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
                map.entries().forEach((key, entry) -> entries.put(key,
                        new MapNode.Entry(key, entry.keyPosition(), replace(entry.value(), pointer, replacement))));
                yield new MapNode(map.position(), map.pointer(), entries);
            }
            case ListNode list -> new ListNode(list.position(), list.pointer(),
                    list.items().stream().map(item -> replace(item, pointer, replacement)).toList());
            case ScalarNode scalar -> scalar;
        };
    }
}
