package io.polder.governance;

import io.polder.model.bind.Fields;
import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Binds Polder's governance documents ({@code apiVersion: polder/v1}): {@code kind: Policy},
 * {@code kind: PolicyExemption} and {@code kind: PolicyTest} (the last in {@link PolicyTestDocuments}).
 * Binding is validating: each accessor records a positioned problem, and a document with an error gives
 * nothing.
 */
final class PolicyDocuments {
    static final String API_VERSION = "polder/v1";
    static final String POLICY = "Policy";
    static final String EXEMPTION = "PolicyExemption";
    static final String TEST = "PolicyTest";

    static final Pattern ID = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private static final String ID_RULE = "must be a lowercase id ([a-z][a-z0-9-]*, at most 63 characters)";

    private PolicyDocuments() {
    }

    /** The kind a document declares, or null (with a problem) when it is not a governance document. */
    static String kind(SourceDocument document, Problems problems) {
        if (!(document.root() instanceof MapNode root)) {
            problems.error(document.root(), "expected a policy document (an object), found " + document.root().kindName());
            return null;
        }
        Node kind = root.get("kind");
        String expected = "expected `kind: " + POLICY + "`, `kind: " + EXEMPTION + "` or `kind: " + TEST + "`";
        if (!(kind instanceof ScalarNode scalar) || !scalar.isString()) {
            problems.error(kind == null ? root : kind, (kind == null ? "missing `kind`: " : "`kind` is not a string: ")
                    + expected);
            return null;
        }
        String value = (String) scalar.value();
        if (!value.equals(POLICY) && !value.equals(EXEMPTION) && !value.equals(TEST)) {
            problems.error(kind, "unknown kind '" + value + "' in a policies folder; " + expected);
            return null;
        }
        return value;
    }

    /** The fields shared by every governance document: apiVersion and kind. */
    static void header(Fields f) {
        f.require("apiVersion", "kind");
        String apiVersion = f.string("apiVersion");
        if (apiVersion != null && !API_VERSION.equals(apiVersion)) {
            f.problems().error(f.raw("apiVersion"), "`apiVersion` must be " + API_VERSION + ", found '" + apiVersion + "'");
        }
        f.string("kind");
    }

    /**
     * A {@code kind: Policy} document declared at {@code location}: the mesh's policies/ (global) may
     * declare any scope; a domain's policies/ only its own.
     */
    static Policy policy(Fields f, PolicyScope location, Origin origin) {
        header(f);
        f.require("id", "version", "target", "severity", "rule", "message");
        String id = f.string("id", ID, ID_RULE);
        String version = semver(f, "version");
        String description = f.string("description");
        String owner = f.string("owner");
        PolicyScope scope = scope(f, location);
        PolicyTarget target = f.choice("target", PolicyTarget.class);
        PolicySeverity severity = f.choice("severity", PolicySeverity.class);
        String when = expression(f, "when");
        String rule = expression(f, "rule");
        String message = expression(f, "message");
        f.rejectUnknown();
        if (id == null || version == null || scope == null || target == null || severity == null || rule == null
                || message == null) {
            return null;
        }
        return new Policy(id, version, description, owner, scope, target, severity, when, rule, message, origin);
    }

    /**
     * A CEL expression or a message: a string, or a scalar YAML reads as something else ({@code rule: true}
     * is the CEL expression true, not a YAML boolean to refuse).
     */
    private static String expression(Fields f, String key) {
        Node node = f.raw(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar && !scalar.isNull()) {
            return String.valueOf(scalar.value());
        }
        f.problems().error(node, "`" + key + "` must be " + (key.equals("message") ? "a text" : "a CEL expression")
                + ", found " + node.kindName());
        return null;
    }

    private static PolicyScope scope(Fields f, PolicyScope location) {
        String written = f.string("scope");
        if (written == null) {
            return f.has("scope") ? null : location;
        }
        if (!written.equals(PolicyScope.GLOBAL_NAME) && !ID.matcher(written).find()) {
            f.problems().error(f.raw("scope"), "`scope` must be `global` or a domain id, found '" + written + "'");
            return null;
        }
        PolicyScope scope = PolicyScope.parse(written);
        if (!location.isGlobal() && !scope.equals(location)) {
            f.problems().error(f.raw("scope"), "a policy in " + location + "/policies/ can only govern domain "
                    + location + ", not " + (scope.isGlobal() ? "the whole mesh" : "domain " + scope)
                    + "; global policies and policies for other domains belong in the mesh's policies/ folder");
            return null;
        }
        return scope;
    }

    /** A {@code kind: PolicyExemption} document; exemptions must expire. */
    static Exemption exemption(Fields f, PolicyScope location, Origin origin) {
        header(f);
        return exemptionFields(f, location, origin, null);
    }

    /** The fields of an exemption; {@code defaultProduct} fills a missing product (tests name it once). */
    static Exemption exemptionFields(Fields f, PolicyScope location, Origin origin, String defaultProduct) {
        f.require("policy", "reason", "approver");
        if (defaultProduct == null) {
            f.require("product");
        }
        if (!f.has("expires")) {
            f.problems().error(f.node(), "an exemption must say when it expires (`expires: 2026-06-30`): exemptions"
                    + " are temporary, so that the failure they hide comes back for a decision");
        }
        String policy = f.string("policy", ID, ID_RULE);
        String product = f.has("product") ? f.string("product") : defaultProduct;
        String reason = f.string("reason");
        String approver = f.string("approver");
        String expiresAsWritten = f.string("expires");
        Instant expires = expiresAsWritten == null ? null : expiry(f, expiresAsWritten);
        f.rejectUnknown();
        if (policy == null || product == null || reason == null || approver == null || expires == null) {
            return null;
        }
        return new Exemption(policy, product, reason, approver, expires, expiresAsWritten, location, origin);
    }

    /** A date means "through that day", so the exemption ends when the next UTC day begins. */
    private static Instant expiry(Fields f, String written) {
        try {
            return LocalDate.parse(written).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(written).toInstant();
            } catch (DateTimeParseException notADateTime) {
                f.problems().error(f.raw("expires"), "`expires` must be a date (2026-06-30) or a date-time"
                        + " (2026-06-30T12:00:00Z), found '" + written + "'");
                return null;
            }
        }
    }

    static Instant instant(Fields f, String key) {
        String written = f.string(key);
        if (written == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(written).toInstant();
        } catch (DateTimeParseException e) {
            f.problems().error(f.raw(key), "`" + key + "` must be a date-time such as 2026-01-31T09:00:00Z, found '"
                    + written + "'");
            return null;
        }
    }

    private static String semver(Fields f, String key) {
        String version = f.string(key);
        if (version != null && !SemanticVersion.isValid(version)) {
            f.problems().error(f.raw(key), "`" + key + "` must be a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0),"
                    + " found '" + version + "'");
            return null;
        }
        return version;
    }
}
