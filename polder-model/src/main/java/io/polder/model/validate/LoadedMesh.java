package io.polder.model.validate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A mesh folder as read from disk: its {@code mesh.yaml} (absent if missing or unreadable), its product
 * folders, and the validation of every file read.
 */
public record LoadedMesh(Path root, ValidatedDocument.Mesh mesh, List<ProductFolder> products,
                         List<FileValidation> files) {
    public LoadedMesh {
        requireNonNull(root, "root is null");
        products = List.copyOf(products);
        files = List.copyOf(files);
    }

    public Optional<ValidatedDocument.Mesh> meshDocument() {
        return Optional.ofNullable(mesh);
    }
}
