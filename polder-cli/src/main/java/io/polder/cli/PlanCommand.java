package io.polder.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code polder plan}: what applying a mesh folder would change, changing nothing. */
@Command(name = "plan",
        header = "Shows what `polder apply DIR` would change, and changes nothing.",
        description = {
            "Shows what `polder apply DIR` would change in the registry, and changes nothing.",
            "",
            "The folder is first checked here exactly as `polder validate` checks it; then it is sent to",
            "the server, which checks it again and compares it with what it holds. One line per change,",
            "grouped per product, with the reason:",
            "  + added   ~ changed (1.2.0 -> 1.3.0)   ! deprecated   - retired",
            "When nothing would change it prints exactly: No changes.",
            "",
            "The policies (global ones in DIR/policies/, each domain's in DIR/<domain>/policies/) travel",
            "with the folder; the server compiles them and evaluates every product. Then, per product,",
            "how many policies passed, warned, failed, could not be evaluated or were exempted, and every",
            "finding as FILE:LINE:COLUMN: outcome: message [policy id]. A product that would change and",
            "that an error-level policy fails on would be refused by apply.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder plan examples/mesh",
            "  polder plan examples/mesh --prune     # also retire the products the folder no longer declares",
            "",
            "The server and token come from --server/--token or POLDER_SERVER/POLDER_TOKEN.",
            "Exit codes: 0 planned, 1 the folder has problems (printed as FILE:LINE:COLUMN: message) or an",
            "error-level policy fails on a product, 2 wrong usage, 4 conflict (a published version changed),",
            "5 no or insufficient token, 10 server unreachable."
        },
        mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {
    @Mixin
    ServerOptions serverOptions;

    @Mixin
    MeshUpload.Folder mesh;

    @Option(names = "--prune", description = "Plan to retire the products the registry holds and the folder no longer declares.")
    boolean prune;

    @Override
    public Integer call() {
        return mesh.upload(serverOptions.client(), PolderClient.path("plan"),
                PolderClient.Query.none().with("prune", prune), PlanPrinter.Mode.PLAN);
    }
}
