package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder token create|list|revoke}: API tokens, for platform admins. */
@Command(name = "token",
        header = "Creates, lists and revokes API tokens.",
        description = {
            "Creates, lists and revokes API tokens (needs a platform-admin token).",
            "",
            "A token carries one role: platform-admin (everything), governance (reads everything,",
            "including the audit log), domain-owner (publishes and changes the products of one domain;",
            "needs --domain), member (of one team; needs --team) or consumer (reads the catalog).",
            "The server keeps only a hash of each token: the secret is shown once, when it is created.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder token create --name ci-sales --role domain-owner --domain sales",
            "  export POLDER_TOKEN=$(polder token create --name alice --role consumer --days 30)",
            "  polder token list",
            "  polder token revoke 01jq3z8k6w2v0rsm4tcx9e5n7b"
        },
        mixinStandardHelpOptions = true,
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to do: create, list or revoke");
    }

    @Command(name = "create",
            header = "Creates a token and prints it on the last line.",
            description = {
                "Creates a token and prints it, alone, on the last line of standard output (the details go",
                "to standard error), so that $(polder token create ...) captures just the token.",
                ""
            },
            footer = {
                "",
                "Examples:",
                "  polder token create --name ci-sales --role domain-owner --domain sales",
                "  polder token create --name dashboards --role consumer --days 365",
                "  polder token create --name auditor --role governance --no-expiry",
                "",
                "Exit codes: 0 created, 2 wrong usage (such as --domain for a role other than domain-owner),",
                "3 no such domain or team in the registry, 5 not allowed (needs a platform-admin token), 10",
                "server unreachable."
            },
            mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions serverOptions;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Who or what uses it; recorded as the principal in the audit log.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "platform-admin, governance, domain-owner, member or consumer.")
        String role;

        @Option(names = "--domain", paramLabel = "DOMAIN", description = "The domain a domain-owner owns; it must be in the registry (`polder get domains`).")
        String domain;

        @Option(names = "--team", paramLabel = "TEAM", description = "The team a member belongs to; it must be in the registry (`polder get teams`).")
        String team;

        @Option(names = "--days", paramLabel = "N", defaultValue = "90", description = "Valid for N days (default 90).")
        int days;

        @Option(names = "--no-expiry", description = "Valid until revoked.")
        boolean noExpiry;

        @Override
        public Integer call() {
            if (!noExpiry && days < 1) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "--days must be at least 1, found " + days
                        + " (use --no-expiry for a token that does not expire)");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("role", role);
            body.put("domain", domain);
            body.put("team", team);
            body.put("validForDays", noExpiry ? null : days);
            JsonNode created = serverOptions.client().post(PolderClient.path("tokens"), body).body();
            JsonNode token = created.path("token");
            PrintWriter err = spec.commandLine().getErr();
            err.println("Created token " + token.path("id").asText() + " for " + describe(token) + ", "
                    + expiry(token) + ".");
            err.println("It is shown only this once: keep it in a secret store.");
            err.flush();
            PrintWriter out = spec.commandLine().getOut();
            out.println(created.path("secret").asText());
            out.flush();
            return 0;
        }
    }

    @Command(name = "list", description = {"Lists the tokens (never their secrets), including revoked and expired ones.", ""},
            header = "Lists the tokens, never their secrets.",
            footer = {"", "Examples:", "  polder token list", "  polder token list -o json", "",
                "Exit codes: 0 listed, 2 wrong usage, 5 not allowed (needs a platform-admin token), 10 server",
                "unreachable."},
            mixinStandardHelpOptions = true)
    static final class ListTokens implements Callable<Integer> {
        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Tabular output;

        @Option(names = "--limit", paramLabel = "N", description = "At most N tokens (default: all).")
        Integer limit;

        @Override
        public Integer call() {
            List<JsonNode> tokens = Listing.read(serverOptions.client(), PolderClient.path("tokens"),
                    PolderClient.Query.none(), limit);
            // with no tokens, the header alone
            output.print(Listing.array(tokens), out -> {
                Table table = new Table("ID", "NAME", "ROLE", "SCOPE", "CREATED", "EXPIRES", "REVOKED");
                tokens.forEach(token -> table.row(Listing.text(token, "id"), Listing.text(token, "name"),
                        Listing.text(token, "role"), scope(token), Times.field(token, "createdAt"),
                        Times.field(token, "expiresAt"), Times.field(token, "revokedAt")));
                table.print(out);
            });
            return 0;
        }
    }

    @Command(name = "revoke", description = {"Revokes a token: it stops working at once.", ""},
            header = "Revokes a token: it stops working at once.",
            footer = {"", "Example:", "  polder token revoke 01jq3z8k6w2v0rsm4tcx9e5n7b", "",
                "Revoking a token that is revoked already changes nothing: it says when it was revoked, and exits 0.",
                "Exit codes: 0 revoked, 2 wrong usage (such as an id that is not a token id), 3 no such token,",
                "5 not allowed (needs a platform-admin token), 10 server unreachable."},
            mixinStandardHelpOptions = true)
    static final class Revoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions serverOptions;

        @Parameters(paramLabel = "ID", description = "The token's id (see `polder token list`).")
        String id;

        @Override
        public Integer call() {
            PolderClient client = serverOptions.client();
            JsonNode known = client.get(PolderClient.path("tokens", id)).body();
            if (!known.path("revokedAt").asText("").isEmpty()) {
                spec.commandLine().getOut().println("Token " + known.path("id").asText(id) + " (" + describe(known)
                        + ") was already revoked (at " + Times.field(known, "revokedAt") + "); nothing changed.");
                spec.commandLine().getOut().flush();
                return 0;
            }
            JsonNode token = client.delete(PolderClient.path("tokens", id)).body();
            spec.commandLine().getOut().println("Revoked token " + token.path("id").asText(id) + " ("
                    + describe(token) + ").");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private static String describe(JsonNode token) {
        String scope = scope(token);
        return "'" + token.path("name").asText() + "', role " + token.path("role").asText()
                + (scope.isEmpty() ? "" : " of " + scope);
    }

    private static String scope(JsonNode token) {
        String domain = Listing.text(token, "domain");
        String team = Listing.text(token, "team");
        return !team.isEmpty() ? "team " + team : !domain.isEmpty() ? "domain " + domain : "";
    }

    private static String expiry(JsonNode token) {
        String expires = Times.field(token, "expiresAt");
        return expires.isEmpty() ? "valid until revoked" : "valid until " + expires;
    }
}
