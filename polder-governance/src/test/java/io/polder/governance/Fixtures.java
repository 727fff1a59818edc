package io.polder.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OdpsReader;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceDocument;
import io.polder.model.source.SourceFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Policies and products written inline, for tests. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final PolicyEngine ENGINE = new PolicyEngine();

    private Fixtures() {
    }

    /** Policy documents read as if from the mesh's policies/ folder. */
    static PolicyLoad load(String yaml) {
        return load(yaml, PolicyScope.global());
    }

    static PolicyLoad load(String yaml, PolicyScope location) {
        return new PolicyLoader(ENGINE).read(yaml, "policies/test.yaml", location);
    }

    /** Policy documents that must load without an error. */
    static PolicySet policies(String yaml) {
        PolicyLoad load = load(yaml);
        assertThat(load.errors()).isEmpty();
        return load.policySet();
    }

    /** One policy document with the usual header; {@code fields} are its other lines. */
    static String policy(String id, String target, String fields) {
        return "---\napiVersion: polder/v1\nkind: Policy\nid: " + id + "\nversion: 1.0.0\ntarget: " + target
                + "\nseverity: error\n" + fields + (fields.endsWith("\n") ? "" : "\n");
    }

    /** A product and its contracts, read from YAML with their sources (so that results have positions). */
    static ProductContext product(String productYaml, String... contractYamls) {
        DocumentReader reader = DocumentReader.withDefaults();
        Problems problems = new Problems("product.odps.yaml");
        SourceDocument productSource = reader.read(productYaml, "product.odps.yaml", SourceFormat.YAML).documents().getFirst();
        DataProduct product = new OdpsReader().read(productSource, problems);
        List<DataContract> contracts = new ArrayList<>();
        Map<String, SourceDocument> sources = new LinkedHashMap<>();
        for (int i = 0; i < contractYamls.length; i++) {
            String file = "contracts/" + i + ".odcs.yaml";
            SourceDocument source = reader.read(contractYamls[i], file, SourceFormat.YAML).documents().getFirst();
            DataContract contract = new OdcsReader().read(source, problems);
            contracts.add(contract);
            sources.put(contract.id(), source);
        }
        assertThat(problems.list()).as("fixture documents are valid").noneMatch(problem -> problem.isError());
        return new ProductContext(product, contracts, DomainInfo.unknown(product.domain()), Facts.NONE, productSource,
                sources);
    }

    /** A valid active product with one output port backed by {@link #CONTRACT}. */
    static final String PRODUCT = """
            apiVersion: v1.0.0
            kind: DataProduct
            id: shop-orders
            name: Orders
            version: 1.2.0
            status: active
            domain: sales
            description:
              purpose: Every order placed in the shop.
            team:
              name: sales-team
            outputPorts:
              - name: orders
                version: 1.2.0
                contractId: shop-orders-orders
            """;

    static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: shop-orders-orders
            version: 1.2.0
            status: active
            schema:
              - name: orders
                physicalType: table
                properties:
                  - name: order_id
                    logicalType: integer
                    primaryKey: true
                    primaryKeyPosition: 1
                    classification: internal
                  - name: email
                    logicalType: string
                    classification: internal
                    customProperties:
                      - property: personalData
                        value: email
                  - name: address
                    logicalType: object
                    properties:
                      - name: street
                        logicalType: string
                  - name: tags
                    logicalType: array
                    items:
                      logicalType: string
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 0
            slaProperties:
              - property: latency
                value: 1
                unit: h
            servers:
              - server: production
                type: postgres
                host: db.example.com
                port: 5432
                database: shop
                schema: public
            """;

    static ProductContext shop() {
        return product(PRODUCT, CONTRACT);
    }

    static Verdict evaluate(String policiesYaml, ProductContext product) {
        return ENGINE.evaluate(policies(policiesYaml), product, NOW);
    }
}
