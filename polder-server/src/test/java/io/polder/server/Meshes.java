package io.polder.server;

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
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Mesh bundles for the tests: the example mesh ({@code examples/mesh}) read the way the command line
 * uploads a folder, its variants, and generated meshes of many small products.
 */
final class Meshes {
    private Meshes() {
    }

    static Path exampleRoot() {
        String repository = System.getProperty("polder.repo.dir");
        Path root = repository != null ? Path.of(repository) : Path.of("").toAbsolutePath().getParent();
        return root.resolve("examples").resolve("mesh");
    }

    static MeshBundle example() {
        Path root = exampleRoot();
        List<BundleProduct> products = new ArrayList<>();
        for (Path domain : list(root, Files::isDirectory)) {
            for (Path product : list(domain, Files::isDirectory)) {
                Path file = product.resolve("product.odps.yaml");
                if (Files.isRegularFile(file)) {
                    Path contracts = product.resolve("contracts");
                    List<BundleFile> files = !Files.isDirectory(contracts) ? List.of()
                            : list(contracts, Files::isRegularFile).stream()
                                    .map(contract -> new BundleFile(contract.getFileName().toString(), read(contract))).toList();
                    products.add(new BundleProduct(root.relativize(product).toString().replace('\\', '/'), read(file), files));
                }
            }
        }
        return new MeshBundle(read(root.resolve("mesh.yaml")), products);
    }

    /** The example mesh with its policy files (policies/ and customer/policies/, tests included). */
    static MeshBundle exampleWithPolicies() {
        Path root = exampleRoot();
        List<PolicyFile> files = new ArrayList<>();
        for (Path folder : List.of(root.resolve("policies"), root.resolve("customer").resolve("policies"))) {
            try (java.util.stream.Stream<Path> walk = Files.walk(folder)) {
                walk.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(file -> files.add(
                        new PolicyFile(root.relativize(file).toString().replace('\\', '/'), read(file))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return example().withPolicies(files);
    }

    /** The bundle with {@code path} holding {@code text} among its policy files. */
    static MeshBundle withPolicy(MeshBundle bundle, String path, String text) {
        List<PolicyFile> files = new ArrayList<>(bundle.policies() == null ? List.of()
                : bundle.policies().stream().filter(file -> !file.path().equals(path)).toList());
        files.add(new PolicyFile(path, text));
        return bundle.withPolicies(files);
    }

    /** The example mesh with each product's polder.yaml and build/*.sql, as {@code polder apply} uploads it. */
    static MeshBundle exampleWithPlatformFiles() {
        Path root = exampleRoot();
        return new MeshBundle(read(root.resolve("mesh.yaml")), example().products().stream().map(product -> {
            Path folder = root.resolve(product.path());
            Path settings = folder.resolve("polder.yaml");
            Path build = folder.resolve("build");
            List<BundleFile> sql = !Files.isDirectory(build) ? List.of() : list(build, Files::isRegularFile).stream()
                    .map(file -> new BundleFile(file.getFileName().toString(), read(file))).toList();
            return new BundleProduct(product.path(), product.productYaml(), product.contracts(),
                    Files.isRegularFile(settings) ? read(settings) : null, sql);
        }).toList());
    }

    /** The bundle with the product folder at {@code path} replaced by what {@code edit} makes of it. */
    static MeshBundle withFolder(MeshBundle bundle, String path, UnaryOperator<BundleProduct> edit) {
        return new MeshBundle(bundle.meshYaml(), bundle.products().stream()
                .map(product -> product.path().equals(path) ? edit.apply(product) : product).toList());
    }

    /** The bundle with the product document at {@code path} (such as {@code sales/sales-orders}) edited. */
    static MeshBundle withProduct(MeshBundle bundle, String path, UnaryOperator<String> edit) {
        return new MeshBundle(bundle.meshYaml(), bundle.products().stream()
                .map(product -> product.path().equals(path)
                        ? new BundleProduct(path, edit.apply(product.productYaml()), product.contracts()) : product)
                .toList(), bundle.policies());
    }

    /** The bundle with {@code product} added. */
    static MeshBundle with(MeshBundle bundle, BundleProduct product) {
        List<BundleProduct> products = new ArrayList<>(bundle.products());
        products.add(product);
        return new MeshBundle(bundle.meshYaml(), products, bundle.policies());
    }

    /** Replaces the document's first top-level line {@code key: from} with {@code key: to}. */
    static UnaryOperator<String> replaceLine(String key, String from, String to) {
        return text -> {
            String edited = text.replaceFirst("(?m)^" + Pattern.quote(key + ": " + from) + "$", key + ": " + to);
            if (edited.equals(text)) {
                throw new IllegalArgumentException("no top-level line '" + key + ": " + from + "'");
            }
            return edited;
        };
    }

    /** The sales-orders product bumped from 1.2.0 to {@code version}, tagged {@code variant} to vary its content. */
    static MeshBundle salesOrders(MeshBundle bundle, String version, String variant) {
        return withProduct(bundle, "sales/sales-orders", text -> {
            String bumped = version.equals("1.2.0") ? text : replaceLine("version", "1.2.0", version).apply(text);
            return variant == null ? bumped : bumped.replace("tags: [sales, orders, source-aligned]",
                    "tags: [sales, orders, source-aligned, " + variant + "]");
        });
    }

    /**
     * A mesh of one domain ({@code bulk}) and team with {@code count} products, each with one output port
     * backed by one contract, all at {@code major}.0.0.
     */
    static MeshBundle generated(int count, int major) {
        List<BundleProduct> products = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = generatedId(i);
            products.add(new BundleProduct("bulk/" + id, generatedProduct(id, major),
                    List.of(new BundleFile("items.odcs.yaml", generatedContract(id, major)))));
        }
        return new MeshBundle(GENERATED_MESH, products);
    }

    static String generatedId(int index) {
        return String.format("bulk-%04d", index);
    }

    static String generatedProduct(String id, int major) {
        return """
                apiVersion: v1.0.0
                kind: DataProduct
                id: %1$s
                name: Generated product %1$s
                version: %2$d.0.0
                status: active
                domain: bulk
                description:
                  purpose: A generated product for server tests, in its version %2$d.
                team:
                  name: bulk-team
                outputPorts:
                  - name: items
                    description: The items of %1$s.
                    type: tables
                    version: %2$d.0.0
                    contractId: %1$s-items
                """.formatted(id, major);
    }

    static String generatedContract(String id, int major) {
        StringBuilder columns = new StringBuilder();
        for (int column = 1; column <= major; column++) {
            columns.append("""
                          - name: value_%d
                            logicalType: string
                    """.formatted(column));
        }
        return """
                apiVersion: v3.1.0
                kind: DataContract
                id: %1$s-items
                name: Items of %1$s
                version: %2$d.0.0
                status: active
                domain: bulk
                schema:
                  - name: items
                    physicalType: table
                    properties:
                      - name: item_id
                        logicalType: string
                        required: true
                """.formatted(id, major) + columns;
    }

    private static final String GENERATED_MESH = """
            apiVersion: polder/v1
            kind: Mesh
            name: bulk
            domains:
              - id: bulk
                name: Bulk
                description: Generated products for server tests.
                owners: [bulk-owner@example.com]
            teams:
              - id: bulk-team
                name: Bulk team
                domain: bulk
                members:
                  - username: bulk-owner@example.com
                    name: Bulk Owner
                    role: owner
            """;

    private static List<Path> list(Path folder, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
