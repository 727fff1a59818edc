package io.polder.cli;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code polder apply}: makes the registry hold what a mesh folder declares. */
@Command(name = "apply",
        header = "Makes the registry hold what a mesh folder declares.",
        description = {
            "Makes the registry hold what the mesh folder declares: publishes new products and new",
            "versions, updates domains and teams, deprecates and retires what the documents say.",
            "",
            "The folder is checked here first, then by the server. Each product is applied in a",
            "transaction of its own; applying the same folder again changes nothing (No changes.), and",
            "after an interruption it completes what was left. Published versions are immutable: a version",
            "published again with other content is refused (exit 4); raise the version instead.",
            "",
            "Policies: the folder's policy files replace the ones in force (global ones need a",
            "platform-admin token, a domain's its owner's). Every product is evaluated against them; a",
            "product that would change and that an error-level policy fails on is refused (shown as",
            "x product ..., with each failure and its fix), the other products go through.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder apply examples/mesh",
            "  polder apply examples/mesh --dry-run           # the same as polder plan",
            "  polder apply examples/mesh --product sales-orders --product sales-daily-revenue",
            "  polder apply examples/mesh --prune             # retire what the folder no longer declares",
            "",
            "The server and token come from --server/--token or POLDER_SERVER/POLDER_TOKEN.",
            "Exit codes: 0 applied, 1 the folder has problems (printed as FILE:LINE:COLUMN: message) or a",
            "product was refused by policy, 2 wrong usage, 3 a --product the folder does not declare, 4 conflict,",
            "5 no or insufficient token, 10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    ServerOptions serverOptions;

    @Mixin
    MeshUpload.Folder mesh;

    @Option(names = "--prune", description = "Retire the products the registry holds and the folder no longer declares.")
    boolean prune;

    @Option(names = "--dry-run", description = "Only show what would change.")
    boolean dryRun;

    @Option(names = "--product", paramLabel = "ID",
            description = "Apply only this product (repeatable); the folder is still checked whole.")
    List<String> products;

    @Override
    public Integer call() {
        if (prune && products != null && !products.isEmpty()) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT,
                    "--prune applies to the whole mesh; it cannot be combined with --product");
        }
        PolderClient.Query query = PolderClient.Query.none().with("prune", prune).with("dryRun", dryRun)
                .withAll("product", products);
        return mesh.upload(serverOptions.client(), PolderClient.path("apply"), query,
                dryRun ? PlanPrinter.Mode.DRY_RUN : PlanPrinter.Mode.APPLIED);
    }
}
