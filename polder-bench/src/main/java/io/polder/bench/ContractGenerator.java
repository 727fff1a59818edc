package io.polder.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes realistic, valid ODCS v3.1.0 contracts, deterministically from a seed: one to three schema
 * objects of 4 to 20 typed properties, classification, library and sql quality rules, SLA properties,
 * team and support. The same seed always gives the same files.
 */
final class ContractGenerator {
    private static final String[][] TYPES = {
        {"string", "varchar(64)"}, {"integer", "bigint"}, {"number", "decimal(12,2)"}, {"date", "date"},
        {"timestamp", "timestamp"}, {"boolean", "boolean"}
    };
    private static final String[] DOMAINS = {"sales", "customer", "logistics", "finance", "marketing"};

    private final Random random;

    ContractGenerator(long seed) {
        this.random = new Random(seed);
    }

    List<Path> writeContracts(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("contract-" + i + ".odcs.yaml");
            Files.writeString(file, contract(i), StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }

    String contract(int index) {
        String domain = DOMAINS[index % DOMAINS.length];
        StringBuilder yaml = new StringBuilder(4096);
        yaml.append("apiVersion: v3.1.0\nkind: DataContract\n")
                .append("id: ").append(domain).append("-contract-").append(index).append('\n')
                .append("name: ").append(domain).append(" dataset ").append(index).append('\n')
                .append("version: ").append(1 + random.nextInt(3)).append('.').append(random.nextInt(10)).append(".0\n")
                .append("status: active\n")
                .append("domain: ").append(domain).append('\n')
                .append("tags: [generated, ").append(domain).append("]\n")
                .append("description:\n  purpose: Generated contract ").append(index).append(" for benchmarking.\n")
                .append("  usage: Read it through the gateway.\n");
        int objects = 1 + random.nextInt(3);
        yaml.append("schema:\n");
        for (int o = 0; o < objects; o++) {
            appendObject(yaml, "table_" + index + "_" + o);
        }
        yaml.append("slaProperties:\n")
                .append("  - property: freshness\n    value: ").append(1 + random.nextInt(24)).append("\n    unit: h\n")
                .append("  - property: retention\n    value: 3\n    unit: y\n");
        yaml.append("team:\n  name: ").append(domain).append("-team\n  members:\n")
                .append("    - username: owner").append(index).append("@example.com\n      role: owner\n");
        yaml.append("support:\n  - channel: '#").append(domain).append("-data'\n    tool: slack\n");
        return yaml.toString();
    }

    private void appendObject(StringBuilder yaml, String name) {
        yaml.append("  - name: ").append(name).append('\n')
                .append("    logicalType: object\n    physicalType: table\n")
                .append("    description: Rows of ").append(name).append(".\n")
                .append("    properties:\n")
                .append("      - name: id\n        logicalType: integer\n        physicalType: bigint\n")
                .append("        required: true\n        unique: true\n        primaryKey: true\n        primaryKeyPosition: 1\n");
        int properties = 3 + random.nextInt(17);
        for (int p = 0; p < properties; p++) {
            String[] type = TYPES[random.nextInt(TYPES.length)];
            yaml.append("      - name: column_").append(p).append('\n')
                    .append("        logicalType: ").append(type[0]).append('\n')
                    .append("        physicalType: ").append(type[1]).append('\n')
                    .append("        description: Column ").append(p).append(" of ").append(name).append(".\n")
                    .append("        required: ").append(random.nextBoolean()).append('\n');
            if (random.nextInt(4) == 0) {
                yaml.append("        classification: personal\n");
            }
            if (random.nextInt(3) == 0) {
                yaml.append("        quality:\n          - metric: nullValues\n            mustBeLessThan: ")
                        .append(random.nextInt(10)).append("\n            unit: percent\n");
            }
        }
        yaml.append("    quality:\n")
                .append("      - metric: rowCount\n        mustBeGreaterThan: 0\n")
                .append("      - type: sql\n        query: SELECT COUNT(*) FROM ").append(name).append(" WHERE id < 0\n")
                .append("        mustBe: 0\n");
    }
}
