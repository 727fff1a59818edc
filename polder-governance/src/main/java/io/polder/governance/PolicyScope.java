package io.polder.governance;

import java.util.Objects;

/**
 * Which products a policy or an exemption governs: all of them (global, set by the governance group in the
 * mesh's {@code policies/}) or those of one domain (set in {@code <domain>/policies/}, or by the governance
 * group for one domain).
 *
 * @param domain the domain id, or null for global
 */
public record PolicyScope(String domain) {
    public static final String GLOBAL_NAME = "global";
    private static final PolicyScope GLOBAL = new PolicyScope(null);

    public static PolicyScope global() {
        return GLOBAL;
    }

    public static PolicyScope domain(String domain) {
        return new PolicyScope(Objects.requireNonNull(domain, "domain is null"));
    }

    /** Reads {@code global} or a domain id, as written in a policy's {@code scope}. */
    public static PolicyScope parse(String written) {
        return GLOBAL_NAME.equals(written) ? GLOBAL : domain(written);
    }

    public boolean isGlobal() {
        return domain == null;
    }

    /** Whether a product of {@code productDomain} is governed by this scope. */
    public boolean covers(String productDomain) {
        return domain == null || domain.equals(productDomain);
    }

    @Override
    public String toString() {
        return domain == null ? GLOBAL_NAME : domain;
    }
}
