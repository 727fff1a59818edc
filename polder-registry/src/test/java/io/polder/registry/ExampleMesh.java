package io.polder.registry;

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
import java.util.stream.Stream;

/**
 * Reads the example mesh ({@code examples/mesh}) into a {@link MeshBundle}, the way the command line
 * uploads a mesh folder, and makes variants of it.
 */
public final class ExampleMesh {
    private ExampleMesh() {
    }

    public static Path root() {
        Path module = Path.of("").toAbsolutePath();
        Path candidate = module.resolveSibling("examples").resolve("mesh");
        return Files.isDirectory(candidate) ? candidate : module.resolve("examples").resolve("mesh");
    }

    public static MeshBundle bundle() {
        return read(root());
    }

    /** The example mesh with its policy files, as the command line uploads it. */
    public static MeshBundle withPolicies() {
        return bundle().withPolicies(policies(root()));
    }

    /** Every file below {@code policies/} and {@code <domain>/policies/}, by its path relative to the root. */
    public static List<PolicyFile> policies(Path root) {
        List<Path> folders = new ArrayList<>(List.of(root.resolve("policies")));
        folders(root).forEach(domain -> folders.add(domain.resolve("policies")));
        List<PolicyFile> files = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder) || folder.getParent().getFileName().toString().equals("policies")) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.filter(Files::isRegularFile).filter(file -> file.toString().endsWith(".yaml")).sorted()
                        .forEach(file -> files.add(new PolicyFile(root.relativize(file).toString().replace('\\', '/'),
                                text(file))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    public static MeshBundle read(Path root) {
        return read(root, false);
    }

    /** The example mesh with each product's polder.yaml and build/*.sql, as {@code polder apply} uploads it. */
    public static MeshBundle bundleWithPlatformFiles() {
        return read(root(), true);
    }

    private static MeshBundle read(Path root, boolean platformFiles) {
        List<BundleProduct> products = new ArrayList<>();
        for (Path domain : folders(root)) {
            for (Path product : folders(domain)) {
                Path productFile = product.resolve("product.odps.yaml");
                if (Files.isRegularFile(productFile)) {
                    String path = root.relativize(product).toString().replace('\\', '/');
                    Path settings = product.resolve("polder.yaml");
                    products.add(platformFiles
                            ? new BundleProduct(path, text(productFile), contracts(product.resolve("contracts")),
                                    Files.isRegularFile(settings) ? text(settings) : null,
                                    contracts(product.resolve("build")))
                            : new BundleProduct(path, text(productFile), contracts(product.resolve("contracts"))));
                }
            }
        }
        return new MeshBundle(text(root.resolve("mesh.yaml")), products);
    }

    /** The bundle with the product at {@code path} changed by {@code edit}. */
    public static MeshBundle withProductFolder(MeshBundle bundle, String path, UnaryOperator<BundleProduct> edit) {
        return new MeshBundle(bundle.meshYaml(), bundle.products().stream()
                .map(product -> product.path().equals(path) ? edit.apply(product) : product).toList());
    }

    /** The bundle with the product at {@code path} (such as {@code sales/sales-orders}) edited. */
    public static MeshBundle withProduct(MeshBundle bundle, String path, UnaryOperator<String> edit) {
        return new MeshBundle(bundle.meshYaml(), bundle.products().stream()
                .map(product -> product.path().equals(path)
                        ? new BundleProduct(path, edit.apply(product.productYaml()), product.contracts()) : product)
                .toList(), bundle.policies());
    }

    /** The bundle without the product at {@code path}. */
    public static MeshBundle without(MeshBundle bundle, String path) {
        return new MeshBundle(bundle.meshYaml(), bundle.products().stream()
                .filter(product -> !product.path().equals(path)).toList(), bundle.policies());
    }

    /** The bundle with the policy file at {@code path} (replacing one there). */
    public static MeshBundle withPolicyFile(MeshBundle bundle, String path, String text) {
        List<PolicyFile> files = new ArrayList<>(bundle.policies().stream()
                .filter(file -> !file.path().equals(path)).toList());
        files.add(new PolicyFile(path, text));
        return bundle.withPolicies(files);
    }

    /**
     * A policy {@code runaway} of {@code severity} whose rule makes 100,000 comprehension iterations: stopped on every
     * product at the iteration budget, or at the time limit on a busy machine.
     */
    public static String runawayPolicy(String severity, String message) {
        String tens = "[0,1,2,3,4,5,6,7,8,9]";
        String rule = tens + ".map(a, " + tens + ".map(b, " + tens + ".map(c, " + tens + ".map(d, " + tens
                + ".map(e, [a, b, c, d, e]))))).size() > 0";
        return """
                apiVersion: polder/v1
                kind: Policy
                id: runaway
                version: 1.0.0
                target: product
                severity: %s
                rule: "%s"
                message: %s
                """.formatted(severity, rule, message);
    }

    /** Replaces a product document's top-level {@code version}. */
    public static UnaryOperator<String> version(String from, String to) {
        return text -> {
            String edited = text.replaceFirst("(?m)^version: " + java.util.regex.Pattern.quote(from) + "$", "version: " + to);
            if (edited.equals(text)) {
                throw new IllegalArgumentException("no top-level version " + from);
            }
            return edited;
        };
    }

    private static List<BundleFile> contracts(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        return files(folder).stream().map(file -> new BundleFile(file.getFileName().toString(), text(file))).toList();
    }

    private static List<Path> folders(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
