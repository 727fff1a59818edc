package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.polder.model.conformance.Documents;
import io.polder.model.conformance.Mutations;
import io.polder.model.conformance.Mutations.Mutation;
import io.polder.model.conformance.OfficialSchemas;
import io.polder.model.conformance.Standard;
import io.polder.model.conformance.StandardsCorpus;
import io.polder.model.conformance.Verdict;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceFormat;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Polder's verdict equals the official JSON Schemas', for the version each contract declares, on every ODCS
 * document of the standards folder and on mutations of each (a required field dropped, a value of the wrong
 * type, an unknown key, a string no enum or pattern accepts). The official verdict for a contract that
 * declares v3.0.x is "the v3.0.2 schema or the v3.1.0 schema accepts it" (the v3.1.0 schema lists the v3.0.x
 * apiVersions as its own); for any other contract, its declared version's schema.
 */
class OdcsConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Mutations per document; raise it (-Dodcs.conformance.cap=100000) for a deeper, slower run. */
    private static final int CAP = Integer.getInteger("odcs.conformance.cap", Mutations.DEFAULT_CAP);

    private final OfficialSchemas oracle = OfficialSchemas.shared();
    private final OdcsReader reader = new OdcsReader();

    @Test
    void verdictsAgreeWithTheOfficialSchemaOnTheCorpusAndItsMutations() {
        Tally documents = new Tally();
        Tally mutations = new Tally();
        for (Path file : StandardsCorpus.documents(Standard.ODCS)) {
            String name = StandardsCorpus.name(file);
            Map<String, Object> document = Documents.readTree(file);
            documents.compare(name, officialVerdict(document), polderAccepts(name, document));
            for (Mutation mutation : Mutations.of(document, CAP)) {
                mutations.compare(name + " :: " + mutation.description(),
                        officialVerdict(mutation.document()),
                        polderAccepts(name, mutation.document()));
            }
        }
        System.out.printf("ODCS conformance: documents %d/%d agree, mutations %d/%d agree%n",
                documents.agreed, documents.total, mutations.agreed, mutations.total);

        assertThat(documents.total).isEqualTo(63);
        assertThat(mutations.total).isGreaterThan(CAP == Mutations.DEFAULT_CAP ? 2000 : 0);
        assertThat(documents.disagreements).isEmpty();
        assertThat(mutations.disagreements).as(String.join("\n", mutations.disagreements)).isEmpty();
    }

    private boolean officialVerdict(Map<String, Object> document) {
        Verdict declared = oracle.verdict(Standard.ODCS, document);
        boolean declaresV30 = declared.declaredVersion() != null && declared.declaredVersion().startsWith("v3.0.");
        return declared.valid() || declaresV30 && oracle.errors(Standard.ODCS, "v3.1.0", document).isEmpty();
    }

    /** Polder's verdict on a generic tree, read the way Polder reads files (here from its JSON text). */
    private boolean polderAccepts(String name, Map<String, Object> document) {
        ParsedFile parsed = DocumentReader.withDefaults().read(json(document), name, SourceFormat.JSON);
        assertThat(parsed.problems()).as(name).isEmpty();
        Problems problems = new Problems(name);
        DataContract contract = reader.read(parsed.documents().getFirst(), problems);
        return contract != null && !problems.hasErrors();
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
        final List<String> disagreements = new ArrayList<>();

        void compare(String what, boolean official, boolean polder) {
            total++;
            if (official == polder) {
                agreed++;
            } else {
                disagreements.add(what + ": official " + official + ", Polder " + (polder ? "valid" : "invalid"));
            }
        }
    }
}
