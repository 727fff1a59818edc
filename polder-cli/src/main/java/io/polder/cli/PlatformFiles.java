package io.polder.cli;

import io.polder.governance.PolicyEngine;
import io.polder.governance.PolicyLoader;
import io.polder.model.problem.Problem;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.MapNode;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import io.polder.model.validate.MeshLoader;
import io.polder.spi.settings.ProductSettingsReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Polder's own files beside the standards' documents: policy files ({@code kind: Policy}, {@code PolicyExemption},
 * {@code PolicyTest}) and a product's {@code polder.yaml} ({@code kind: ProductSettings}). The model's validator
 * reads the standards and mesh.yaml only; {@code polder validate} checks these with the readers that {@code plan},
 * {@code apply} and the server use, so a product folder or a policies folder validates like a mesh does.
 */
final class PlatformFiles {
    enum Kind {
        POLICY("policy file"),
        SETTINGS(LocalMesh.SETTINGS_FILE + " file");

        final String noun;

        Kind(String noun) {
            this.noun = noun;
        }
    }

    private static final Set<String> POLICY_KINDS = Set.of("Policy", "PolicyExemption", "PolicyTest");
    private static final String SETTINGS_KIND = "ProductSettings";

    private final PolicyLoader policies = new PolicyLoader(new PolicyEngine());

    /**
     * Which of Polder's own files {@code file} is, by the {@code kind} of its first document; empty for anything
     * else, an unreadable file included (the model's validator says what is wrong with it).
     */
    static Optional<Kind> kindOf(Path file, String display) {
        ParsedFile parsed = DocumentReader.withDefaults().read(file, display);
        if (!parsed.ok() || parsed.documents().isEmpty()) {
            return Optional.empty();
        }
        SourceDocument first = parsed.documents().getFirst();
        if (!(first.root() instanceof MapNode root) || !(root.get("kind") instanceof ScalarNode kind)) {
            return Optional.empty();
        }
        if (POLICY_KINDS.contains(kind.value())) {
            return Optional.of(Kind.POLICY);
        }
        return kind.value().equals(SETTINGS_KIND) ? Optional.of(Kind.SETTINGS) : Optional.empty();
    }

    /** Every problem of one of Polder's own files, as plan and apply would find it. */
    List<Problem> check(Path file, String display, Kind kind) {
        return switch (kind) {
            case POLICY -> policies.load(file, display).problems();
            case SETTINGS -> ProductSettingsReader.check(text(file), display);
        };
    }

    /** The problems of a mesh folder's policy files, loaded together as plan and apply load them. */
    List<Problem> checkMeshPolicies(Path root, String display) {
        return LocalMesh.policies(root).isEmpty() ? List.of() : policies.load(root, display).problems();
    }

    /** The polder.yaml of each product folder of a mesh ({@code DOMAIN/PRODUCT/polder.yaml}), in path order. */
    static List<Path> meshSettingsFiles(Path root) {
        List<Path> files = new ArrayList<>();
        for (Path domain : folders(root)) {
            if (domain.getFileName().toString().equals(MeshLoader.POLICIES_DIR)) {
                continue;
            }
            for (Path product : folders(domain)) {
                Path settings = product.resolve(LocalMesh.SETTINGS_FILE);
                if (Files.isRegularFile(product.resolve(MeshLoader.PRODUCT_FILE)) && Files.isRegularFile(settings)) {
                    files.add(settings);
                }
            }
        }
        return files;
    }

    /** A file's name in problems, below the path the user typed, as the model's validator names it. */
    static String display(String parent, String child) {
        return parent.isEmpty() || parent.equals(".") ? child : parent.endsWith("/") ? parent + child : parent + "/" + child;
    }

    private static List<Path> folders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
