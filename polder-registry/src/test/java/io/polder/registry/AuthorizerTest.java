package io.polder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The authorization matrix, one principal of each role against every action. */
class AuthorizerTest {
    private static final Principal ADMIN = Principal.platformAdmin("admin");
    private static final Principal GOVERNANCE = Principal.governance("gov");
    private static final Principal SALES_OWNER = Principal.domainOwner("owner", "sales");
    private static final Principal MEMBER = Principal.member("member", "sales-order-team");
    private static final Principal CONSUMER = Principal.consumer("consumer");
    private static final List<Principal> EVERYONE = List.of(ADMIN, GOVERNANCE, SALES_OWNER, MEMBER, CONSUMER);

    private static Set<Principal> allowed(Action action, String domain) {
        return Set.copyOf(EVERYONE.stream().filter(principal -> Authorizer.allows(principal, action, domain)).toList());
    }

    @Test
    void everyActionIsAllowedToExactlyItsRoles() {
        assertThat(allowed(Action.READ, null)).containsExactlyInAnyOrderElementsOf(EVERYONE);
        assertThat(allowed(Action.APPLY_PRODUCT, "sales")).containsExactlyInAnyOrder(ADMIN, SALES_OWNER);
        assertThat(allowed(Action.APPLY_PRODUCT, "finance")).containsExactly(ADMIN);
        assertThat(allowed(Action.CHANGE_LIFECYCLE, "sales")).containsExactlyInAnyOrder(ADMIN, SALES_OWNER);
        assertThat(allowed(Action.CHANGE_LIFECYCLE, "finance")).containsExactly(ADMIN);
        assertThat(allowed(Action.APPLY_MESH_CONFIG, null)).containsExactly(ADMIN);
        assertThat(allowed(Action.MANAGE_TOKENS, null)).containsExactly(ADMIN);
        assertThat(allowed(Action.READ_AUDIT, null)).containsExactlyInAnyOrder(ADMIN, GOVERNANCE);
        assertThat(allowed(Action.QUERY_DATA, null)).as("what a query reads, grants decide").containsExactlyInAnyOrderElementsOf(EVERYONE);
        assertThat(allowed(Action.READ_USAGE, null)).as("which usage, the usage service decides").containsExactlyInAnyOrderElementsOf(EVERYONE);
    }

    @Test
    void aRefusalNamesTheActionTheRoleNeededAndTheRoleHeld() {
        PolderException refusal = Authorizer.refusal(SALES_OWNER, Action.APPLY_PRODUCT, "finance").orElseThrow();
        assertThat(refusal.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal.getMessage()).isEqualTo("apply-product in domain 'finance' needs platform-admin or"
                + " domain-owner of 'finance'; 'owner' is domain-owner of 'sales'");
        assertThat(Authorizer.refusal(MEMBER, Action.READ_AUDIT, null).orElseThrow().getMessage())
                .isEqualTo("read-audit needs platform-admin or governance; 'member' is member of team 'sales-order-team'");
        assertThat(Authorizer.refusal(ADMIN, Action.MANAGE_TOKENS, null)).isEmpty();
    }

    @Test
    void aDomainScopedActionMustNameItsDomain() {
        for (Action action : EnumSet.of(Action.APPLY_PRODUCT, Action.CHANGE_LIFECYCLE)) {
            assertThatThrownBy(() -> Authorizer.allows(ADMIN, action, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void principalsMustCarryTheScopeTheirRoleNeedsAndNoOther() {
        assertThatThrownBy(() -> new Principal("x", Role.DOMAIN_OWNER, null, null)).isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> new Principal("x", Role.MEMBER, null, null)).isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> new Principal("x", Role.CONSUMER, "sales", null)).isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> new Principal("x", Role.GOVERNANCE, null, "team")).isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> new Principal("x", Role.DOMAIN_OWNER, "../sales", null)).isInstanceOf(PolderException.class);
        assertThatThrownBy(() -> new Principal("bad name", Role.CONSUMER, null, null)).isInstanceOf(PolderException.class);
        assertThat(Role.parse("domain-owner")).isEqualTo(Role.DOMAIN_OWNER);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("platform-admin, governance, domain-owner,"
                + " member, consumer");
    }
}
