package io.polder.server.api;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.polder.error.ErrorCode;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.ApiToken;
import io.polder.registry.auth.CreatedToken;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Role;
import io.polder.registry.auth.TokenService;
import io.polder.server.http.Access;
import io.polder.server.http.InvalidRequest;
import io.polder.server.http.JsonBodies;
import io.polder.server.http.Requests;
import io.polder.server.http.Returns;
import io.polder.server.http.Route;
import java.time.Duration;
import java.util.List;

/** API tokens: only a platform-admin creates, lists and revokes them. Secrets appear once, in the creation's answer. */
public final class TokenRoutes {
    private static final Access MANAGE = Access.requires(Action.MANAGE_TOKENS);
    /** A hundred years: longer is a mistake, and would overflow the expiry time. */
    private static final int MAX_VALID_FOR_DAYS = 36_500;

    private final TokenService tokens;
    private final JsonBodies bodies;

    public TokenRoutes(TokenService tokens, JsonBodies bodies) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.bodies = requireNonNull(bodies, "bodies is null");
    }

    /**
     * The body of a token creation.
     *
     * @param role platform-admin, governance, domain-owner (with domain), member (with team) or consumer; the domain
     *             or team must be in the registry
     * @param validForDays how many days it works; null for a token that does not expire
     */
    public record TokenRequest(String name, String role, String domain, String team, Integer validForDays) {
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/api/v1/tokens").operation("listTokens", "List API tokens (never their secrets)")
                        .access(MANAGE).pageOf(ApiToken.class)
                        .handler(ctx -> ctx.json(tokens.list(Requests.principal(ctx), Requests.page(ctx)))),
                Route.post("/api/v1/tokens").operation("createToken", "Create an API token; its secret is shown once;"
                                + " 404 when the domain of a domain-owner or the team of a member is not in the registry")
                        .access(MANAGE).body(TokenRequest.class).returns(Returns.json(201, CreatedToken.class))
                        .errors(ErrorCode.NOT_FOUND).handler(this::create),
                Route.get("/api/v1/tokens/{id}").operation("getToken", "One API token").access(MANAGE)
                        .returns(Returns.json(200, ApiToken.class))
                        .handler(ctx -> ctx.json(tokens.get(Requests.principal(ctx), ctx.pathParam("id")))),
                Route.delete("/api/v1/tokens/{id}").operation("revokeToken", "Revoke an API token; it stops working at once")
                        .access(MANAGE).returns(Returns.json(200, ApiToken.class))
                        .handler(ctx -> ctx.json(tokens.revoke(Requests.principal(ctx), ctx.pathParam("id")))));
    }

    private void create(Context ctx) {
        TokenRequest request = bodies.read(ctx, TokenRequest.class);
        NewToken token = InvalidRequest.checking(() -> new NewToken(request.name(), Role.parse(request.role()),
                request.domain(), request.team(), validFor(request.validForDays())));
        ctx.status(201).json(tokens.create(Requests.principal(ctx), token));
    }

    private static Duration validFor(Integer days) {
        if (days == null) {
            return null;
        }
        if (days < 1 || days > MAX_VALID_FOR_DAYS) {
            throw InvalidRequest.badArgument("validForDays must be between 1 and " + MAX_VALID_FOR_DAYS + ", found " + days);
        }
        return Duration.ofDays(days);
    }
}
