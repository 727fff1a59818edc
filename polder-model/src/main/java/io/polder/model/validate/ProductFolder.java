package io.polder.model.validate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * One product's folder in a mesh: its ODPS document, the ODCS contracts in {@code contracts/}, and the
 * build files in {@code build/}.
 */
public record ProductFolder(Path folder, String displayPath, ValidatedDocument.Product product,
                            List<ValidatedDocument.Contract> contracts, List<Path> buildFiles) {
    public ProductFolder {
        requireNonNull(folder, "folder is null");
        requireNonNull(displayPath, "displayPath is null");
        requireNonNull(product, "product is null");
        contracts = List.copyOf(contracts);
        buildFiles = List.copyOf(buildFiles);
    }
}
