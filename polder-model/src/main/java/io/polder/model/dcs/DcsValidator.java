package io.polder.model.dcs;

import static java.util.Objects.requireNonNull;

import io.polder.model.bind.Fields;
import io.polder.model.problem.Problems;
import io.polder.model.source.SourceDocument;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Validates a Data Contract Specification (DCS) document by the rules of the official DCS 1.2.1 JSON Schema,
 * giving the verdict that schema gives, with every problem positioned (line, column, JSON pointer) and
 * saying what to write instead.
 *
 * <p>The schema is draft-07, and two of its draft-07 consequences shape the verdict:
 * <ul>
 *   <li>Every object is open: fields beyond the specification are allowed. Polder warns only about those one
 *       typo away from a defined field.
 *   <li>The per-server-type rules (a postgres server's {@code host}, {@code port}, ...) sit beside a
 *       {@code $ref} to the base server, and draft-07 ignores every keyword beside a {@code $ref}. Official
 *       validators therefore never apply them; Polder reports them as warnings, so that the verdict stays
 *       the official one and the author still learns what DCS tools expect.
 * </ul>
 * Polder also warns about a field's internal {@code $ref} ({@code '#/definitions/...'}) that points nowhere,
 * which the schema cannot see. Thread-safe and stateless.
 */
public final class DcsValidator {

    /** Checks {@code document}, adding its errors (which make it invalid) and warnings to {@code problems}. */
    public void validate(SourceDocument document, Problems problems) {
        requireNonNull(document, "document is null");
        requireNonNull(problems, "problems is null");
        DcsFields root = DcsFields.of(document.root(), "a DCS document", problems);
        if (root == null) {
            return;
        }
        root.require("dataContractSpecification", "id", "info");
        version(root);
        root.string("id");
        root.object("info", DcsValidator::info);
        root.named("servers", DcsFields.Names.SERVERS, DcsServers::server);
        root.object("terms", DcsValidator::terms);
        root.named("models", DcsFields.Names.MODELS, (name, model) -> DcsModels.model(model));
        root.named("definitions", DcsFields.Names.DEFINITIONS, (name, definition) -> DcsModels.definition(definition));
        root.object("servicelevels", DcsServiceLevels::serviceLevels);
        root.links("links");
        root.stringList("tags");
        root.warnNearMisses();
        DcsReferences.warnUnresolved(document, problems);
    }

    /** The declared version; no "did you mean" here, as the nearest spelling of a version is not a fix. */
    private static void version(DcsFields root) {
        String version = root.string("dataContractSpecification");
        if (version != null && Fields.lookup(DcsVersion.class, version) == null) {
            root.problems().error(root.peek("dataContractSpecification"), "`dataContractSpecification` must be one of "
                    + Arrays.stream(DcsVersion.values()).map(DcsVersion::value).collect(Collectors.joining(", "))
                    + "; found '" + version + "'");
        }
    }

    private static void info(DcsFields info) {
        info.require("title", "version");
        info.strings("title", "version", "status", "description", "owner");
        info.object("contact", contact -> {
            contact.strings("name", "url", "email");
            contact.warnNearMisses();
        });
        info.warnNearMisses();
    }

    private static void terms(DcsFields terms) {
        terms.strings("usage", "limitations", "billing", "noticePeriod");
        terms.objects("policies", "policy", policy -> policy.strings("type", "description", "url"));
        terms.warnNearMisses();
    }
}
