package io.polder.model.odps;

import static java.util.Objects.requireNonNull;

import io.polder.model.bind.Fields;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.source.ListNode;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;

/**
 * Reads and validates an ODPS data product by the version it declares in {@code apiVersion}.
 *
 * <ul>
 *   <li>{@code v1.0.0}: the rules of the official v1.0.0 schema.</li>
 *   <li>{@code v0.9.0}: valid if the official v0.9.0 schema <em>or</em> the official v1.0.0 schema accepts
 *       it. The v1.0.0 schema lists {@code v0.9.0} among its allowed apiVersions, and both official
 *       examples declare v0.9.0 while using v1.0.0 features (the team object, port tags), which only the
 *       v1.0.0 schema accepts. Because v0.9.0 differs from v1.0.0 only in being stricter, except that its
 *       `team` is a bare list of members (who need no username), the shape of `team` decides: a list is read by the v0.9.0
 *       rules, anything else by the v1.0.0 rules. That is exactly "either schema accepts it". A v0.9.0
 *       document that only the v1.0.0 rules accept gets a warning suggesting it declare v1.0.0.</li>
 *   <li>anything else, or none: an error naming the supported versions. The rest of the document is
 *       still checked, so that all its problems show at once, by the rules its shape suggests (as for
 *       v0.9.0), so that a v0.9.0 document with a mistyped apiVersion gets one error, not a cascade.</li>
 * </ul>
 *
 * <p>The document is valid when no errors were added to the problems; warnings do not count.
 */
public final class OdpsReader {

    /**
     * Binds {@code document} into a {@link DataProduct}, adding every problem found to {@code problems}.
     *
     * @return null if the document's root is not an object; otherwise the product as far as it could be
     *         read (fields that were wrong are null), whether or not it is valid
     */
    public DataProduct read(SourceDocument document, Problems problems) {
        requireNonNull(document, "document is null");
        requireNonNull(problems, "problems is null");
        if (!(document.root() instanceof MapNode root)) {
            problems.error(document.root(), "an ODPS data product must be an object, found "
                    + document.root().kindName());
            return null;
        }
        OdpsVersion declared = declaredVersion(root);
        OdpsVersion rules = rulesFor(declared, root);
        Problems found = new Problems(problems.file());
        DataProduct product = DataProduct.bind(Fields.of(root, found), rules);
        if (declared == OdpsVersion.V0_9_0 && rules == OdpsVersion.V1_0_0 && !found.hasErrors()) {
            warnIfOnlyNewerRulesAccept(root, found);
        }
        found.list().forEach(problems::add);
        return product;
    }

    /** The version named by {@code apiVersion}, or null when it is missing or not one Polder reads. */
    static OdpsVersion declaredVersion(MapNode root) {
        Node node = root.get("apiVersion");
        return node instanceof ScalarNode scalar && scalar.value() instanceof String value
                ? Fields.lookup(OdpsVersion.class, value) : null;
    }

    /** The rules to bind by: v1.0.0's, unless a document not declaring v1.0.0 has a v0.9.0 team list. */
    private static OdpsVersion rulesFor(OdpsVersion declared, MapNode root) {
        return declared != OdpsVersion.V1_0_0 && root.get("team") instanceof ListNode
                ? OdpsVersion.V0_9_0 : OdpsVersion.V1_0_0;
    }

    private static void warnIfOnlyNewerRulesAccept(MapNode root, Problems found) {
        Problems strict = new Problems(found.file());
        DataProduct.bind(Fields.of(root, strict), OdpsVersion.V0_9_0);
        strict.list().stream().filter(Problem::isError).findFirst().ifPresent(first -> found.warning(
                root.get("apiVersion"), "declares ODPS v0.9.0 but uses ODPS v1.0.0: by the v0.9.0 rules, "
                        + first.message() + " (line " + first.position() + "); it is valid because the v1.0.0 rules"
                        + " also accept apiVersion v0.9.0; declare `apiVersion: v1.0.0`"));
    }
}
