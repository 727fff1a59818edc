package io.polder.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.CompiledPolicy;
import io.polder.governance.MeshSnapshot;
import io.polder.governance.PolicyEngine;
import io.polder.governance.PolicyLoad;
import io.polder.governance.PolicyLoader;
import io.polder.governance.PolicySet;
import io.polder.governance.PolicyTestReport;
import io.polder.governance.PolicyTester;
import io.polder.governance.Verdict;
import io.polder.model.problem.Problem;
import io.polder.model.validate.MeshLoader;
import io.polder.model.validate.Validator;
import io.polder.registry.governance.PolicyCheck;
import io.polder.registry.governance.PolicyPreview;
import io.polder.registry.governance.PreviewRequest;
import io.polder.registry.governance.ProductPolicies;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder policy preview|test}: trying policies before they are enabled, and the governance group's tests. */
@Command(name = "policy",
        header = "Previews and tests policies as code (CEL).",
        description = {
            "Works with policies as code: CEL rules that every product (or port, contract, schema object,",
            "property) must meet. Global policies live in MESH/policies/, a domain's in",
            "MESH/<domain>/policies/; `polder plan` and `polder apply` upload them with the mesh, and the",
            "server evaluates every product against them. See polder-governance/README.md for the format",
            "and the CEL variables.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder policy preview examples/mesh/policies/dependencies.yaml",
            "  polder policy test examples/mesh/policies"
        },
        mixinStandardHelpOptions = true,
        subcommands = {PolicyCommand.Preview.class, PolicyCommand.Test.class})
final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to do: preview or test");
    }

    @Command(name = "preview",
            header = "Shows which current products a policy file would fail, before it is enabled.",
            description = {
                "Shows which current products would fail, warn on or not be evaluable by the policies of FILE,",
                "before they are enabled. Changes nothing.",
                "",
                "With a server configured (--server, POLDER_SERVER, a token, or ./polder-data/admin.token) the",
                "server evaluates the registry's current products, with the policies in force and its facts",
                "(consumers, deprecations). Without one, or with --local, the products of the mesh folder FILE",
                "lies in are evaluated here. The first line says which. A policy with the id of one in force",
                "is previewed as its new version. Needs a platform-admin, governance or domain-owner token.",
                ""
            },
            footer = {
                "",
                "Examples:",
                "  polder policy preview examples/mesh/policies/dependencies.yaml",
                "  polder policy preview examples/mesh/customer/policies/personal-data.yaml -o json",
                "  polder policy preview --local examples/mesh/policies/dependencies.yaml",
                "",
                "A new rule goes into a file of the mesh's policies/ (or a domain's) before it is previewed.",
                "PASSING counts the products a policy passes; NOT APPLICABLE those it does not apply to (of",
                "another domain than its scope, without its target, or excluded by its `when`). Each product's",
                "outcome follows, then the findings on the products a policy would fail, warn on or not evaluate.",
                "",
                "Exit codes: 0 previewed (whatever the products' outcomes), 1 the file has problems (printed as",
                "FILE:LINE:COLUMN: message), 2 wrong usage, 5 no or insufficient token, 10 server unreachable."
            },
            mixinStandardHelpOptions = true)
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions serverOptions;

        @Mixin
        OutputOption.Tabular output;

        @Parameters(paramLabel = "FILE", description = "A policy file (YAML or JSON, one or more documents).")
        String file;

        @Option(names = "--local", description = "Evaluate the mesh folder FILE lies in, here, even with a server configured.")
        boolean local;

        @Override
        public Integer call() {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "no such file: " + file);
            }
            Path mesh = meshRoot(path);
            PrintWriter err = spec.commandLine().getErr();
            PolicyPreview preview;
            String where;
            if (!local && serverOptions.configured()) {
                PolderClient client = serverOptions.client();
                String relative = mesh == null ? "policies/" + path.getFileName() : slashes(mesh.relativize(path.toAbsolutePath().normalize()));
                JsonNode body;
                try {
                    body = client.post(PolderClient.path("policies", "preview"), new PreviewRequest(relative, read(path)))
                            .body();
                } catch (PolderException e) {
                    // the file sent is named as the user typed it, wherever it lies (outside a mesh the server
                    // knows it as policies/NAME, a path the user never wrote)
                    throw MeshUpload.printedProblems(e, named -> named.equals(relative) ? file
                            : mesh == null ? named : MeshUpload.located(display(mesh), named),
                            file + "; nothing was previewed", err);
                }
                preview = PolderClient.JSON.convertValue(body, PolicyPreview.class);
                where = "Previewed against the registry at " + client.server() + ": " + preview.products()
                        + " current products";
            } else {
                if (mesh == null) {
                    throw new PolderException(ErrorCode.INVALID_ARGUMENT, file + " does not lie in a mesh folder (one with"
                            + " mesh.yaml) and no server is configured: set POLDER_SERVER (or --server) to preview against"
                            + " the registry");
                }
                preview = previewLocally(mesh, path, display(mesh), err);
                where = "Previewed locally against the mesh folder " + display(mesh)
                        + (local ? "" : " (no server configured)") + ": " + preview.products() + " products";
            }
            preview.warnings().forEach(err::println);
            output.print(PolderClient.JSON.valueToTree(preview), out -> print(preview, where, out));
            return 0;
        }

        private static PolicyPreview previewLocally(Path mesh, Path file, String meshDisplay, PrintWriter err) {
            PolicyEngine engine = new PolicyEngine();
            PolicyLoader loader = new PolicyLoader(engine);
            PolicyLoad candidates = loader.load(file, file.toString());
            requireNoErrors(candidates, err);
            List<CompiledPolicy> compiled = candidates.policySet().policies();
            if (compiled.isEmpty()) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, file + " holds no policy (`kind: Policy`) to preview");
            }
            PolicyLoad inForce = loader.load(mesh, meshDisplay);
            Set<String> ids = new HashSet<>();
            inForce.policySet().policies().forEach(policy -> ids.add(policy.id()));
            PolicySet combined = inForce.policySet().with(compiled).withExemptions(candidates.policySet().exemptions());
            MeshSnapshot products = MeshSnapshot.of(new Validator().loadMesh(mesh, meshDisplay));
            List<Verdict> verdicts = engine.evaluate(combined.only(compiled), products, Instant.now());
            return PolicyPreview.of("", compiled, ids, verdicts,
                    candidates.problems().stream().map(Problem::format).toList());
        }

        private static void print(PolicyPreview preview, String where, PrintWriter out) {
            out.println(where + ".");
            Table table = new Table("POLICY", "SEVERITY", "SCOPE", "PASSING", "FAILING", "WARNING", "ERRORS", "EXEMPTED",
                    "NOT APPLICABLE", "IN FORCE");
            preview.policies().forEach(policy -> table.row(policy.id(), policy.severity(), policy.scope(),
                    String.valueOf(policy.passing()), String.valueOf(policy.failing()), String.valueOf(policy.warning()),
                    String.valueOf(policy.erroring()), String.valueOf(policy.exempted()),
                    String.valueOf(policy.notApplicable()), policy.replaces() ? "replaced by this one" : "no"));
            table.print(out);
            out.println();
            Table products = new Table("PRODUCT", "DOMAIN", "POLICY", "OUTCOME").whole("PRODUCT", "POLICY");
            preview.outcomes().forEach(outcome -> products.row(outcome.product(), outcome.domain(), outcome.policy(),
                    shown(outcome)));
            products.print(out, "No product to evaluate.");
            out.println();
            if (preview.affected().isEmpty()) {
                out.println("No product would fail.");
                out.flush();
                return;
            }
            for (ProductPolicies product : preview.affected()) {
                for (PolicyCheck check : product.policies()) {
                    for (PolicyCheck.Finding finding : check.findings()) {
                        out.println(product.product() + " (" + product.domain() + "): " + check.outcome() + ": "
                                + finding.message() + " [policy " + check.policy() + "]"
                                + (finding.file().isEmpty() ? "" : " at " + finding.file()
                                        + (finding.line() > 0 ? ":" + finding.line() + ":" + finding.column() : "")));
                    }
                }
            }
            out.flush();
        }
    }

    /** An outcome as people read it: {@code not applicable (scope)} rather than {@code not-applicable}. */
    private static String shown(PolicyPreview.ProductOutcome outcome) {
        if (!outcome.outcome().equals(PolicyCheck.NOT_APPLICABLE)) {
            return outcome.outcome();
        }
        return "not applicable" + (outcome.reason() == null ? "" : " (" + switch (outcome.reason()) {
            case "scope" -> "its scope is another domain";
            case "target" -> "no instance of its target";
            case "when" -> "excluded by its when";
            default -> outcome.reason();
        } + ")");
    }

    @Command(name = "test",
            header = "Runs the policy tests of a mesh folder, without a server.",
            description = {
                "Runs the policy tests (`kind: PolicyTest` documents, usually in policies/tests/) found in DIR",
                "against the policies found there, here, without a server. DIR is a mesh folder (its",
                "policies/ and every <domain>/policies/), a policies folder or one file. A test holds one or",
                "more expectations (a policy's outcome on its product); each prints one line,",
                "FILE:LINE:COLUMN: ok|FAILED test \"name\": policy ID expected OUTCOME, and the last line",
                "counts them: N expectations passed, M failed (in T tests, against P policies).",
                ""
            },
            footer = {
                "",
                "Examples:",
                "  polder policy test examples/mesh/policies",
                "  polder policy test examples/mesh            # global and domain policies with their tests",
                "",
                "Exit codes: 0 every expectation passed, 1 one failed or a policy file has problems (printed as",
                "FILE:LINE:COLUMN: message), 2 wrong usage."
            },
            mixinStandardHelpOptions = true)
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "A mesh folder, a policies folder or a policy file.")
        String dir;

        @Override
        public Integer call() {
            Path path = Path.of(dir);
            if (!Files.exists(path)) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "no such file or folder: " + dir);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PolicyEngine engine = new PolicyEngine();
            PolicyLoad load = new PolicyLoader(engine).load(path, dir);
            requireNoErrors(load, err);
            load.problems().forEach(problem -> err.println(problem.format()));
            if (load.tests().isEmpty()) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, dir + " holds no policy test (`kind: PolicyTest`)");
            }
            PolicyTestReport report = new PolicyTester(engine, Clock.systemUTC()).run(load.policySet(), load.tests());
            report.cases().forEach(testCase -> out.println(testCase.format()));
            out.println(summary(report, load.tests().size(), load.policySet().size()));
            out.flush();
            return report.ok() ? 0 : ErrorCode.INVALID_DOCUMENT.exitCode();
        }

        /**
         * What was counted, named: a test holds one or more expectations, and each expectation passes or fails
         * ({@code 33 expectations passed, 0 failed (in 17 tests, against 11 policies).}).
         */
        private static String summary(PolicyTestReport report, int tests, int policies) {
            long passed = report.passedCount();
            return passed + (passed == 1 ? " expectation" : " expectations") + " passed, " + report.failed().size()
                    + " failed (in " + ValidateCommand.plural(tests, "test") + ", against " + policies
                    + (policies == 1 ? " policy" : " policies") + ").";
        }
    }

    private static void requireNoErrors(PolicyLoad load, PrintWriter err) {
        if (load.hasErrors()) {
            load.problems().forEach(problem -> err.println(problem.format()));
            throw new PolderException(ErrorCode.INVALID_DOCUMENT, ValidateCommand.plural(load.errors().size(), "error")
                    + " in the policy files; nothing was evaluated");
        }
    }

    /** The mesh folder (with mesh.yaml) {@code file} lies in, or null. */
    static Path meshRoot(Path file) {
        for (Path folder = file.toAbsolutePath().normalize().getParent(); folder != null; folder = folder.getParent()) {
            if (MeshLoader.isMesh(folder)) {
                return folder;
            }
        }
        return null;
    }

    /** The mesh folder named relative to where the user stands, as they would type it. */
    private static String display(Path mesh) {
        Path here = Path.of("").toAbsolutePath();
        String shown = mesh.startsWith(here) ? slashes(here.relativize(mesh)) : mesh.toString();
        return shown.isEmpty() ? "." : shown;
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
