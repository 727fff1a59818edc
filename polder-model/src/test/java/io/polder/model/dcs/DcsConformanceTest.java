package io.polder.model.dcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.model.conformance.Documents;
import io.polder.model.conformance.Mutations;
import io.polder.model.conformance.Mutations.Mutation;
import io.polder.model.conformance.OfficialSchemas;
import io.polder.model.conformance.Standard;
import io.polder.model.conformance.StandardsCorpus;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceFormat;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Polder's verdict equals the official DCS 1.2.1 JSON Schema's on every DCS document of the standards folder
 * and on mutations of each (a field dropped, a value of the wrong type, an unknown key, a string no enum or
 * pattern accepts). Beyond the verdict, the errors must concern the same places: the set of JSON pointers of
 * Polder's errors equals the set of the official errors' pointers.
 */
class DcsConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mutations per document; raise it (-Ddcs.conformance.cap=100000) for a deeper, slower run. */
    private static final int CAP = Integer.getInteger("dcs.conformance.cap", Mutations.DEFAULT_CAP);

    private final OfficialSchemas oracle = OfficialSchemas.shared();
    private final DcsValidator validator = new DcsValidator();

    @Test
    void verdictsAgreeWithTheOfficialSchemaOnTheCorpusAndItsMutations() {
        Tally documents = new Tally();
        Tally mutations = new Tally();
        Tally locations = new Tally();
        for (Path file : StandardsCorpus.documents(Standard.DCS)) {
            String name = StandardsCorpus.name(file);
            Map<String, Object> document = Documents.readTree(file);
            documents.compare(name, officialVerdict(document), polderAccepts(name, document));
            for (Mutation mutation : Mutations.of(document, CAP)) {
                String what = name + " :: " + mutation.description();
                mutations.compare(what, officialVerdict(mutation.document()), polderAccepts(name, mutation.document()));
                locations.compareLocations(what, officialLocations(mutation.document()),
                        polderLocations(name, mutation.document()));
            }
        }
        System.out.printf("DCS conformance: documents %d/%d agree, mutations %d/%d agree (%d officially invalid),"
                + " error locations %d/%d agree%n", documents.agreed, documents.total, mutations.agreed, mutations.total,
                mutations.officiallyInvalid, locations.agreed, locations.total);

        assertThat(documents.total).isEqualTo(26);
        assertThat(mutations.total).isGreaterThan(CAP == Mutations.DEFAULT_CAP ? 500 : 0);
        assertThat(documents.disagreements).as(String.join("\n", documents.disagreements)).isEmpty();
        assertThat(mutations.disagreements).as(String.join("\n", mutations.disagreements)).isEmpty();
        // stricter than the verdict: Polder's errors concern exactly the JSON pointers the official errors concern
        assertThat(locations.disagreements).as(String.join("\n", locations.disagreements)).isEmpty();
    }

    private boolean officialVerdict(Map<String, Object> document) {
        return oracle.verdict(Standard.DCS, document).valid();
    }

    /** Polder's verdict on a generic tree, read the way Polder reads files (here from its JSON text). */
    private boolean polderAccepts(String name, Map<String, Object> document) {
        ParsedFile parsed = DocumentReader.withDefaults().read(json(document), name, SourceFormat.JSON);
        assertThat(parsed.problems()).as(name).isEmpty();
        Problems problems = new Problems(name);
        validator.validate(parsed.documents().getFirst(), problems);
        return !problems.hasErrors();
    }

    /** The JSON pointers the official errors concern. */
    private Set<String> officialLocations(Map<String, Object> document) {
        return oracle.verdict(Standard.DCS, document).errors().stream()
                .map(error -> error.substring(0, error.indexOf(": ")))
                .map(pointer -> pointer.equals("/") ? "" : pointer)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> polderLocations(String name, Map<String, Object> document) {
        ParsedFile parsed = DocumentReader.withDefaults().read(json(document), name, SourceFormat.JSON);
        Problems problems = new Problems(name);
        validator.validate(parsed.documents().getFirst(), problems);
        return problems.list().stream().filter(Problem::isError).map(Problem::pointer)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Tally {
        int agreed;
        int total;
        int officiallyInvalid;
        final List<String> disagreements = new ArrayList<>();

        void compare(String what, boolean official, boolean polder) {
            total++;
            officiallyInvalid += official ? 0 : 1;
            record(what, official == polder, "official " + (official ? "valid" : "invalid") + ", Polder "
                    + (polder ? "valid" : "invalid"));
        }

        void compareLocations(String what, Set<String> official, Set<String> polder) {
            total++;
            record(what, official.equals(polder), "official at " + official + ", Polder at " + polder);
        }

        private void record(String what, boolean agree, String difference) {
            if (agree) {
                agreed++;
            } else {
                disagreements.add(what + ": " + difference);
            }
        }
    }
}
