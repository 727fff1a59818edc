package io.polder.governance;

import static java.util.Objects.requireNonNull;

import io.polder.model.bind.Fields;
import io.polder.model.mesh.MeshConfig;
import io.polder.model.problem.Problem;
import io.polder.model.problem.Problems;
import io.polder.model.problem.Severity;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.Position;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.MeshLoader;
import io.polder.model.validate.ValidatedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads policy files: every YAML or JSON file below a mesh's {@code policies/} (global, the governance
 * group's) and below each {@code <domain>/policies/} (that domain's), subfolders such as {@code tests/} and
 * {@code exemptions/} included. A file holds one or more documents separated by {@code ---}, each a
 * {@code kind: Policy}, {@code PolicyExemption} or {@code PolicyTest}. Policies are compiled as they load;
 * every problem, a CEL error inside a rule included, names the file, line and column.
 */
public final class PolicyLoader {
    private final PolicyEngine engine;
    private final DocumentReader reader;
    private final Clock clock;
    private final PolicyTestDocuments tests = new PolicyTestDocuments();

    public PolicyLoader(PolicyEngine engine) {
        this(engine, DocumentReader.withDefaults(), Clock.systemUTC());
    }

    /** @param clock tells which exemptions have expired, for the warnings */
    public PolicyLoader(PolicyEngine engine, DocumentReader reader, Clock clock) {
        this.engine = requireNonNull(engine, "engine is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Loads what {@code path} holds: a whole mesh folder (its {@code policies/} and every
     * {@code <domain>/policies/}), a policies folder, or one file. The scope a folder or file is declared at
     * follows from where it lies: below a domain's folder of a mesh, that domain; elsewhere, global.
     */
    public PolicyLoad load(Path path, String display) {
        if (Files.isDirectory(path) && MeshLoader.isMesh(path)) {
            return loadMesh(path, display);
        }
        if (!Files.exists(path)) {
            return new PolicyLoad(PolicySet.empty(), List.of(),
                    List.of(Problem.error(display, Position.START, "", "no such file or folder")));
        }
        Load load = new Load(null);
        readAll(path, display, locationOf(path), load);
        return load.finish();
    }

    /** Reads policy documents held in memory (a request body, a preview), declared at {@code location}. */
    public PolicyLoad read(String text, String display, PolicyScope location) {
        Load load = new Load(null);
        load.read(reader.read(text, display, SourceFormat.ofFileName(display)), text, location);
        return load.finish();
    }

    /**
     * One policy file held in memory, such as an uploaded bundle's.
     *
     * @param display the file's name in messages, relative to the mesh root ({@code policies/ownership.yaml})
     * @param location the scope its folder declares: global for the mesh's {@code policies/}, the domain for
     *                 {@code <domain>/policies/}
     */
    public record Source(String display, String text, PolicyScope location) {
        public Source {
            requireNonNull(display, "display is null");
            requireNonNull(text, "text is null");
            requireNonNull(location, "location is null");
        }
    }

    /**
     * Reads several files held in memory as one loading, as {@link #load} reads a mesh's folders: a policy id
     * declared twice is refused across files too, and an exemption may name a policy of another file.
     */
    public PolicyLoad read(List<Source> sources) {
        Load load = new Load(null);
        for (Source source : sources) {
            load.read(reader.read(source.text(), source.display(), SourceFormat.ofFileName(source.display())),
                    source.text(), source.location());
        }
        return load.finish();
    }

    private PolicyLoad loadMesh(Path root, String display) {
        MeshConfig mesh = meshConfig(root, display);
        Load load = new Load(mesh);
        Path global = root.resolve(MeshLoader.POLICIES_DIR);
        if (Files.isDirectory(global)) {
            readAll(global, join(display, MeshLoader.POLICIES_DIR), PolicyScope.global(), load);
        }
        for (Path domainDir : subfolders(root)) {
            Path policies = domainDir.resolve(MeshLoader.POLICIES_DIR);
            String domain = domainDir.getFileName().toString();
            if (domain.equals(MeshLoader.POLICIES_DIR) || !Files.isDirectory(policies)) {
                continue;
            }
            String domainDisplay = join(join(display, domain), MeshLoader.POLICIES_DIR);
            if (mesh != null && mesh.domain(domain).isEmpty()) {
                load.problems.add(new Problem(domainDisplay, Position.START, "", Severity.WARNING, "folder " + domain
                        + " is not a domain declared in mesh.yaml, so the policies in it govern no product"));
            }
            readAll(policies, domainDisplay, PolicyScope.domain(domain), load);
        }
        return load.finish();
    }

    /** Global, unless the path lies in {@code <mesh>/<domain>/policies}. */
    static PolicyScope locationOf(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        for (Path folder = absolute; folder != null; folder = folder.getParent()) {
            Path parent = folder.getParent();
            if (folder.getFileName() != null && folder.getFileName().toString().equals(MeshLoader.POLICIES_DIR)
                    && parent != null && parent.getParent() != null && MeshLoader.isMesh(parent.getParent())
                    && !MeshLoader.isMesh(parent)) {
                return PolicyScope.domain(parent.getFileName().toString());
            }
        }
        return PolicyScope.global();
    }

    private void readAll(Path path, String display, PolicyScope location, Load load) {
        if (Files.isRegularFile(path)) {
            load.read(path, display, location);
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(file -> isDocumentFile(path.relativize(file)))
                    .sorted().toList()) {
                load.read(file, join(display, path.relativize(file).toString().replace('\\', '/')), location);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + display, e);
        }
    }

    /** One loading: documents read so far, then compiled and checked together. */
    private final class Load {
        private final MeshConfig mesh;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Declared> policies = new ArrayList<>();
        private final List<Exemption> exemptions = new ArrayList<>();
        private final List<PolicyTest> found = new ArrayList<>();

        Load(MeshConfig mesh) {
            this.mesh = mesh;
        }

        void read(Path file, String display, PolicyScope location) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                problems.add(Problem.error(display, Position.START, "", "cannot read file: " + e.getMessage()));
                return;
            }
            ParsedFile parsed = reader.read(bytes, display, SourceFormat.ofFileName(file.getFileName().toString()));
            read(parsed, new String(bytes, StandardCharsets.UTF_8), location);
        }

        void read(ParsedFile parsed, String text, PolicyScope location) {
            problems.addAll(parsed.problems());
            String[] lines = text.split("\r?\n", -1);
            for (SourceDocument document : parsed.documents()) {
                Problems found = new Problems(parsed.file());
                readDocument(document, lines, location, found);
                problems.addAll(found.list());
            }
        }

        private void readDocument(SourceDocument document, String[] lines, PolicyScope location, Problems found) {
            String kind = PolicyDocuments.kind(document, found);
            if (kind == null) {
                return;
            }
            Fields fields = Fields.of(document.root(), found);
            Origin origin = new Origin(document.file(), document.root().position());
            switch (kind) {
                case PolicyDocuments.POLICY -> {
                    Policy policy = PolicyDocuments.policy(fields, location, origin);
                    if (policy != null && !found.hasErrors()) {
                        policies.add(new Declared(policy, (MapNode) document.root(), lines));
                    }
                }
                case PolicyDocuments.EXEMPTION -> {
                    Exemption exemption = PolicyDocuments.exemption(fields, location, origin);
                    if (exemption != null && !found.hasErrors()) {
                        exemptions.add(exemption);
                    }
                }
                default -> {
                    PolicyTest test = tests.test(fields, document, location, origin);
                    if (test != null) {
                        this.found.add(test);
                    }
                }
            }
        }

        PolicyLoad finish() {
            List<CompiledPolicy> compiled = new ArrayList<>();
            Map<String, Policy> byId = new HashMap<>();
            for (Declared declared : policies) {
                Policy policy = declared.policy();
                Policy first = byId.putIfAbsent(policy.id(), policy);
                if (first != null) {
                    problems.add(declared.problem(declared.root().get("id"), "policy id `" + policy.id()
                            + "` is already declared at " + first.origin() + "; policy ids are unique in the mesh"));
                    continue;
                }
                checkScopeDomain(declared);
                PolicyCompilation compilation = engine.compile(policy);
                compilation.compiledPolicy().ifPresent(compiled::add);
                compilation.issues().forEach(issue -> problems.add(declared.problem(issue)));
            }
            List<Exemption> valid = exemptions.stream().filter(exemption -> checkExemption(exemption, byId)).toList();
            problems.sort(Comparator.comparing(Problem::file).thenComparing(problem -> problem.position().line())
                    .thenComparing(problem -> problem.position().column()));
            return new PolicyLoad(PolicySet.of(compiled, valid), found, problems);
        }

        private void checkScopeDomain(Declared declared) {
            PolicyScope scope = declared.policy().scope();
            // a scope taken from the folder was reported with the folder
            if (mesh != null && !scope.isGlobal() && mesh.domain(scope.domain()).isEmpty() && declared.root().has("scope")) {
                Node at = declared.root().get("scope");
                problems.add(new Problem(declared.policy().origin().file(), at.position(), at.pointer(),
                        Severity.WARNING, "scope " + scope + " is not a domain declared in mesh.yaml; the policy "
                        + declared.policy().id() + " governs no product"));
            }
        }

        private boolean checkExemption(Exemption exemption, Map<String, Policy> policiesById) {
            Policy policy = policiesById.get(exemption.policy());
            Origin at = exemption.origin();
            if (policy == null) {
                problems.add(new Problem(at.file(), at.position(), "", Severity.WARNING, "the exemption names policy `"
                        + exemption.policy() + "`, which is not loaded; it exempts from nothing"));
                return true;
            }
            if (!exemption.scope().isGlobal() && !exemption.scope().equals(policy.scope())) {
                problems.add(Problem.error(at.file(), at.position(), "", "an exemption in " + exemption.scope()
                        + "/policies/ cannot exempt from policy " + policy.id() + " ("
                        + (policy.scope().isGlobal() ? "global" : "domain " + policy.scope())
                        + "); only the mesh's policies/ folder may exempt from policies it does not own"));
                return false;
            }
            if (!exemption.activeAt(clock.instant())) {
                problems.add(new Problem(at.file(), at.position(), "", Severity.WARNING, "the exemption of "
                        + exemption.product() + " from " + exemption.policy() + " expired on "
                        + exemption.expiresAsWritten() + " and no longer applies; renew or remove it"));
            }
            return true;
        }
    }

    /** A policy as read, with what it takes to place a problem in its file. */
    private record Declared(Policy policy, MapNode root, String[] lines) {
        Problem problem(Node at, String message) {
            return Problem.error(policy.origin().file(), at.position(), at.pointer(), message);
        }

        Problem problem(ExpressionIssue issue) {
            Node node = root.get(issue.part().field());
            String value = switch (issue.part()) {
                case RULE -> policy.rule();
                case WHEN -> policy.when();
                case MESSAGE -> policy.message();
            };
            Position position = TextPositions.locate(lines, node, value, issue.offset());
            return Problem.error(policy.origin().file(), position, node.pointer(), "policy " + policy.id() + ": `"
                    + issue.part().field() + "` " + issue.message());
        }
    }

    private MeshConfig meshConfig(Path root, String display) {
        var validation = new DocumentValidator(reader).validate(root.resolve(MeshLoader.MESH_FILE),
                join(display, MeshLoader.MESH_FILE));
        return validation.documents().stream()
                .filter(document -> document instanceof ValidatedDocument.Mesh)
                .map(document -> ((ValidatedDocument.Mesh) document).config())
                .findFirst().orElse(null);
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .filter(path -> !path.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** A YAML or JSON file, none of whose folders below the one read is hidden. */
    private static boolean isDocumentFile(Path relative) {
        String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() || parent.equals(".") ? child : parent.endsWith("/") ? parent + child : parent + "/" + child;
    }
}
