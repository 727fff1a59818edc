package io.polder.model.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.SourceFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schema differences between two versions of a contract, and which of them break its consumers. */
class SchemaChangeTest {
    private static final String BEFORE = """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            version: 1.0.0
            status: active
            schema:
              - name: orders
                properties:
                  - {name: order_id, logicalType: string, physicalType: varchar(20), required: true}
                  - {name: amount, logicalType: number, physicalType: 'decimal(12,2)', required: true}
                  - {name: email, logicalType: string, classification: personal}
                  - {name: note, logicalType: string}
                  - {name: legacy_code, logicalType: string}
              - name: order_lines
                properties:
                  - {name: order_id, logicalType: string}
            """;

    @Test
    void eachDifferenceIsNamedAndOnlyWhatBreaksQueriesIsBreaking() {
        String after = BEFORE.replace("version: 1.0.0", "version: 1.1.0")
                .replace("physicalType: 'decimal(12,2)', required: true", "physicalType: 'decimal(14,2)', required: false")
                .replace("classification: personal", "classification: restricted")
                .replace("{name: note, logicalType: string}", "{name: note, logicalType: string, required: true}")
                .replace("      - {name: legacy_code, logicalType: string}\n", "      - {name: channel, logicalType: string}\n")
                .replace("  - name: order_lines\n    properties:\n      - {name: order_id, logicalType: string}\n",
                        "  - name: returns\n    properties:\n      - {name: order_id, logicalType: string}\n");
        List<SchemaChange> changes = SchemaChange.between(contract(BEFORE), contract(after));
        assertThat(changes).extracting(SchemaChange::describe).containsExactly(
                "orders.amount type number decimal(12,2) → number decimal(14,2)",
                "orders.amount no longer required",
                "orders.email classification personal → restricted",
                "orders.note now required",
                "orders.channel added (string)",
                "orders.legacy_code removed",
                "added table returns",
                "removed table order_lines");
        assertThat(changes).filteredOn(SchemaChange::breaking).extracting(SchemaChange::describe).containsExactly(
                "orders.amount type number decimal(12,2) → number decimal(14,2)",
                "orders.amount no longer required",
                "orders.legacy_code removed",
                "removed table order_lines");
    }

    @Test
    void theSameSchemaHasNoChangeWhateverElseDiffers() {
        String after = BEFORE.replace("version: 1.0.0", "version: 2.0.0").replace("status: active", "status: deprecated");
        assertThat(SchemaChange.between(contract(BEFORE), contract(after))).isEmpty();
        assertThat(SchemaChange.between(contract(BEFORE), contract(BEFORE.replace("schema:\n", "schema: []\nx-old:\n"))))
                .extracting(SchemaChange::describe).containsExactly("removed table orders", "removed table order_lines");
    }

    private static DataContract contract(String yaml) {
        ParsedFile parsed = DocumentReader.withDefaults().read(yaml, "c.yaml", SourceFormat.YAML);
        assertThat(parsed.problems()).isEmpty();
        Problems problems = new Problems("c.yaml");
        DataContract contract = new OdcsReader().read(parsed.documents().getFirst(), problems);
        assertThat(contract).as(problems.list().toString()).isNotNull();
        return contract;
    }
}
