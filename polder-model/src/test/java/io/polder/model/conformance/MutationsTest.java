package io.polder.model.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.conformance.Mutations.Kind;
import io.polder.model.conformance.Mutations.Mutation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class MutationsTest {

    /** A small document with one of everything: nested object, array of objects, string, number, boolean, null. */
    private static Map<String, Object> sample() {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("type", "postgres");
        server.put("port", 5432);
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("type", "s3");
        other.put("port", 443);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", "DataContract");
        document.put("a/b~c", true);
        document.put("servers", new ArrayList<>(List.of(server, other)));
        document.put("nothing", null);
        return document;
    }

    @Test
    void everyPlaceGetsEveryApplicableKindOnceArrayItemsAlike() {
        List<String> descriptions = Mutations.of(sample(), Integer.MAX_VALUE).stream().map(Mutation::description).toList();

        assertThat(descriptions).containsExactly(
                "drop /kind",
                "drop /a~1b~0c",
                "drop /servers",
                "drop /nothing",
                "drop /servers/0/type",
                "drop /servers/0/port",
                "wrong type at /kind: \"DataContract\" -> 42",
                "wrong type at /a~1b~0c: true -> \"true\"",
                "wrong type at /servers: array -> object",
                "wrong type at /servers/0: object -> \"not-an-object\"",
                "wrong type at /servers/0/type: \"postgres\" -> 42",
                "wrong type at /servers/0/port: 5432 -> \"5432\"",
                "add unknown key /polderUnknownKey",
                "add unknown key /servers/0/polderUnknownKey",
                "bad value at /kind: \"DataContract\" -> \"not-a-valid-value\"",
                "bad value at /servers/0/type: \"postgres\" -> \"not-a-valid-value\"");
    }

    @Test
    void aMutationChangesOnlyItsCopy() {
        Map<String, Object> document = sample();
        String before = document.toString();

        Mutation drop = find(Mutations.of(document, Integer.MAX_VALUE), "drop /servers/0/port");
        Mutation wrong = find(Mutations.of(document, Integer.MAX_VALUE), "wrong type at /servers: array -> object");

        assertThat(document).hasToString(before);
        assertThat(Documents.toNode(drop.document()).at("/servers/0").has("port")).isFalse();
        assertThat(Documents.toNode(drop.document()).at("/servers/1").has("port")).isTrue();
        assertThat(Documents.toNode(wrong.document()).get("servers").isObject()).isTrue();
    }

    @Test
    void anyPlaceCanBeMutatedOnDemandEvenWhereTheSampleWouldSkipIt() {
        Mutation second = Mutations.at(sample(), Kind.DROP_KEY, "/servers/1/port").orElseThrow();

        assertThat(second.description()).isEqualTo("drop /servers/1/port");
        assertThat(Documents.toNode(second.document()).at("/servers/1").has("port")).isFalse();
        assertThat(Mutations.at(sample(), Kind.DROP_KEY, "/no/such/key")).isEmpty();
        assertThat(Mutations.at(sample(), Kind.BAD_ENUM_VALUE, "/servers/0/port")).as("port is a number").isEmpty();
    }

    @Test
    void theCapIsSharedBetweenTheKinds() {
        List<Mutation> mutations = Mutations.of(sample(), 8);

        assertThat(mutations).hasSize(8);
        assertThat(mutations).extracting(Mutation::kind).containsOnly(Kind.values());
        // the sparse kinds are exhausted and their share goes to the others
        assertThat(Mutations.of(sample(), 12)).filteredOn(m -> m.kind() == Kind.UNKNOWN_KEY).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.polder.model.conformance.OfficialSchemasTest#corpus")
    void corpusMutationsAreBoundedDeterministicAndPointAtTheChange(String name) {
        Map<String, Object> document = Documents.readTree(StandardsCorpus.file(name));

        List<Mutation> mutations = Mutations.of(document);

        assertThat(mutations).hasSizeLessThanOrEqualTo(Mutations.DEFAULT_CAP);
        assertThat(mutations).extracting(Mutation::kind).containsOnly(Kind.values());
        assertThat(Mutations.of(document)).extracting(Mutation::description)
                .isEqualTo(mutations.stream().map(Mutation::description).toList());
        JsonNode original = Documents.toNode(document);
        for (Mutation mutation : mutations) {
            JsonNode mutated = Documents.toNode(mutation.document());
            assertThat(mutated).as(mutation.description()).isNotEqualTo(original);
            boolean presentBefore = !original.at(mutation.pointer()).isMissingNode();
            boolean presentAfter = !mutated.at(mutation.pointer()).isMissingNode();
            switch (mutation.kind()) {
                case DROP_KEY -> assertThat(presentBefore && !presentAfter).as(mutation.description()).isTrue();
                case UNKNOWN_KEY -> assertThat(!presentBefore && presentAfter).as(mutation.description()).isTrue();
                case WRONG_TYPE, BAD_ENUM_VALUE -> assertThat(mutated.at(mutation.pointer()))
                        .as(mutation.description())
                        .isNotEqualTo(original.at(mutation.pointer()));
            }
        }
    }

    private static Mutation find(List<Mutation> mutations, String description) {
        return mutations.stream().filter(m -> m.description().equals(description)).findFirst().orElseThrow();
    }
}
