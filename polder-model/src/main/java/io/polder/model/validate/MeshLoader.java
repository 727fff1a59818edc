package io.polder.model.validate;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import io.polder.model.problem.Severity;
import io.polder.model.source.Position;
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
 * Reads a mesh folder laid out as
 * <pre>
 * mesh.yaml                           domains, teams
 * policies/                           global policies
 * DOMAIN/policies/                    domain policies
 * DOMAIN/PRODUCT/product.odps.yaml    the product (ODPS)
 * DOMAIN/PRODUCT/contracts/*.odcs.yaml one contract per output port (ODCS)
 * DOMAIN/PRODUCT/build/*.sql          how the platform builds it
 * DOMAIN/PRODUCT/polder.yaml          platform settings
 * </pre>
 * Every document is validated on its own; the checks across files are {@link MeshChecks}'.
 */
public final class MeshLoader {
    public static final String MESH_FILE = "mesh.yaml";
    public static final String PRODUCT_FILE = "product.odps.yaml";
    public static final String CONTRACTS_DIR = "contracts";
    public static final String BUILD_DIR = "build";
    public static final String POLICIES_DIR = "policies";

    private final DocumentValidator validator;

    public MeshLoader(DocumentValidator validator) {
        this.validator = requireNonNull(validator, "validator is null");
    }

    /** Whether {@code dir} is a mesh folder (holds a mesh.yaml). */
    public static boolean isMesh(Path dir) {
        return Files.isRegularFile(dir.resolve(MESH_FILE));
    }

    /** Loads the mesh at {@code root}; file names in problems start with {@code displayRoot}. */
    public LoadedMesh load(Path root, String displayRoot) {
        List<FileValidation> files = new ArrayList<>();
        FileValidation meshFile = validator.validate(root.resolve(MESH_FILE), display(displayRoot, MESH_FILE));
        files.add(meshFile);
        ValidatedDocument.Mesh mesh = single(meshFile, ValidatedDocument.Mesh.class, files,
                "mesh.yaml must hold the mesh (`kind: Mesh`)");
        List<ProductFolder> products = new ArrayList<>();
        for (Path domainDir : subfolders(root)) {
            if (domainDir.getFileName().toString().equals(POLICIES_DIR)) {
                continue;
            }
            String domainDisplay = display(displayRoot, domainDir.getFileName().toString());
            for (Path productDir : subfolders(domainDir)) {
                String name = productDir.getFileName().toString();
                if (name.equals(POLICIES_DIR)) {
                    continue;
                }
                loadProduct(productDir, display(domainDisplay, name), files).ifPresent(products::add);
            }
        }
        return new LoadedMesh(root, mesh, products, files);
    }

    private Optional<ProductFolder> loadProduct(Path dir, String displayDir, List<FileValidation> files) {
        Path productFile = dir.resolve(PRODUCT_FILE);
        if (!Files.isRegularFile(productFile)) {
            if (hasDocuments(dir)) {
                files.add(new FileValidation(displayDir, List.of(), List.of(new Problem(displayDir, Position.START, "",
                        Severity.WARNING,
                        "folder has no " + PRODUCT_FILE + ", so it is not a product; its files are ignored"))));
            }
            return Optional.empty();
        }
        FileValidation productValidation = validator.validate(productFile, display(displayDir, PRODUCT_FILE));
        files.add(productValidation);
        ValidatedDocument.Product product = single(productValidation, ValidatedDocument.Product.class, files,
                PRODUCT_FILE + " must hold a data product (`kind: DataProduct`, ODPS)");
        List<ValidatedDocument.Contract> contracts = new ArrayList<>();
        String contractsDisplay = display(displayDir, CONTRACTS_DIR);
        for (Path contractFile : documentFiles(dir.resolve(CONTRACTS_DIR))) {
            FileValidation validation = validator.validate(contractFile,
                    display(contractsDisplay, contractFile.getFileName().toString()));
            files.add(validation);
            ValidatedDocument.Contract contract = single(validation, ValidatedDocument.Contract.class, files,
                    "files in contracts/ must hold a data contract (`kind: DataContract`, ODCS)");
            if (contract != null) {
                contracts.add(contract);
            }
        }
        List<Path> buildFiles = filesEndingWith(dir.resolve(BUILD_DIR), ".sql");
        return product == null ? Optional.empty()
                : Optional.of(new ProductFolder(dir, displayDir, product, contracts, buildFiles));
    }

    /** The one document of the expected kind in a file, or null with a problem when it holds something else. */
    private static <T extends ValidatedDocument> T single(FileValidation validation, Class<T> kind,
                                                          List<FileValidation> files, String expectation) {
        if (!validation.problems().isEmpty() && validation.documents().isEmpty()) {
            return null; // unreadable: the reader's problem says why
        }
        if (validation.documents().size() == 1 && kind.isInstance(validation.documents().getFirst())) {
            return kind.cast(validation.documents().getFirst());
        }
        Position position = validation.documents().isEmpty() ? Position.START
                : validation.documents().get(validation.documents().size() > 1 ? 1 : 0).source().root().position();
        String message = validation.documents().size() > 1
                ? "expected one document in this file, found " + validation.documents().size() : expectation;
        files.add(new FileValidation(validation.file(), List.of(),
                List.of(Problem.error(validation.file(), position, "", message))));
        return null;
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(path -> !isHidden(path)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static List<Path> documentFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).filter(MeshLoader::isDocumentFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static List<Path> filesEndingWith(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static boolean hasDocuments(Path dir) {
        return !documentFiles(dir).isEmpty() || Files.isDirectory(dir.resolve(CONTRACTS_DIR));
    }

    static boolean isDocumentFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return !isHidden(path) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    static String display(String parent, String child) {
        return parent.isEmpty() || parent.equals(".") ? child : parent.endsWith("/") ? parent + child : parent + "/" + child;
    }
}
