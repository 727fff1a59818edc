package io.polder.registry.apply;

import io.polder.registry.catalog.PortDirection;
import io.polder.registry.catalog.StoredDocument;
import io.polder.registry.store.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * What a validated bundle declares, reduced to what the registry stores. Planning compares these with the
 * registry; applying writes them.
 */
final class Declared {
    private Declared() {
    }

    /** @param snapshot the products as the governance library evaluates them, with their source documents */
    record Mesh(List<Domain> domains, List<Team> teams, List<Product> products, List<String> warnings,
                io.polder.governance.MeshSnapshot snapshot) {
        Mesh {
            domains = List.copyOf(domains);
            teams = List.copyOf(teams);
            products = List.copyOf(products);
            warnings = List.copyOf(warnings);
        }
    }

    record Domain(String id, String name, String description, List<String> owners) {
        Domain {
            owners = List.copyOf(owners);
        }

        String digest() {
            return sha256(Json.write(this));
        }
    }

    record Team(String id, String domain, String name, String description, List<Member> members) {
        Team {
            members = List.copyOf(members);
        }

        String digest() {
            return sha256(Json.write(this));
        }
    }

    record Member(String username, String displayName, String role) {
    }

    /**
     * A product folder.
     *
     * @param lifecycle the lifecycle status the document asks for (from its {@code status}), or null when
     *                  it names none the registry knows
     * @param sunsetDate for a deprecated product, from its custom property {@code sunsetDate}
     */
    record Product(String id, String domain, String team, String name, String version, String declaredStatus,
                   io.polder.registry.catalog.LifecycleStatus lifecycle, LocalDate sunsetDate, String sourcePath,
                   StoredDocument document, List<Port> ports, List<Contract> contracts, List<File> files) {
        Product {
            ports = List.copyOf(ports);
            contracts = List.copyOf(contracts);
            files = List.copyOf(files);
        }

        /**
         * What makes the version's content: the document's digest alone for a product without polder.yaml and
         * build files (so versions published before they were stored keep their digest), else a digest over
         * the document's digest and every file.
         */
        String versionDigest() {
            return files.isEmpty() ? document.digest() : sha256(Json.write(List.of(document.digest(), files)));
        }
    }

    /** A file published with a product version: {@code polder.yaml} (kind settings) or a {@code build/*.sql}. */
    record File(String kind, String name, String text) {
        static final String SETTINGS = "settings";
        static final String BUILD = "build";
    }

    record Port(PortDirection direction, String name, String version, String type, String contractId,
                String description) {
    }

    record Contract(String id, String version, String name, String status, String sourcePath,
                    StoredDocument document) {
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
