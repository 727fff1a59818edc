package io.polder.bench;

import io.polder.registry.apply.MeshBundle;
import io.polder.registry.apply.MeshBundle.BundleFile;
import io.polder.registry.apply.MeshBundle.BundleProduct;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates a valid mesh for the registry benchmark, deterministically: a mesh.yaml with
 * {@value #DOMAINS} domains of {@value #TEAMS_PER_DOMAIN} teams each, and products spread over them, each
 * with one output port backed by one ODCS contract of a few typed properties, as a {@link MeshBundle} (what
 * {@code polder apply} uploads).
 */
final class MeshGenerator {
    static final int DOMAINS = 20;
    static final int TEAMS_PER_DOMAIN = 3;

    private MeshGenerator() {
    }

    static String domain(int product) {
        return "domain-" + (product % DOMAINS);
    }

    static String team(int product) {
        return domain(product) + "-team-" + (product / DOMAINS % TEAMS_PER_DOMAIN);
    }

    static String productId(int product) {
        return "product-" + product;
    }

    /** A bundle of mesh.yaml and the products numbered {@code from} (inclusive) to {@code to} (exclusive). */
    static MeshBundle bundle(int from, int to) {
        List<BundleProduct> products = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            products.add(product(i));
        }
        return new MeshBundle(meshYaml(), products);
    }

    static String meshYaml() {
        StringBuilder yaml = new StringBuilder(16_384);
        yaml.append("apiVersion: polder/v1\nkind: Mesh\nname: bench\ndescription: A generated mesh for the registry benchmark.\n");
        yaml.append("domains:\n");
        for (int d = 0; d < DOMAINS; d++) {
            yaml.append("  - id: domain-").append(d).append("\n    name: Domain ").append(d)
                    .append("\n    description: Generated domain ").append(d).append(".\n    owners: [owner-")
                    .append(d).append("@bench.example]\n");
        }
        yaml.append("teams:\n");
        for (int d = 0; d < DOMAINS; d++) {
            for (int t = 0; t < TEAMS_PER_DOMAIN; t++) {
                String team = "domain-" + d + "-team-" + t;
                yaml.append("  - id: ").append(team).append("\n    name: Team ").append(d).append('.').append(t)
                        .append("\n    domain: domain-").append(d).append("\n    members:\n")
                        .append("      - username: lead-").append(d).append('-').append(t).append("@bench.example\n")
                        .append("        name: Lead ").append(d).append('.').append(t).append("\n        role: owner\n")
                        .append("      - username: dev-").append(d).append('-').append(t).append("@bench.example\n")
                        .append("        role: member\n");
            }
        }
        return yaml.toString();
    }

    static BundleProduct product(int index) {
        String id = productId(index);
        String contractId = id + "-records";
        String version = "1." + (index % 7) + ".0";
        String product = "apiVersion: v1.0.0\nkind: DataProduct\n"
                + "id: " + id + "\nname: Product " + index + "\nversion: " + version + "\nstatus: active\n"
                + "domain: " + domain(index) + "\n"
                + "description:\n  purpose: Generated product " + index + " for the registry benchmark.\n"
                + "  usage: Read its records table.\n"
                + "tags: [generated, " + domain(index) + "]\n"
                + "team:\n  name: " + team(index) + "\n"
                + "outputPorts:\n  - name: records\n    description: The records of product " + index + ".\n"
                + "    type: tables\n    version: " + version + "\n    contractId: " + contractId + "\n";
        return new BundleProduct(domain(index) + "/" + id, product,
                List.of(new BundleFile("records.odcs.yaml", contract(index, contractId, version))));
    }

    private static String contract(int index, String contractId, String version) {
        return "apiVersion: v3.1.0\nkind: DataContract\n"
                + "id: " + contractId + "\nname: Records of product " + index + "\nversion: " + version + "\n"
                + "status: active\ndomain: " + domain(index) + "\n"
                + "description:\n  purpose: The records of generated product " + index + ".\n"
                + "schema:\n  - name: records\n    logicalType: object\n    physicalType: table\n    properties:\n"
                + "      - name: id\n        logicalType: integer\n        physicalType: bigint\n        required: true\n"
                + "        primaryKey: true\n        primaryKeyPosition: 1\n"
                + "      - name: name\n        logicalType: string\n        physicalType: varchar(100)\n"
                + "      - name: amount\n        logicalType: number\n        physicalType: decimal(12,2)\n"
                + "      - name: created_at\n        logicalType: timestamp\n        physicalType: timestamp\n"
                + "        classification: internal\n";
    }
}
