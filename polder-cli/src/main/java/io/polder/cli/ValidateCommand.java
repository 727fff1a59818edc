package io.polder.cli;

import io.polder.model.problem.Problem;
import io.polder.model.validate.DocumentKind;
import io.polder.model.validate.ValidationReport;
import io.polder.model.validate.Validator;
import io.polder.model.write.DocumentWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code polder validate}: checks contracts, products and whole mesh folders. */
@Command(name = "validate",
        header = "Checks contracts, products and mesh folders against the standards.",
        description = {
            "Checks data contracts (ODCS v3.0/v3.1), data products (ODPS v0.9/v1.0) and mesh folders.",
            "",
            "A file is checked by the standard and version its content declares (kind/apiVersion).",
            "A mesh folder (one with mesh.yaml) is checked file by file, then as a whole: ids are unique,",
            "products belong to declared domains and teams, every output port's contract is in the",
            "product's contracts/ folder with the same version, input ports consume other products'",
            "output-port contracts, versions are semver, and the product graph has no cycle.",
            "Any other folder: every YAML and JSON file in it, each on its own.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  polder validate examples/mesh",
            "  polder validate examples/mesh/sales/sales-orders/contracts/orders.odcs.yaml --format json",
            "",
            "Each problem is printed as FILE:LINE:COLUMN: message (at /json/pointer).",
            "Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 wrong usage."
        },
        mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to check.")
    List<String> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    Format format;

    @Override
    public Integer call() {
        Validator validator = new Validator();
        List<ValidationReport> reports = new ArrayList<>();
        for (String path : paths) {
            reports.add(validator.validate(Path.of(path), path));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(DocumentWriter.toJson(json(reports)));
        } else {
            reports.forEach(report -> printText(report, out));
        }
        return reports.stream().allMatch(ValidationReport::ok) ? 0 : 1;
    }

    private static void printText(ValidationReport report, PrintWriter out) {
        report.problems().forEach(problem -> out.println(problem.format()));
        String checked = describe(report);
        if (report.ok()) {
            out.println("ok: " + report.target() + ": " + checked
                    + (report.warningCount() > 0 ? "; " + plural(report.warningCount(), "warning") : ""));
        } else {
            out.println(report.target() + ": " + plural(report.errorCount(), "error")
                    + (report.warningCount() > 0 ? ", " + plural(report.warningCount(), "warning") : "")
                    + " (" + checked + ")");
        }
    }

    private static String describe(ValidationReport report) {
        List<String> parts = new ArrayList<>();
        for (DocumentKind kind : DocumentKind.values()) {
            Integer count = report.documents().get(kind);
            if (count != null && count > 0) {
                parts.add(plural(count, noun(kind)));
            }
        }
        String documents = parts.isEmpty() ? "no documents" : String.join(", ", parts);
        return documents + " in " + plural(report.files(), "file");
    }

    private static String noun(DocumentKind kind) {
        return switch (kind) {
            case CONTRACT -> "contract";
            case PRODUCT -> "product";
            case DCS_CONTRACT -> "DCS contract";
            case MESH -> "mesh";
            case DPDS_PRODUCT -> "DPDS product";
            case UNKNOWN -> "unknown document";
        };
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : noun.endsWith("sh") ? "es" : "s");
    }

    private static Map<String, Object> json(List<ValidationReport> reports) {
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, Integer> documents = new LinkedHashMap<>();
        long errors = 0;
        long warnings = 0;
        int files = 0;
        for (ValidationReport report : reports) {
            report.problems().forEach(problem -> problems.add(json(problem)));
            report.documents().forEach((kind, count) -> documents.merge(kind.name().toLowerCase(Locale.ROOT), count, Integer::sum));
            errors += report.errorCount();
            warnings += report.warningCount();
            files += report.files();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", errors == 0);
        result.put("targets", reports.stream().map(ValidationReport::target).toList());
        result.put("files", files);
        result.put("documents", documents);
        result.put("errors", errors);
        result.put("warnings", warnings);
        result.put("problems", problems);
        return result;
    }

    private static Map<String, Object> json(Problem problem) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", problem.file());
        fields.put("line", problem.position().line());
        fields.put("column", problem.position().column());
        fields.put("pointer", problem.pointer());
        fields.put("severity", problem.severity().label());
        fields.put("message", problem.message());
        return fields;
    }
}
