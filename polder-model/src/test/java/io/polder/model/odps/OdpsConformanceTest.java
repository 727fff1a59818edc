package io.polder.model.odps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.model.conformance.Documents;
import io.polder.model.conformance.Mutations;
import io.polder.model.conformance.OfficialSchemas;
import io.polder.model.conformance.Standard;
import io.polder.model.conformance.StandardsCorpus;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Polder's verdict equals the official schemas' verdict on every ODPS document we have (the official
 * examples and the hand-made ones under src/test/resources/odps), on each of them declaring the other
 * version, and on mutations of all of these (a field dropped, a wrong type, an unknown key, a bad value, a
 * present null).
 *
 * <p>The official verdict for a document is "the v0.9.0 schema or the v1.0.0 schema accepts it". That is
 * the same as validating by the declared version where v0.9.0 documents may also pass by the v1.0.0
 * schema (which lists v0.9.0 among its apiVersions): a document declaring v1.0.0, another version or
 * none fails the v0.9.0 schema's apiVersion enum. See {@link OdpsReader}.
 */
class OdpsConformanceTest {
    /** ODPS documents are small: a cap this high mutates every distinct place of every document. */
    private static final int MUTATIONS_PER_DOCUMENT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Case(String name, Map<String, Object> document) {
    }

    private record Outcome(Case testCase, boolean official, boolean officialByDeclaredSchema, boolean polder) {
    }

    @Test
    void polderAgreesWithTheOfficialSchemasOnEveryDocumentAndMutation() {
        List<Outcome> outcomes = cases().stream().map(OdpsConformanceTest::judge).toList();

        List<String> disagreements = outcomes.stream().filter(outcome -> outcome.polder() != outcome.official())
                .map(OdpsConformanceTest::describe).toList();
        List<Case> strictlyDeclared = outcomes.stream()
                .filter(outcome -> outcome.polder() != outcome.officialByDeclaredSchema())
                .map(Outcome::testCase).toList();
        System.out.printf("ODPS conformance: %d cases (%d valid, %d invalid officially); Polder agrees on %d;"
                        + " with the declared version's schema alone it would differ on %d (v0.9.0 documents that"
                        + " only the v1.0.0 schema accepts)%n",
                outcomes.size(), outcomes.stream().filter(Outcome::official).count(),
                outcomes.stream().filter(outcome -> !outcome.official()).count(),
                outcomes.size() - disagreements.size(), strictlyDeclared.size());
        assertThat(disagreements).as("cases where Polder and the official schemas disagree").isEmpty();
        assertThat(strictlyDeclared).as("only v0.9.0 documents may differ from their declared version's schema")
                .allSatisfy(testCase -> assertThat(testCase.document().get("apiVersion")).as(testCase.name())
                        .isEqualTo("v0.9.0"));
    }

    /**
     * When one change breaks a valid document, every error Polder reports is about that change: at the
     * changed place, inside it, or at the object that lost a required field.
     */
    @Test
    void errorsFromOneMutationPointAtTheMutatedPlace() {
        List<String> misplaced = new ArrayList<>();
        int checked = 0;
        for (Path file : corpus()) {
            Map<String, Object> document = Documents.readTree(file);
            if (!officialVerdict(document)) {
                continue;
            }
            for (Mutations.Mutation mutation : Mutations.of(document, MUTATIONS_PER_DOCUMENT)) {
                Case testCase = new Case(file.getFileName() + ", " + mutation.description(), mutation.document());
                for (Problem problem : polderErrors(testCase)) {
                    checked++;
                    if (!related(problem.pointer(), mutation.pointer())) {
                        misplaced.add(testCase.name() + ": " + problem);
                    }
                }
            }
        }

        System.out.printf("ODPS error placement: %d errors checked, %d misplaced%n", checked, misplaced.size());
        assertThat(misplaced).isEmpty();
    }

    @Test
    void polderAgreesOnTheOriginalFilesReadAsYaml() {
        for (Path file : corpus()) {
            Map<String, Object> document = Documents.readTree(file);
            boolean official = officialVerdict(document);

            assertThat(OdpsDocuments.read(file).valid()).as(file.toString()).isEqualTo(official);
        }
    }

    @Test
    void theCorpusHasValidAndInvalidDocumentsOfBothVersions() {
        Map<String, Long> verdicts = new LinkedHashMap<>();
        for (Path file : corpus()) {
            Map<String, Object> document = Documents.readTree(file);
            verdicts.merge(document.get("apiVersion") + (officialVerdict(document) ? " valid" : " invalid"), 1L,
                    Long::sum);
        }

        assertThat(verdicts).containsKeys("v0.9.0 valid", "v0.9.0 invalid", "v1.0.0 valid", "v1.0.0 invalid");
    }

    private static List<Path> corpus() {
        return Stream.of(StandardsCorpus.documents(Standard.ODPS), OdpsDocuments.handMade("valid"),
                OdpsDocuments.handMade("invalid")).flatMap(List::stream).toList();
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Path file : corpus()) {
            String name = file.getFileName().toString();
            Map<String, Object> document = Documents.readTree(file);
            for (Case base : List.of(new Case(name + " as " + document.get("apiVersion"), document),
                    new Case(name + " as " + otherVersion(document), withOtherVersion(document)))) {
                cases.add(base);
                Mutations.of(base.document(), MUTATIONS_PER_DOCUMENT).forEach(mutation ->
                        cases.add(new Case(base.name() + ", " + mutation.description(), mutation.document())));
                nullMutations(base).forEach(cases::add);
            }
        }
        return cases;
    }

    private static Outcome judge(Case testCase) {
        Map<String, Object> document = testCase.document();
        boolean validByV090 = OfficialSchemas.shared().errors(Standard.ODPS, "v0.9.0", document).isEmpty();
        boolean validByV100 = OfficialSchemas.shared().errors(Standard.ODPS, "v1.0.0", document).isEmpty();
        // the oracle's own choice of schema for the declared version: v0.9.0 -> v0.9.0, anything else -> v1.0.0
        boolean byDeclared = "v0.9.0".equals(document.get("apiVersion")) ? validByV090 : validByV100;
        return new Outcome(testCase, validByV090 || validByV100, byDeclared, polderVerdict(testCase));
    }

    /** Valid if either official schema accepts the document. */
    private static boolean officialVerdict(Map<String, Object> document) {
        return OfficialSchemas.shared().errors(Standard.ODPS, "v0.9.0", document).isEmpty()
                || OfficialSchemas.shared().errors(Standard.ODPS, "v1.0.0", document).isEmpty();
    }

    /** Polder reads the document from JSON text, so that no YAML typing differs from the oracle's tree. */
    private static boolean polderVerdict(Case testCase) {
        ParsedFile parsed = DocumentReader.withDefaults().read(json(testCase.document()), testCase.name(),
                SourceFormat.JSON);
        assertThat(parsed.problems()).as(testCase.name()).isEmpty();
        SourceDocument document = parsed.documents().get(0);
        Problems problems = new Problems(testCase.name());
        new OdpsReader().read(document, problems);
        return !problems.hasErrors();
    }

    private static String describe(Outcome outcome) {
        Map<String, Object> document = outcome.testCase().document();
        return outcome.testCase().name() + ": official " + (outcome.official() ? "valid" : "invalid") + ", Polder "
                + (outcome.polder() ? "valid" : "invalid") + "; official v0.9.0 "
                + OfficialSchemas.shared().errors(Standard.ODPS, "v0.9.0", document) + ", official v1.0.0 "
                + OfficialSchemas.shared().errors(Standard.ODPS, "v1.0.0", document) + ", Polder "
                + polderProblems(outcome.testCase());
    }

    private static List<Problem> polderErrors(Case testCase) {
        ParsedFile parsed = DocumentReader.withDefaults().read(json(testCase.document()), "", SourceFormat.JSON);
        Problems problems = new Problems("");
        new OdpsReader().read(parsed.documents().get(0), problems);
        return problems.list().stream().filter(Problem::isError).toList();
    }

    /** One pointer is the other or an ancestor of it. */
    private static boolean related(String first, String second) {
        return first.equals(second) || second.startsWith(first + "/") || first.startsWith(second + "/")
                || first.isEmpty() || second.isEmpty();
    }

    private static List<String> polderProblems(Case testCase) {
        ParsedFile parsed = DocumentReader.withDefaults().read(json(testCase.document()), "", SourceFormat.JSON);
        Problems problems = new Problems("");
        new OdpsReader().read(parsed.documents().get(0), problems);
        return problems.list().stream().map(Object::toString).toList();
    }

    private static String otherVersion(Map<String, Object> document) {
        return "v0.9.0".equals(document.get("apiVersion")) ? "v1.0.0" : "v0.9.0";
    }

    private static Map<String, Object> withOtherVersion(Map<String, Object> document) {
        Map<String, Object> copy = copy(document);
        copy.put("apiVersion", otherVersion(document));
        return copy;
    }

    /**
     * Each distinct place (list items alike) set to a present null: only a custom property's `value`
     * accepts it. The oracle's mutations do not make these, and a reader that treats null as absent
     * would let them through.
     */
    private static List<Case> nullMutations(Case base) {
        List<Case> mutations = new ArrayList<>();
        Set<String> shapes = new LinkedHashSet<>();
        collectNullMutations(base, base.document(), "", "", shapes, mutations);
        return mutations;
    }

    private static void collectNullMutations(Case base, Object node, String pointer, String shape, Set<String> shapes,
                                             List<Case> mutations) {
        if (node instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                String childPointer = pointer + "/" + key;
                String childShape = shape + "/" + key;
                if (shapes.add(childShape)) {
                    mutations.add(new Case(base.name() + ", null at " + childPointer,
                            setNull(base.document(), childPointer)));
                }
                collectNullMutations(base, map.get(key), childPointer, childShape, shapes, mutations);
            }
        } else if (node instanceof List<?> list) {
            if (!list.isEmpty() && shapes.add(shape + "/*")) {
                mutations.add(new Case(base.name() + ", null at " + pointer + "/0", setNull(base.document(),
                        pointer + "/0")));
            }
            for (int i = 0; i < list.size(); i++) {
                collectNullMutations(base, list.get(i), pointer + "/" + i, shape + "/*", shapes, mutations);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> setNull(Map<String, Object> document, String pointer) {
        Map<String, Object> copy = copy(document);
        String[] steps = pointer.substring(1).split("/");
        Object parent = copy;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = parent instanceof List<?> list ? list.get(Integer.parseInt(steps[i]))
                    : ((Map<String, Object>) parent).get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (parent instanceof List<?> list) {
            ((List<Object>) list).set(Integer.parseInt(last), null);
        } else {
            ((Map<String, Object>) parent).put(last, null);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> document) {
        try {
            return JSON.readValue(JSON.writeValueAsString(document), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
