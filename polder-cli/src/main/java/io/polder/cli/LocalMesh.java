package io.polder.cli;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.governance.PolicyEngine;
import io.polder.governance.PolicyLoader;
import io.polder.model.problem.Problem;
import io.polder.model.validate.FileValidation;
import io.polder.model.validate.LoadedMesh;
import io.polder.model.validate.MeshChecks;
import io.polder.model.validate.MeshLoader;
import io.polder.model.validate.ProductFolder;
import io.polder.model.validate.Validator;
import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleFile;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import io.polder.registry.governance.PolicyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A mesh folder read from disk for {@code plan} and {@code apply}: checked exactly as {@code polder validate}
 * checks it (so a broken folder is reported here, with local file names, before anything is sent), then
 * packed into the {@link MeshBundle} the server takes: mesh.yaml; per product folder its product.odps.yaml,
 * the files of its contracts/ folder, its polder.yaml and its build/*.sql; and the policy files of policies/
 * and each domain's policies/ (tests included), as text. The policies are loaded and compiled here too, so a
 * broken policy is reported with its file and line before anything is sent. The server validates it again.
 *
 * @param bundle what to upload; null when the folder has errors
 * @param problems every problem found, errors and warnings, named by the path the user typed
 */
record LocalMesh(MeshBundle bundle, List<Problem> problems) {
    /** A product folder's platform settings (the engine SPI's {@code ProductSettings.FILE_NAME}). */
    static final String SETTINGS_FILE = "polder.yaml";

    LocalMesh {
        problems = List.copyOf(problems);
    }

    static LocalMesh read(Path root, String display) {
        if (Files.isRegularFile(root)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, display + " is a file; plan and apply take the mesh"
                    + " folder, the one that holds " + MeshLoader.MESH_FILE + meshFolderAbove(root).map(folder ->
                            " (here probably " + folder + ")").orElse(""));
        }
        if (!Files.isDirectory(root)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "no such folder: " + display);
        }
        LoadedMesh mesh = new Validator().loadMesh(root, display);
        List<Problem> problems = new ArrayList<>();
        mesh.files().stream().map(FileValidation::problems).forEach(problems::addAll);
        problems.addAll(MeshChecks.check(mesh));
        List<PolicyFile> policies = policies(root);
        if (!policies.isEmpty()) {
            problems.addAll(new PolicyLoader(new PolicyEngine()).load(root, display).problems());
        }
        if (problems.stream().anyMatch(Problem::isError)) {
            return new LocalMesh(null, problems);
        }
        List<BundleProduct> products = mesh.products().stream().map(folder -> product(root, folder)).toList();
        return new LocalMesh(new MeshBundle(text(root.resolve(MeshLoader.MESH_FILE)), products, policies), problems);
    }

    /**
     * The nearest folder above {@code file} that holds a mesh.yaml, as the user would type it: relative to the
     * current folder when it is inside it.
     */
    static Optional<String> meshFolderAbove(Path file) {
        Path here = Path.of("").toAbsolutePath();
        for (Path folder = file.toAbsolutePath().normalize().getParent(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(MeshLoader.MESH_FILE))) {
                String relative = here.relativize(folder).toString();
                return Optional.of(folder.startsWith(here) ? (relative.isEmpty() ? "." : relative) : folder.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * The files the policy loader reads: below the mesh's {@code policies/} and each {@code <domain>/policies/},
     * YAML and JSON files in any subfolder that is not hidden, by their path relative to the mesh root.
     */
    static List<PolicyFile> policies(Path root) {
        List<Path> folders = new ArrayList<>();
        folders.add(root.resolve(MeshLoader.POLICIES_DIR));
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(Files::isDirectory).filter(dir -> !dir.getFileName().toString().startsWith("."))
                    .filter(dir -> !dir.getFileName().toString().equals(MeshLoader.POLICIES_DIR)).sorted()
                    .forEach(dir -> folders.add(dir.resolve(MeshLoader.POLICIES_DIR)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        List<PolicyFile> files = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).filter(file -> visible(folder.relativize(file))).filter(LocalMesh::isDocumentFile)
                        .sorted().forEach(file -> files.add(new PolicyFile(
                                root.relativize(file).toString().replace('\\', '/'), text(file))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder, e);
            }
        }
        return files;
    }

    private static boolean visible(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    long errorCount() {
        return problems.stream().filter(Problem::isError).count();
    }

    private static BundleProduct product(Path root, ProductFolder folder) {
        String path = root.relativize(folder.folder()).toString().replace('\\', '/');
        List<BundleFile> contracts = contractFiles(folder.folder().resolve(MeshLoader.CONTRACTS_DIR)).stream()
                .map(file -> new BundleFile(file.getFileName().toString(), text(file))).toList();
        Path settings = folder.folder().resolve(SETTINGS_FILE);
        List<BundleFile> buildFiles = folder.buildFiles().stream()
                .map(file -> new BundleFile(file.getFileName().toString(), text(file))).toList();
        return new BundleProduct(path, text(folder.folder().resolve(MeshLoader.PRODUCT_FILE)), contracts,
                Files.isRegularFile(settings) ? text(settings) : null, buildFiles);
    }

    /** The files the mesh loader reads as contracts: YAML and JSON files, not hidden, in name order. */
    private static List<Path> contractFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(LocalMesh::isDocumentFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean isDocumentFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
