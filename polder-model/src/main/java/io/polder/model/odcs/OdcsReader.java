package io.polder.model.odcs;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;

/**
 * Reads ODCS v3 data contracts. Reading is validating: every way a contract breaks the official JSON Schema
 * of its version is recorded in {@link Problems}, at its line and column, and the verdict is
 * {@code problems.hasErrors()}. The schema itself is not loaded: its rules are written out in the model's
 * binders, so that each problem can be worded for the person fixing it.
 *
 * <p>A contract is checked by the version it declares: apiVersion v3.0.0, v3.0.1 and v3.0.2 by the v3.0.2
 * schema, v3.1.0 by the v3.1.0 schema. Any other apiVersion is a problem; the rest of the contract is then
 * checked by the latest rules, so that its other problems are still found.
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
        DataContract contract = OdcsFields.bind(root, problems, rules, DataContract::bind);
        if (declared == null && contract.apiVersion() != null) {
            problems.error(root.get("apiVersion"), "ODCS apiVersion '" + contract.apiVersion()
                    + "' is not supported; Polder reads " + String.join(", ", OdcsVersion.supportedApiVersions())
                    + (contract.apiVersion().startsWith("v2") ? " (migrate ODCS v2 contracts to v3)" : ""));
        }
        return contract;
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
        DataContract contract = OdcsFields.bind(root, problems, rules, DataContract::bind);
        String apiVersion = contract.apiVersion();
        if (apiVersion != null && !rules.schemaApiVersions().contains(apiVersion)) {
            problems.error(root.get("apiVersion"), "`apiVersion` must be one of "
                    + String.join(", ", rules.schemaApiVersions()) + " for the ODCS " + rules.schemaVersion()
                    + " schema; found '" + apiVersion + "'");
        }
        return contract;
    }

    private static OdcsVersion declaredVersion(MapNode root) {
        return root.get("apiVersion") instanceof ScalarNode scalar && scalar.value() instanceof String apiVersion
                ? OdcsVersion.ofApiVersion(apiVersion) : null;
    }

    private static DataContract notAContract(Node root, Problems problems) {
        problems.error(root, "expected an ODCS data contract (an object), found " + root.kindName());
        return null;
    }
}
