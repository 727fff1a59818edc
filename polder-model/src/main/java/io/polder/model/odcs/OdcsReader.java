package io.polder.model.odcs;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import java.util.Comparator;

/**
 * Reads ODCS v3 data contracts. Reading is validating: every way a contract breaks the official JSON Schema
 * of its version is recorded in {@link Problems}, at its line and column, and the verdict is
 * {@code problems.hasErrors()}. The schema itself is not loaded: its rules are written out in the model's
 * binders, so that each problem can be worded for the person fixing it.
 *
 * <p>A contract is checked by the version it declares: apiVersion v3.1.0 by the v3.1.0 schema; v3.0.0,
 * v3.0.1 and v3.0.2 by the v3.0.2 schema <em>or</em> the v3.1.0 schema, whose apiVersion list accepts
 * them too (as the ODPS reader does for v0.9.0 products). A v3.0.x contract that only the v3.1.0 rules
 * accept gets a warning to declare v3.1.0; one that only the v3.0.2 rules accept gets a warning naming
 * what an upgrade must fix. Any other apiVersion is a problem; the rest of the contract is then checked by
 * the latest rules, so that its other problems are still found.
 */
public final class OdcsReader {

    /**
     * Reads a contract by the rules of the version it declares.
     *
     * @return the contract, as complete as the document allows (fields that could not be read are null);
     *         null only if the document is not an object
     */
    public DataContract read(SourceDocument document, Problems problems) {
        requireNonNull(document, "document is null");
        requireNonNull(problems, "problems is null");
        if (!(document.root() instanceof MapNode root)) {
            return notAContract(document.root(), problems);
        }
        OdcsVersion declared = declaredVersion(root);
        OdcsVersion rules = declared == null ? OdcsVersion.latest() : declared;
        Problems found = new Problems(problems.file());
        DataContract contract = OdcsFields.bind(root, found, rules, DataContract::bind);
        if (declared == null && contract.apiVersion() != null) {
            found.error(root.get("apiVersion"), "ODCS apiVersion '" + contract.apiVersion()
                    + "' is not supported; Polder reads " + String.join(", ", OdcsVersion.supportedApiVersions())
                    + (contract.apiVersion().startsWith("v2") ? " (migrate ODCS v2 contracts to v3)" : ""));
        }
        if (declared == OdcsVersion.V3_0) {
            return eitherVersion(document, root, contract, found, problems);
        }
        inDocumentOrder(found, problems);
        return contract;
    }

    /** A v3.0.x contract is valid if the v3.0.2 or the v3.1.0 rules accept it; warnings say which did not. */
    private DataContract eitherVersion(SourceDocument document, MapNode root, DataContract byV30, Problems foundByV30,
                                       Problems problems) {
        Problems foundByV31 = new Problems(problems.file());
        DataContract byV31 = read(document, foundByV31, OdcsVersion.V3_1);
        Node apiVersion = root.get("apiVersion");
        if (foundByV30.hasErrors() && !foundByV31.hasErrors()) {
            Problem first = firstError(foundByV30);
            foundByV31.warning(apiVersion, "declares ODCS " + byV30.apiVersion() + " but uses ODCS v3.1.0: by the"
                    + " v3.0 rules, " + first.message() + " (line " + first.position() + "); it is valid because the"
                    + " v3.1.0 rules also accept apiVersion " + byV30.apiVersion() + "; declare `apiVersion: v3.1.0`");
            foundByV31.list().forEach(problems::add);
            return byV31;
        }
        if (!foundByV30.hasErrors() && foundByV31.hasErrors()) {
            Problem first = firstError(foundByV31);
            foundByV30.warning(apiVersion, "valid as ODCS " + byV30.apiVersion() + ", but ODCS v3.1.0 would refuse it: "
                    + first.message() + " (line " + first.position() + "); `polder convert --to odcs-v3.1.0` upgrades it");
        }
        inDocumentOrder(foundByV30, problems);
        return byV30;
    }

    private static Problem firstError(Problems problems) {
        return problems.list().stream().filter(Problem::isError)
                .min(Comparator.comparing((Problem p) -> p.position().line()).thenComparing(p -> p.position().column()))
                .orElseThrow();
    }

    /**
     * Reads a contract by the rules of {@code rules}, whatever it declares: as the official schema of that
     * version judges it. The schema's own list of apiVersion values applies (v3.1.0 accepts contracts that
     * declare v3.0.x too).
     */
    public DataContract read(SourceDocument document, Problems problems, OdcsVersion rules) {
        requireNonNull(document, "document is null");
        requireNonNull(problems, "problems is null");
        requireNonNull(rules, "rules is null");
        if (!(document.root() instanceof MapNode root)) {
            return notAContract(document.root(), problems);
        }
        Problems found = new Problems(problems.file());
        DataContract contract = OdcsFields.bind(root, found, rules, DataContract::bind);
        String apiVersion = contract.apiVersion();
        if (apiVersion != null && !rules.schemaApiVersions().contains(apiVersion)) {
            found.error(root.get("apiVersion"), "`apiVersion` must be one of "
                    + String.join(", ", rules.schemaApiVersions()) + " for the ODCS " + rules.schemaVersion()
                    + " schema; found '" + apiVersion + "'");
        }
        inDocumentOrder(found, problems);
        return contract;
    }

    private static OdcsVersion declaredVersion(MapNode root) {
        return root.get("apiVersion") instanceof ScalarNode scalar && scalar.value() instanceof String apiVersion
                ? OdcsVersion.ofApiVersion(apiVersion) : null;
    }

    /**
     * Binding reports an object's unknown fields after its nested objects' problems; a reader of the file
     * expects them from top to bottom. (A missing field is placed on its object, so it comes first there.)
     */
    private static void inDocumentOrder(Problems found, Problems problems) {
        found.list().stream()
                .sorted(Comparator.comparingInt((Problem p) -> p.position().line()).thenComparingInt(p -> p.position().column()))
                .forEach(problems::add);
    }

    private static DataContract notAContract(Node root, Problems problems) {
        problems.error(root, "expected an ODCS data contract (an object), found " + root.kindName());
        return null;
    }
}
