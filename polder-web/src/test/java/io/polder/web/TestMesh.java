package io.polder.web;

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
import java.util.stream.Stream;

/**
 * The example mesh ({@code examples/mesh}) as the command line uploads it, with hostile text planted in
 * one product: markup and script in its description, a {@code javascript:} support link.
 */
final class TestMesh {
    /** Planted in customer-profiles' purpose: it must show as text and never run. */
    static final String HOSTILE = "<script>document.title='owned'</script><img src=x onerror=alert(1)><b>bold</b>";

    private TestMesh() {
    }

    static Path root() {
        String repo = System.getProperty("polder.repo.dir");
        Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent();
        return base.resolve("examples").resolve("mesh");
    }

    static MeshBundle bundle() {
        Path root = root();
        List<BundleProduct> products = new ArrayList<>();
        for (Path domain : entries(root, true)) {
            for (Path product : entries(domain, true)) {
                Path file = product.resolve("product.odps.yaml");
                if (Files.isRegularFile(file)) {
                    String path = root.relativize(product).toString().replace('\\', '/');
                    products.add(new BundleProduct(path, plant(path, text(file)), contracts(product.resolve("contracts"))));
                }
            }
        }
        return new MeshBundle(text(root.resolve("mesh.yaml")), products).withPolicies(policies(root));
    }

    /** The global policies and each domain's, as {@code polder apply} uploads them (their tests stay behind). */
    private static List<PolicyFile> policies(Path root) {
        List<Path> folders = new ArrayList<>(List.of(root.resolve("policies")));
        entries(root, true).forEach(domain -> folders.add(domain.resolve("policies")));
        List<PolicyFile> files = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isDirectory(folder)) {
                entries(folder, false).stream().filter(file -> file.toString().endsWith(".yaml"))
                        .forEach(file -> files.add(new PolicyFile(root.relativize(file).toString().replace('\\', '/'),
                                text(file))));
            }
        }
        return files;
    }

    private static String plant(String path, String text) {
        if (!path.equals("customer/customer-profiles")) {
            return text;
        }
        String purpose = "  purpose: >-\n";
        String link = "url: https://acme.slack.example/archives/customer-data";
        if (!text.contains(purpose) || !text.contains(link)) {
            throw new IllegalStateException("the example product customer-profiles changed; update TestMesh");
        }
        return text.replace(purpose, purpose + "    " + HOSTILE + "\n")
                .replace(link, "url: \"javascript:alert(document.cookie)\"");
    }

    private static List<BundleFile> contracts(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        return entries(folder, false).stream().map(file -> new BundleFile(file.getFileName().toString(), text(file)))
                .toList();
    }

    private static List<Path> entries(Path folder, boolean directories) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(directories ? Files::isDirectory : Files::isRegularFile).sorted().toList();
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
