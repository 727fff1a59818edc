package io.polder.cli;

import io.polder.model.mesh.MeshConfig;
import io.polder.model.odps.OutputPort;
import io.polder.model.problem.Problem;
import io.polder.model.validate.DocumentKind;
import io.polder.model.validate.LoadedMesh;
import io.polder.model.validate.MeshLoader;
import io.polder.model.validate.ProductFolder;
import io.polder.model.validate.ValidationReport;
import io.polder.model.validate.Validator;
import io.polder.model.write.DocumentWriter;
import io.polder.spi.settings.AccessSettingsCheck;
import io.polder.spi.settings.ProductSettings;
import io.polder.spi.settings.ProductSettingsReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
            "output-port contracts, statuses are lifecycle statuses (proposed, draft, active, deprecated,",
            "retired), versions are semver, and the product graph has no cycle.",
            "Any other folder: every YAML and JSON file in it, each on its own.",
            "Polder's own files are checked as plan and apply read them: policy files (kind Policy,",
            "PolicyExemption, PolicyTest; a mesh's are loaded together) and a product's polder.yaml",
            "(in a mesh, its auto-approved ports and teams too, as plan checks them).",
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

    /** A target's report, with its files of Polder's own kinds (policy files, polder.yaml) counted apart. */
    record Checked(ValidationReport report, Map<PlatformFiles.Kind, Integer> platformFiles) {
    }

    @Override
    public Integer call() {
        Validator validator = new Validator();
        PlatformFiles platform = new PlatformFiles();
        List<Checked> reports = new ArrayList<>();
        for (String path : paths) {
            reports.add(check(validator, platform, Path.of(path), path));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(DocumentWriter.toJson(json(reports)));
        } else {
            reports.forEach(checked -> printText(checked, out));
        }
        return reports.stream().allMatch(checked -> checked.report().ok()) ? 0 : 1;
    }

    /**
     * The model's verdict on {@code target}, with Polder's own files checked by their readers: a policy file or a
     * polder.yaml given alone, those of a plain folder (instead of the model's "unknown document kind"), and a
     * mesh's policy files and product folders' polder.yaml, which the model's mesh loader does not read.
     */
    static Checked check(Validator validator, PlatformFiles platform, Path target, String display) {
        if (Files.isRegularFile(target)) {
            Optional<PlatformFiles.Kind> kind = PlatformFiles.kindOf(target, display);
            if (kind.isPresent()) {
                return new Checked(new ValidationReport(display, 1, Map.of(), platform.check(target, display, kind.get())),
                        Map.of(kind.get(), 1));
            }
            return new Checked(validator.validate(target, display), Map.of());
        }
        if (Files.isDirectory(target) && MeshLoader.isMesh(target)) {
            LoadedMesh mesh = validator.loadMesh(target, display);
            return withMeshFiles(validator.check(mesh, display), mesh, platform, target, display);
        }
        return withFolderFiles(validator.validate(target, display), platform, target, display);
    }

    /**
     * A mesh's policy files (loaded together, as plan loads them) and each product folder's polder.yaml, read alone
     * and then its auto-approvals against the product's output ports and mesh.yaml's teams, as plan checks them.
     */
    private static Checked withMeshFiles(ValidationReport report, LoadedMesh loaded, PlatformFiles platform, Path mesh,
                                         String display) {
        Map<PlatformFiles.Kind, Integer> counts = new EnumMap<>(PlatformFiles.Kind.class);
        List<Problem> problems = new ArrayList<>(report.problems());
        problems.addAll(platform.checkMeshPolicies(mesh, display));
        int policyFiles = LocalMesh.policies(mesh).size();
        List<Path> settings = PlatformFiles.meshSettingsFiles(mesh);
        for (Path file : settings) {
            String name = name(display, mesh, file);
            List<Problem> own = platform.check(file, name, PlatformFiles.Kind.SETTINGS);
            problems.addAll(own);
            if (own.stream().noneMatch(Problem::isError)) {
                problems.addAll(accessProblems(loaded, file, name));
            }
        }
        count(counts, PlatformFiles.Kind.POLICY, policyFiles);
        count(counts, PlatformFiles.Kind.SETTINGS, settings.size());
        return new Checked(new ValidationReport(report.target(), report.files() + policyFiles + settings.size(),
                report.documents(), problems), counts);
    }

    /** A valid polder.yaml's auto-approvals checked against its product folder and mesh.yaml, if both were read. */
    private static List<Problem> accessProblems(LoadedMesh mesh, Path settingsFile, String name) {
        Path productDir = settingsFile.getParent();
        Optional<ProductFolder> folder = mesh.products().stream()
                .filter(product -> product.folder().equals(productDir)).findFirst();
        if (folder.isEmpty()) {
            return List.of(); // the product file's own problems say why it was not read
        }
        List<String> ports = folder.get().product().product().outputPortList().stream().map(OutputPort::name).toList();
        List<String> teams = mesh.meshDocument().map(document -> document.config().teams() == null ? List.<String>of()
                : document.config().teams().stream().map(MeshConfig.Team::id).toList()).orElse(null);
        ProductSettings settings = ProductSettingsReader.read(settingsFile, name);
        return AccessSettingsCheck.check(settings.access(), name, ports, teams);
    }

    /** A plain folder's files of Polder's own kinds: their readers' problems instead of "unknown document kind". */
    private static Checked withFolderFiles(ValidationReport report, PlatformFiles platform, Path folder, String display) {
        Map<PlatformFiles.Kind, Integer> counts = new EnumMap<>(PlatformFiles.Kind.class);
        Set<String> platformFiles = new HashSet<>();
        List<Problem> platformProblems = new ArrayList<>();
        for (Path file : documentFiles(folder)) {
            String name = name(display, folder, file);
            Optional<PlatformFiles.Kind> kind = PlatformFiles.kindOf(file, name);
            if (kind.isPresent()) {
                platformFiles.add(name);
                platformProblems.addAll(platform.check(file, name, kind.get()));
                count(counts, kind.get(), 1);
            }
        }
        List<Problem> problems = new ArrayList<>();
        report.problems().stream().filter(problem -> !platformFiles.contains(problem.file())).forEach(problems::add);
        problems.addAll(platformProblems);
        problems.sort(Comparator.comparing(Problem::file)); // stable: each file's problems keep their order
        return new Checked(new ValidationReport(report.target(), report.files(), report.documents(), problems), counts);
    }

    private static void count(Map<PlatformFiles.Kind, Integer> counts, PlatformFiles.Kind kind, int files) {
        if (files > 0) {
            counts.merge(kind, files, Integer::sum);
        }
    }

    private static String name(String display, Path root, Path file) {
        return PlatformFiles.display(display, root.relativize(file).toString().replace('\\', '/'));
    }

    /** The files the model's validator reads in a plain folder: YAML and JSON, none below a hidden folder. */
    private static List<Path> documentFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(file -> visible(folder.relativize(file)))
                    .filter(file -> {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
                    }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static boolean visible(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static void printText(Checked checked, PrintWriter out) {
        ValidationReport report = checked.report();
        report.problems().forEach(problem -> out.println(problem.format()));
        String checkedText = describe(checked);
        if (report.ok()) {
            out.println("ok: " + report.target() + ": " + checkedText
                    + (report.warningCount() > 0 ? "; " + plural(report.warningCount(), "warning") : ""));
        } else {
            out.println(report.target() + ": " + plural(report.errorCount(), "error")
                    + (report.warningCount() > 0 ? ", " + plural(report.warningCount(), "warning") : "")
                    + " (" + checkedText + ")");
        }
    }

    private static String describe(Checked checked) {
        ValidationReport report = checked.report();
        List<String> parts = new ArrayList<>();
        for (DocumentKind kind : DocumentKind.values()) {
            Integer count = report.documents().get(kind);
            if (count != null && count > 0) {
                parts.add(plural(count, noun(kind)));
            }
        }
        checked.platformFiles().forEach((kind, count) -> parts.add(plural(count, kind.noun)));
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

    private static Map<String, Object> json(List<Checked> reports) {
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, Integer> documents = new LinkedHashMap<>();
        long errors = 0;
        long warnings = 0;
        int files = 0;
        for (Checked checked : reports) {
            ValidationReport report = checked.report();
            report.problems().forEach(problem -> problems.add(json(problem)));
            report.documents().forEach((kind, count) -> documents.merge(kind.name().toLowerCase(Locale.ROOT), count, Integer::sum));
            checked.platformFiles().forEach((kind, count) -> documents.merge(switch (kind) {
                case POLICY -> "policy_file";
                case SETTINGS -> "product_settings";
            }, count, Integer::sum));
            errors += report.errorCount();
            warnings += report.warningCount();
            files += report.files();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", errors == 0);
        result.put("targets", reports.stream().map(checked -> checked.report().target()).toList());
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
