package io.polder.registry.governance;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.PolicyLoader;
import io.polder.governance.PolicyScope;
import io.polder.registry.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One policy file of a mesh, by its path relative to the mesh root: {@code policies/ownership.yaml} (global,
 * the governance group's) or {@code customer/policies/personal-data.yaml} (the customer domain's). Subfolders
 * such as {@code tests/} are part of the path. The path comes from a client, so it is held to a plain shape.
 */
public record PolicyFile(String path, String text) {
    /** How many policy files one mesh may hold. */
    public static final int MAX_FILES = 10_000;
    private static final String POLICIES = "policies";
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final int MAX_SEGMENTS = 8;

    public PolicyFile {
        requirePath(path);
        requireNonNull(text, "text is null");
    }

    /** Global for {@code policies/...}; the domain for {@code <domain>/policies/...}. */
    public PolicyScope location() {
        String[] segments = path.split("/");
        return segments[0].equals(POLICIES) ? PolicyScope.global() : PolicyScope.domain(segments[0]);
    }

    PolicyLoader.Source source() {
        return new PolicyLoader.Source(path, text, location());
    }

    /**
     * The files, checked to name each path once.
     *
     * @throws PolderException INVALID_ARGUMENT when a path appears twice, TOO_LARGE over {@link #MAX_FILES} files
     */
    public static List<PolicyFile> distinct(List<PolicyFile> files) {
        if (files.size() > MAX_FILES) {
            throw new PolderException(ErrorCode.TOO_LARGE, "a mesh holds at most " + MAX_FILES + " policy files, found "
                    + files.size());
        }
        Set<String> paths = new HashSet<>();
        for (PolicyFile file : files) {
            if (!paths.add(requireNonNull(file, "a policy file is null").path())) {
                throw invalid("policy file '" + file.path() + "' appears twice in the bundle");
            }
        }
        return List.copyOf(files);
    }

    private static void requirePath(String path) {
        if (path == null) {
            throw invalid("a policy file's path is missing");
        }
        String[] segments = path.split("/", -1);
        boolean shaped = segments.length >= 2 && segments.length <= MAX_SEGMENTS;
        for (String segment : segments) {
            shaped &= Names.matches(SEGMENT, segment);
        }
        if (!shaped) {
            throw invalid("policy file path " + Names.quoteForMessage(path) + " must be relative, with segments of"
                    + " letters, digits and . _ - (no '..'), at most " + MAX_SEGMENTS + " deep");
        }
        boolean underPolicies = segments[0].equals(POLICIES) || segments.length >= 3 && segments[1].equals(POLICIES);
        String name = segments[segments.length - 1].toLowerCase(Locale.ROOT);
        if (!underPolicies || !(name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
            throw invalid("policy file path " + Names.quoteForMessage(path) + " must be a YAML or JSON file below"
                    + " policies/ or <domain>/policies/");
        }
        if (!segments[0].equals(POLICIES) && !Names.matches(Names.ID, segments[0])) {
            throw invalid("policy file path " + Names.quoteForMessage(path) + " must lie in a domain's folder,"
                    + " named by a lowercase domain id");
        }
    }

    private static PolderException invalid(String message) {
        return new PolderException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
