package io.polder.registry.auth;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a principal asks to do. Some actions are scoped to a domain; {@link Authorizer} says who may. */
public enum Action {
    /** Read the catalog: domains, teams, products, contracts, ports. */
    READ("read", false),
    /** Publish or change a product (and its contracts) of a domain. */
    APPLY_PRODUCT("apply-product", true),
    /** Change domains, teams and their members (mesh.yaml). */
    APPLY_MESH_CONFIG("apply-mesh-config", false),
    /** Move a product of a domain through its lifecycle (and retire it by pruning). */
    CHANGE_LIFECYCLE("change-lifecycle", true),
    /** Create, list and revoke API tokens. */
    MANAGE_TOKENS("manage-tokens", false),
    /** Read the audit log. */
    READ_AUDIT("read-audit", false),
    /** Add, change or remove global policy files (the mesh's policies/): the governance group's. */
    APPLY_GLOBAL_POLICIES("apply-global-policies", false),
    /** Add, change or remove a domain's policy files (its policies/ folder). */
    APPLY_DOMAIN_POLICIES("apply-domain-policies", true),
    /** Evaluate candidate policies against the current products, changing nothing. */
    PREVIEW_POLICIES("preview-policies", false),
    /** Evaluate the current products against the policies in force and record a compliance snapshot. */
    RECORD_COMPLIANCE("record-compliance", false),
    /** Build a product of a domain, or run its contract ({@code polder build}, {@code polder test}). */
    BUILD_PRODUCT("build-product", true),
    /** Ask for access to an output port, for oneself or one's team. */
    REQUEST_ACCESS("request-access", false),
    /** Approve or reject a request for a port, or revoke a grant on it (the port's owners; see {@link Authorizer#requireDecide}). */
    DECIDE_ACCESS("decide-access", true),
    /** List access requests and grants (each principal sees its own and those of the ports it owns). */
    READ_ACCESS("read-access", false),
    /** Record reminders of expiring grants and the expiry of grants (the platform's own periodic job). */
    MAINTAIN_ACCESS("maintain-access", false),
    /** Query output ports through the gateway; which ports is the grants' decision, made per query. */
    QUERY_DATA("query-data", false),
    /** Read the gateway's usage log; who sees which queries is the usage service's decision. */
    READ_USAGE("read-usage", false),
    /**
     * Send a mesh bundle to plan or apply: the gate of {@code /api/v1/plan} and {@code /api/v1/apply}, open to
     * every role that may apply something. Each change in the bundle is then checked on its own
     * ({@link #APPLY_PRODUCT}, {@link #APPLY_MESH_CONFIG}, {@link #APPLY_GLOBAL_POLICIES}, ...).
     */
    SEND_BUNDLE("send-bundle", false);

    private final String value;
    private final boolean domainScoped;

    Action(String value, boolean domainScoped) {
        this.value = value;
        this.domainScoped = domainScoped;
    }

    /** The spelling used in messages and in the audit log. */
    @JsonValue
    public String value() {
        return value;
    }

    /** Whether the action concerns one domain, which must then be named when it is checked. */
    public boolean domainScoped() {
        return domainScoped;
    }

    @Override
    public String toString() {
        return value;
    }
}
