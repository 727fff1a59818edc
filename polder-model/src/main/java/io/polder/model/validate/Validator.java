package io.polder.model.validate;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.problem.Problem;
import io.polder.model.source.Position;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What {@code polder validate} checks: a single file, a mesh folder (one with a {@code mesh.yaml}: every
 * file, then the rules across files), or any other folder (every YAML and JSON file in it, each on its own).
 */
public final class Validator {
    private final DocumentValidator documents;
    private final MeshLoader meshLoader;

    public Validator(DocumentValidator documents) {
        this.documents = requireNonNull(documents, "documents is null");
        this.meshLoader = new MeshLoader(documents);
    }

    public Validator() {
        this(new DocumentValidator());
    }

    /**
     * Validates {@code target}, naming files in problems relative to {@code display} (the path as the user
     * typed it).
     *
     * @throws PolderException INVALID_ARGUMENT when {@code target} does not exist
     */
    public ValidationReport validate(Path target, String display) {
        if (Files.isRegularFile(target)) {
            return report(display, List.of(documents.validate(target, display)), List.of());
        }
        if (!Files.isDirectory(target)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "no such file or folder: " + display);
        }
        if (MeshLoader.isMesh(target)) {
            return check(meshLoader.load(target, display), display);
        }
        return validateFolder(target, display);
    }

    /** Loads a mesh folder and checks it as a whole; the registry and planner start from this. */
    public LoadedMesh loadMesh(Path root, String display) {
        if (!MeshLoader.isMesh(root)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, display + " is not a mesh folder: it has no "
                    + MeshLoader.MESH_FILE);
        }
        return meshLoader.load(root, display);
    }

    /** The report on a loaded mesh: its files' problems, then the rules across files ({@link MeshChecks}). */
    public ValidationReport check(LoadedMesh mesh, String display) {
        return report(display, mesh.files(), MeshChecks.check(mesh));
    }

    private ValidationReport validateFolder(Path folder, String display) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(path -> !hiddenBelow(folder, path))
                    .filter(MeshLoader::isDocumentFile)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + display, e);
        }
        if (files.isEmpty()) {
            Problem none = Problem.error(display, Position.START, "", "no YAML or JSON files to validate in this folder");
            return new ValidationReport(display, 0, Map.of(), List.of(none));
        }
        List<FileValidation> validations = new ArrayList<>(files.size());
        for (Path file : files) {
            String relative = folder.relativize(file).toString().replace('\\', '/');
            validations.add(documents.validate(file, MeshLoader.display(display, relative)));
        }
        return report(display, validations, List.of());
    }

    private static boolean hiddenBelow(Path folder, Path file) {
        for (Path part : folder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static ValidationReport report(String target, List<FileValidation> files, List<Problem> crossFile) {
        Map<DocumentKind, Integer> counts = new EnumMap<>(DocumentKind.class);
        List<Problem> problems = new ArrayList<>();
        Set<String> fileNames = new HashSet<>();
        for (FileValidation file : files) {
            fileNames.add(file.file());
            file.documents().forEach(document -> counts.merge(document.kind(), 1, Integer::sum));
            problems.addAll(file.problems());
        }
        problems.addAll(crossFile);
        return new ValidationReport(target, fileNames.size(), counts, problems);
    }
}
