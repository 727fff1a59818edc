package io.polder.registry.apply;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.governance.PolicyFile;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A mesh folder as the command line uploads it: the text of {@code mesh.yaml} and, per product folder, its
 * path, its {@code product.odps.yaml}, its contract files, its {@code polder.yaml} and its build SQL. The registry parses and validates every
 * text itself; nothing the client concluded is trusted.
 *
 * @param meshYaml the text of mesh.yaml
 * @param products the product folders, each once
 * @param policies the policy files of the mesh's {@code policies/} and of each {@code <domain>/policies/}
 *                 (tests included), by their path relative to the mesh root; null when the client sends
 *                 none, and then the policy set in force stays as it is
 */
public record MeshBundle(String meshYaml, List<BundleProduct> products, List<PolicyFile> policies) {
    /** How many product folders one bundle may hold. */
    public static final int MAX_PRODUCTS = 200_000;

    public MeshBundle {
        requireNonNull(meshYaml, "meshYaml is null");
        products = List.copyOf(requireNonNull(products, "products is null"));
        if (products.size() > MAX_PRODUCTS) {
            throw new PolderException(ErrorCode.TOO_LARGE, "a bundle holds at most " + MAX_PRODUCTS
                    + " products, found " + products.size());
        }
        Set<String> paths = new HashSet<>();
        for (BundleProduct product : products) {
            if (!paths.add(product.path())) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "product folder '" + product.path()
                        + "' appears twice in the bundle");
            }
        }
        policies = policies == null ? null : PolicyFile.distinct(policies);
    }

    /** A bundle that carries no policies: the policy set in force stays as it is. */
    public MeshBundle(String meshYaml, List<BundleProduct> products) {
        this(meshYaml, products, null);
    }

    /** This bundle with these policy files. */
    public MeshBundle withPolicies(List<PolicyFile> files) {
        return new MeshBundle(meshYaml, products, files);
    }

    /**
     * One product folder.
     *
     * @param path the folder's path relative to the mesh root, such as {@code sales/sales-orders}
     * @param productYaml the text of its product.odps.yaml
     * @param contracts the files of its {@code contracts/} folder
     * @param settingsYaml the text of its {@code polder.yaml}, or null when it has none
     * @param buildFiles the {@code *.sql} files of its {@code build/} folder (absent in a body: none)
     */
    public record BundleProduct(String path, String productYaml, List<BundleFile> contracts, String settingsYaml,
                                List<BundleFile> buildFiles) {
        public BundleProduct {
            BundlePaths.requireRelativePath(path);
            requireNonNull(productYaml, "productYaml is null");
            contracts = List.copyOf(requireNonNull(contracts, "contracts is null"));
            buildFiles = buildFiles == null ? List.of() : List.copyOf(buildFiles);
            requireUniqueNames(contracts, "contract", path);
            requireUniqueNames(buildFiles, "build", path);
        }

        /** A product folder without polder.yaml and build files. */
        public BundleProduct(String path, String productYaml, List<BundleFile> contracts) {
            this(path, productYaml, contracts, null, List.of());
        }

        private static void requireUniqueNames(List<BundleFile> files, String kind, String path) {
            Set<String> names = new HashSet<>();
            for (BundleFile file : files) {
                if (!names.add(file.name())) {
                    throw new PolderException(ErrorCode.INVALID_ARGUMENT, kind + " file '" + file.name()
                            + "' appears twice in " + path);
                }
            }
        }
    }

    /**
     * One file, by its name within its folder (no directories).
     */
    public record BundleFile(String name, String text) {
        public BundleFile {
            BundlePaths.requireFileName(name);
            requireNonNull(text, "text is null");
        }
    }
}
