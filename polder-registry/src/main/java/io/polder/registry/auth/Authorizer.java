package io.polder.registry.auth;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that says which role may do what:
 *
 * <table>
 *   <caption>actions and the roles allowed to take them</caption>
 *   <tr><th>action</th><th>allowed</th></tr>
 *   <tr><td>read</td><td>every role</td></tr>
 *   <tr><td>apply-product (domain)</td><td>platform-admin; domain-owner of that domain</td></tr>
 *   <tr><td>apply-mesh-config</td><td>platform-admin</td></tr>
 *   <tr><td>change-lifecycle (domain)</td><td>platform-admin; domain-owner of that domain</td></tr>
 *   <tr><td>manage-tokens</td><td>platform-admin</td></tr>
 *   <tr><td>read-audit</td><td>platform-admin; governance</td></tr>
 *   <tr><td>apply-global-policies</td><td>platform-admin; governance</td></tr>
 *   <tr><td>apply-domain-policies (domain)</td><td>platform-admin; domain-owner of that domain</td></tr>
 *   <tr><td>preview-policies</td><td>platform-admin; governance; domain-owner</td></tr>
 *   <tr><td>record-compliance</td><td>platform-admin; governance</td></tr>
 *   <tr><td>build-product (domain, team)</td><td>platform-admin; domain-owner of that domain; member of the
 *   team that owns the product ({@link #requireBuild})</td></tr>
 *   <tr><td>request-access</td><td>every role</td></tr>
 *   <tr><td>decide-access (domain)</td><td>platform-admin; an owner of the port's product: domain-owner of its
 *   domain or member of its owning team ({@link #requireDecide})</td></tr>
 *   <tr><td>read-access</td><td>every role (each sees its own requests and grants and those of its ports)</td></tr>
 *   <tr><td>maintain-access</td><td>platform-admin (the server's own job acts as one)</td></tr>
 *   <tr><td>query-data</td><td>every role (what a query may read is decided per query, by the grants)</td></tr>
 *   <tr><td>read-usage</td><td>every role (platform-admin and governance see every query, a product's owners
 *   its queries, everyone else their own)</td></tr>
 *   <tr><td>send-bundle</td><td>platform-admin; domain-owner; governance (the gate of plan and apply; each change
 *   in the bundle needs its own action above)</td></tr>
 * </table>
 *
 * <p>Reading the policies in force and the compliance view is {@code read}: the rules of the mesh and how
 * its products meet them are as open as the catalog they are about.
 *
 * <p>A refusal is a {@link PolderException} with {@link ErrorCode#FORBIDDEN} naming the action and the
 * role it needs, and {@link #require} records it in the audit log.
 */
public final class Authorizer {
    private final AuditLog audit;

    public Authorizer(AuditLog audit) {
        this.audit = requireNonNull(audit, "audit is null");
    }

    /** Whether {@code principal} may take {@code action} (in {@code domain}, for a domain-scoped action). */
    public static boolean allows(Principal principal, Action action, String domain) {
        requireScope(action, domain);
        return switch (action) {
            case READ -> true;
            case APPLY_PRODUCT, CHANGE_LIFECYCLE, APPLY_DOMAIN_POLICIES -> principal.role() == Role.PLATFORM_ADMIN
                    || principal.role() == Role.DOMAIN_OWNER && principal.domain().equals(domain);
            case APPLY_MESH_CONFIG, MANAGE_TOKENS -> principal.role() == Role.PLATFORM_ADMIN;
            case READ_AUDIT, RECORD_COMPLIANCE, APPLY_GLOBAL_POLICIES -> principal.role() == Role.PLATFORM_ADMIN
                    || principal.role() == Role.GOVERNANCE;
            case PREVIEW_POLICIES -> principal.role() == Role.PLATFORM_ADMIN || principal.role() == Role.GOVERNANCE
                    || principal.role() == Role.DOMAIN_OWNER;
            // a member passes this gate; requireBuild then checks that the member's team owns the product
            case BUILD_PRODUCT -> principal.role() == Role.PLATFORM_ADMIN || principal.role() == Role.MEMBER
                    || principal.role() == Role.DOMAIN_OWNER && principal.domain().equals(domain);
            case REQUEST_ACCESS, READ_ACCESS -> true;
            // governance reads but never decides; for the others requireDecide checks ownership of the product
            case DECIDE_ACCESS -> principal.role() != Role.GOVERNANCE;
            case MAINTAIN_ACCESS -> principal.role() == Role.PLATFORM_ADMIN;
            case QUERY_DATA, READ_USAGE -> true;
            case SEND_BUNDLE -> principal.role() == Role.PLATFORM_ADMIN || principal.role() == Role.DOMAIN_OWNER
                    || principal.role() == Role.GOVERNANCE;
        };
    }

    /** Who may take {@code action}, as refusals say it. */
    public static String allowedRoles(Action action, String domain) {
        return switch (action) {
            case READ -> "any role";
            case APPLY_PRODUCT, CHANGE_LIFECYCLE, APPLY_DOMAIN_POLICIES -> "platform-admin or domain-owner of '"
                    + domain + "'";
            case APPLY_MESH_CONFIG, MANAGE_TOKENS -> "platform-admin";
            case READ_AUDIT, RECORD_COMPLIANCE, APPLY_GLOBAL_POLICIES -> "platform-admin or governance";
            case PREVIEW_POLICIES -> "platform-admin, governance or domain-owner";
            case BUILD_PRODUCT -> "platform-admin, domain-owner of '" + domain + "' or a member of the owning team";
            case REQUEST_ACCESS, READ_ACCESS -> "any role";
            case DECIDE_ACCESS -> "platform-admin, domain-owner of '" + domain + "' or a member of the owning team";
            case MAINTAIN_ACCESS -> "platform-admin";
            case QUERY_DATA, READ_USAGE -> "any role";
            case SEND_BUNDLE -> "platform-admin, domain-owner or governance";
        };
    }

    /**
     * Who may take {@code action} on a product of {@code domain} owned by {@code team}, as refusals say it: as
     * {@link #allowedRoles(Action, String)}, naming the team where the action admits its members.
     */
    public static String allowedRoles(Action action, String domain, String team) {
        if (team != null && (action == Action.BUILD_PRODUCT || action == Action.DECIDE_ACCESS)) {
            return "platform-admin, domain-owner of '" + domain + "' or a member of the owning team '" + team + "'";
        }
        return allowedRoles(action, domain);
    }

    /**
     * Passes when {@code principal} may build (or test) a product of {@code domain} owned by {@code team}
     * (null when it names none): a platform-admin, the domain's owner, or a member of that team. Otherwise
     * records the refusal against {@code target} and throws it.
     */
    public void requireBuild(Principal principal, String domain, String team, String target) {
        requireNonNull(principal, "principal is null");
        boolean member = principal.role() == Role.MEMBER;
        Optional<PolderException> refused = member && !principal.team().equals(team)
                ? Optional.of(new PolderException(ErrorCode.FORBIDDEN, Action.BUILD_PRODUCT.value() + " in domain '"
                        + domain + "' needs " + allowedRoles(Action.BUILD_PRODUCT, domain, team) + "; '"
                        + principal.name() + "' is " + principal.describeRole(), Map.of("action",
                        Action.BUILD_PRODUCT.value(), "requiredRole", allowedRoles(Action.BUILD_PRODUCT, domain, team)),
                        null))
                : member ? Optional.empty() : refusal(principal, Action.BUILD_PRODUCT, domain);
        if (refused.isPresent()) {
            recordDenied(principal, Action.BUILD_PRODUCT, target, refused.get());
            throw refused.get();
        }
    }

    /**
     * Whether {@code principal} may decide on access to a port of a product of {@code domain} (approve, reject,
     * revoke): what {@link #requireDecide} checks, without recording anything; {@code owner} as there.
     */
    public static boolean allowsDecide(Principal principal, String domain, boolean owner) {
        return principal.role() == Role.PLATFORM_ADMIN || owner && allows(principal, Action.DECIDE_ACCESS, domain);
    }

    /**
     * Passes when {@code principal} may decide on access to a port of a product of {@code domain}: a
     * platform-admin, or an owner of the product ({@code owner}: the caller found the principal to be the
     * domain's owner or a member of the owning team). Otherwise records the refusal against {@code target} and
     * throws it.
     */
    public void requireDecide(Principal principal, String domain, boolean owner, String target) {
        requireNonNull(principal, "principal is null");
        if (allowsDecide(principal, domain, owner)) {
            return;
        }
        PolderException refused = new PolderException(ErrorCode.FORBIDDEN, Action.DECIDE_ACCESS.value()
                + " in domain '" + domain + "' needs " + allowedRoles(Action.DECIDE_ACCESS, domain) + "; '"
                + principal.name() + "' is " + principal.describeRole(), Map.of("action", Action.DECIDE_ACCESS.value(),
                "requiredRole", allowedRoles(Action.DECIDE_ACCESS, domain)), null);
        recordDenied(principal, Action.DECIDE_ACCESS, target, refused);
        throw refused;
    }

    /**
     * The refusal {@code principal} would meet, without recording it: for checks inside a transaction,
     * whose caller records the refusal after rolling back.
     */
    public static Optional<PolderException> refusal(Principal principal, Action action, String domain) {
        if (allows(principal, action, domain)) {
            return Optional.empty();
        }
        String where = action.domainScoped() ? " in domain '" + domain + "'" : "";
        return Optional.of(new PolderException(ErrorCode.FORBIDDEN, action.value() + where + " needs "
                + allowedRoles(action, domain) + "; '" + principal.name() + "' is " + principal.describeRole(),
                Map.of("action", action.value(), "requiredRole", allowedRoles(action, domain)), null));
    }

    /**
     * Passes when {@code principal} may take the unscoped {@code action}; otherwise records the refusal
     * against {@code target} and throws it.
     */
    public void require(Principal principal, Action action, String target) {
        require(principal, action, null, target);
    }

    /** Passes when {@code principal} may take {@code action} in {@code domain}; otherwise records and throws. */
    public void require(Principal principal, Action action, String domain, String target) {
        requireNonNull(principal, "principal is null");
        Optional<PolderException> refused = refusal(principal, action, domain);
        if (refused.isPresent()) {
            recordDenied(principal, action, target, refused.get());
            throw refused.get();
        }
    }

    /** Records a refusal found elsewhere (see {@link #refusal}). */
    public void recordDenied(Principal principal, Action action, String target, PolderException refusal) {
        audit.record(principal, action, target, AuditOutcome.DENIED, Map.of("reason", refusal.getMessage()));
    }

    private static void requireScope(Action action, String domain) {
        if (action.domainScoped() && domain == null) {
            throw new IllegalArgumentException(action + " is checked against a domain; none was given");
        }
    }
}
