package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Severity;
import io.polder.model.source.Position;
import io.polder.registry.apply.Plan;
import io.polder.registry.governance.GovernanceReport;
import io.polder.registry.governance.ProductPolicies;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What {@code plan} and {@code apply} share: read and check the folder, upload it, and print the problems
 * either side found as {@code FILE:LINE:COLUMN: message}, with file names as the user typed the folder.
 */
final class MeshUpload {
    private MeshUpload() {
    }

    /** The {@code DIR} of plan and apply, a picocli mixin: the mesh folder they upload, and how. */
    static final class Folder {
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        @Parameters(paramLabel = "DIR", description = "The mesh folder (the one with mesh.yaml).")
        String dir;

        /**
         * Uploads the folder to {@code path}, prints the server's plan as {@code mode} says, and returns the exit
         * code: 1 when an error-level policy fails (see {@link #policyExitCode}), else 0.
         */
        int upload(PolderClient client, String path, PolderClient.Query query, PlanPrinter.Mode mode) {
            PrintWriter err = command.commandLine().getErr();
            Plan plan = send(client, path, query, dir, err);
            PlanPrinter.print(plan, mode, command.commandLine().getOut(), dir);
            return policyExitCode(plan, mode == PlanPrinter.Mode.APPLIED, err);
        }
    }

    /**
     * Sends the mesh folder {@code display} to {@code path} and returns the server's plan.
     *
     * @throws PolderException INVALID_DOCUMENT (exit 1) after printing the problems, when the folder or the
     *                         server found errors
     */
    static Plan send(PolderClient client, String path, PolderClient.Query query, String display, PrintWriter err) {
        LocalMesh mesh = LocalMesh.read(Path.of(display), display);
        if (mesh.bundle() == null) {
            mesh.problems().forEach(problem -> err.println(problem.format()));
            throw new PolderException(ErrorCode.INVALID_DOCUMENT, display + ": "
                    + ValidateCommand.plural(mesh.errorCount(), "error") + "; nothing was sent to the server");
        }
        JsonNode body;
        try {
            body = client.upload(path, query, mesh.bundle()).body();
        } catch (PolderException e) {
            throw printedProblems(e, display, err);
        }
        Plan plan = readPlan(body);
        plan.warnings().forEach(warning -> err.println(display + ": warning: " + warning)); // sentences, not files
        return plan;
    }

    /**
     * 1 (and a line on {@code err}) when an error-level policy fails on a product: on an apply, when a product
     * was refused; on a plan, when any product fails, changed or not. Else 0.
     */
    static int policyExitCode(Plan plan, boolean applied, PrintWriter err) {
        GovernanceReport governance = plan.governance();
        if (applied && !governance.refused().isEmpty()) {
            err.println("polder: refused by policy: " + String.join(", ", governance.refused())
                    + "; the other products were applied. Fix the failures above (or record an exemption) and apply again");
            return ErrorCode.INVALID_DOCUMENT.exitCode();
        }
        if (!applied && governance.blocks()) {
            err.println("polder: an error-level policy fails on " + String.join(", ", governance.blocked().stream()
                    .map(ProductPolicies::product).toList()) + (governance.refused().isEmpty() ? ""
                    : "; apply would refuse " + String.join(", ", governance.refused())));
            return ErrorCode.INVALID_DOCUMENT.exitCode();
        }
        return 0;
    }

    /** A 422 from the server: print its problems the way validate does, then fail with exit code 1. */
    static PolderException printedProblems(PolderException error, String display, PrintWriter err) {
        return printedProblems(error, relative -> located(display, relative), display + "; nothing was changed", err);
    }

    /**
     * A 422 from the server, its problems' files named by {@code locate} (from the name the server gives them):
     * print them the way validate does, then fail with exit code 1, saying they were found in {@code where}.
     */
    static PolderException printedProblems(PolderException error, UnaryOperator<String> locate, String where,
            PrintWriter err) {
        if (error.code() != ErrorCode.INVALID_DOCUMENT || !(error.details().get("problems") instanceof List<?> listed)) {
            return error;
        }
        List<Problem> problems = new ArrayList<>();
        for (Object item : listed) {
            problems.add(problem(PolderClient.JSON.valueToTree(item), locate));
        }
        problems.forEach(problem -> err.println(problem.format()));
        long errors = problems.stream().filter(Problem::isError).count();
        return new PolderException(ErrorCode.INVALID_DOCUMENT, "the server found "
                + ValidateCommand.plural(errors, "error") + " in " + where);
    }

    private static Problem problem(JsonNode node, UnaryOperator<String> locate) {
        Severity severity = "warning".equals(node.path("severity").asText()) ? Severity.WARNING : Severity.ERROR;
        return new Problem(locate.apply(node.path("file").asText("")),
                new Position(Math.max(1, node.path("line").asInt(1)), Math.max(1, node.path("column").asInt(1))),
                node.path("pointer").asText(""), severity, node.path("message").asText(""));
    }

    /** A file named relative to the mesh root (as the server names it), named as the user typed the folder. */
    static String located(String display, String relative) {
        if (display.isEmpty() || display.equals(".")) {
            return relative;
        }
        return display.endsWith("/") ? display + relative : display + "/" + relative;
    }

    private static Plan readPlan(JsonNode body) {
        try {
            return PolderClient.JSON.treeToValue(body, Plan.class);
        } catch (Exception e) {
            throw new PolderException(ErrorCode.INTERNAL, "the server's answer is not a plan: " + e.getMessage());
        }
    }
}
