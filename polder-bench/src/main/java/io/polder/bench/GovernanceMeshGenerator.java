package io.polder.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a mesh of realistic, valid products in memory, deterministically from a seed: each an ODPS
 * v1.0.0 product of one of ten domains, with zero to two input ports reading earlier products, one or two
 * output ports, and per port an ODCS v3.1.0 contract of one or two tables of 6 to 12 columns, some of them
 * personal data (classified and marked as the example mesh does), with SLAs, roles, team and support.
 */
final class GovernanceMeshGenerator {
    static final String[] DOMAINS = {"sales", "customer", "logistics", "finance", "marketing", "hr", "supply",
        "pricing", "service", "web"};
    private static final String[][] COLUMNS = {
        {"order_id", "integer", "bigint"}, {"amount", "number", "decimal(12,2)"}, {"created_at", "timestamp", "timestamp"},
        {"country_code", "string", "varchar(2)"}, {"status", "string", "varchar(16)"}, {"quantity", "integer", "integer"},
        {"booked_on", "date", "date"}, {"is_test", "boolean", "boolean"}, {"channel", "string", "varchar(16)"},
        {"net_amount", "number", "decimal(12,2)"}, {"updated_at", "timestamp", "timestamp"}
    };
    private static final String[][] PERSONAL = {
        {"email", "email"}, {"first_name", "name"}, {"last_name", "name"}, {"phone", "phone"},
        {"postal_code", "address"}
    };

    /** One product's documents, as YAML text. */
    record Product(String domain, String id, String product, List<String> contracts) {
    }

    /** An output port offered so far, for later products to read. */
    private record Offer(String contractId, String version) {
    }

    private final Random random;

    GovernanceMeshGenerator(long seed) {
        this.random = new Random(seed);
    }

    List<Product> products(int count) {
        List<Product> products = new ArrayList<>(count);
        List<Offer> offers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            products.add(product(i, offers));
        }
        return products;
    }

    private Product product(int index, List<Offer> offers) {
        String domain = DOMAINS[index % DOMAINS.length];
        String id = domain + "-product-" + index;
        String version = (1 + random.nextInt(3)) + "." + random.nextInt(10) + ".0";
        StringBuilder yaml = new StringBuilder(2048);
        yaml.append("apiVersion: v1.0.0\nkind: DataProduct\nid: ").append(id).append('\n')
                .append("name: ").append(domain).append(" product ").append(index).append('\n')
                .append("version: ").append(version).append("\nstatus: active\ndomain: ").append(domain).append('\n')
                .append("tags: [generated, ").append(domain).append("]\n")
                .append("description:\n  purpose: Generated product ").append(index).append(" of the ").append(domain)
                .append(" domain, for the governance benchmark.\n  usage: Read it through the gateway.\n")
                .append("team:\n  name: ").append(domain).append("-team\n  members:\n")
                .append("    - username: owner").append(index).append("@example.com\n      role: owner\n")
                .append("support:\n  - channel: '#").append(domain).append("-data'\n")
                .append("    url: https://chat.example.com/").append(domain).append("-data\n    tool: slack\n");
        appendInputPorts(yaml, offers);
        List<String> contracts = new ArrayList<>();
        int ports = 1 + random.nextInt(2);
        yaml.append("outputPorts:\n");
        for (int p = 0; p < ports; p++) {
            String contractId = id + "-port-" + p;
            boolean personal = random.nextInt(3) == 0;
            yaml.append("  - name: port-").append(p).append('\n')
                    .append("    description: Output port ").append(p).append(" of ").append(id).append(", as tables.\n")
                    .append("    type: tables\n    version: ").append(version).append('\n')
                    .append("    contractId: ").append(contractId).append('\n')
                    .append(personal ? "    tags: [personal-data]\n" : "");
            contracts.add(contract(contractId, version, domain, personal));
            offers.add(new Offer(contractId, version));
        }
        yaml.append("productCreatedTs: \"2024-06-10T09:00:00Z\"\n");
        return new Product(domain, id, yaml.toString(), contracts);
    }

    private void appendInputPorts(StringBuilder yaml, List<Offer> offers) {
        int inputs = offers.isEmpty() ? 0 : random.nextInt(3);
        if (inputs == 0) {
            return;
        }
        yaml.append("inputPorts:\n");
        for (int i = 0; i < inputs; i++) {
            Offer offer = offers.get(random.nextInt(offers.size()));
            yaml.append("  - name: input-").append(i).append("\n    version: ").append(offer.version())
                    .append("\n    contractId: ").append(offer.contractId()).append('\n');
        }
    }

    private String contract(String id, String version, String domain, boolean personal) {
        StringBuilder yaml = new StringBuilder(4096);
        yaml.append("apiVersion: v3.1.0\nkind: DataContract\nid: ").append(id).append('\n')
                .append("version: ").append(version).append("\nstatus: active\ndomain: ").append(domain).append('\n')
                .append("description:\n  purpose: The rows of ").append(id).append(".\n")
                .append("schema:\n");
        int objects = 1 + random.nextInt(2);
        for (int o = 0; o < objects; o++) {
            appendObject(yaml, "table_" + o, personal && o == 0);
        }
        yaml.append("slaProperties:\n  - property: latency\n    value: ").append(1 + random.nextInt(24))
                .append("\n    unit: h\n  - property: retention\n    value: 30\n    unit: d\n");
        if (personal) {
            yaml.append("roles:\n  - role: ").append(domain).append("_unmasked\n    access: read\n")
                    .append("    firstLevelApprovers: owner@example.com\n");
        }
        yaml.append("team:\n  name: ").append(domain).append("-team\n")
                .append("support:\n  - channel: '#").append(domain).append("-data'\n    tool: slack\n")
                .append("    url: https://chat.example.com/").append(domain).append("-data\n");
        return yaml.toString();
    }

    private void appendObject(StringBuilder yaml, String name, boolean personal) {
        yaml.append("  - name: ").append(name).append("\n    physicalType: table\n")
                .append("    description: Rows of ").append(name).append(".\n    properties:\n")
                .append("      - name: id\n        logicalType: integer\n        physicalType: bigint\n")
                .append("        description: The key.\n        required: true\n        primaryKey: true\n")
                .append("        classification: internal\n");
        int columns = 5 + random.nextInt(7);
        for (int c = 0; c < columns; c++) {
            String[] column = COLUMNS[(c + random.nextInt(COLUMNS.length)) % COLUMNS.length];
            yaml.append("      - name: ").append(column[0]).append('_').append(c).append('\n')
                    .append("        logicalType: ").append(column[1]).append("\n        physicalType: ")
                    .append(column[2]).append("\n        description: Column ").append(c).append(" of ").append(name)
                    .append(".\n        classification: internal\n");
        }
        if (personal) {
            for (String[] column : PERSONAL) {
                yaml.append("      - name: ").append(column[0]).append("\n        logicalType: string\n")
                        .append("        physicalType: varchar(100)\n        description: Personal data.\n")
                        .append("        classification: personal\n        customProperties:\n")
                        .append("          - property: personalData\n            value: ").append(column[1]).append('\n');
            }
        }
        yaml.append("    quality:\n      - metric: rowCount\n        mustBeGreaterThan: 0\n");
    }
}
