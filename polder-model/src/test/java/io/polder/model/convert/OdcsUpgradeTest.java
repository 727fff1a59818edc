package io.polder.model.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structural changes from ODCS v3.0.x to v3.1.0, one by one; every result must pass the v3.1.0 schema. */
class OdcsUpgradeTest {
    private static final String HEADER = """
            apiVersion: v3.0.2
            kind: DataContract
            id: orders
            version: 1.0.0
            status: active
            """;

    private static Converted upgrade(String body) {
        Converted converted = Converted.yaml(HEADER + body);
        assertThat(converted.conversion().sourceKind()).isEqualTo(SourceKind.ODCS_V3_0);
        return converted;
    }

    private static Converted upgradeValid(String body) {
        Converted converted = upgrade(body);
        assertThat(converted.schemaErrors()).isEmpty();
        return converted;
    }

    @Test
    void apiVersionBecomesV310AndTheOrderIsKept() {
        Converted converted = upgradeValid("tenant: acme\n");

        assertThat(converted.document()).containsExactly(Map.entry("apiVersion", "v3.1.0"),
                Map.entry("kind", "DataContract"), Map.entry("id", "orders"), Map.entry("version", "1.0.0"),
                Map.entry("status", "active"), Map.entry("tenant", "acme"));
        assertThat(converted.problems()).isEmpty();
    }

    @Test
    void theTeamListBecomesATeamObjectWithMembers() {
        Converted converted = upgradeValid("""
                team:
                  - username: ceastwood
                    role: Data Scientist
                    dateIn: 2022-08-02
                  - username: mhopper
                    department: analytics
                """);

        assertThat(converted.at("team/members/0")).isEqualTo(Map.of("username", "ceastwood",
                "role", "Data Scientist", "dateIn", "2022-08-02"));
        assertThat(converted.at("team/members/1/username")).isEqualTo("mhopper");
        assertThat(converted.custom("team/members/1", "department")).isEqualTo("analytics");
        assertThat(converted.warnings()).singleElement().asString()
                .startsWith("contract.yaml:11:5: warning: a team member allows no `department`");
    }

    @Test
    void aTeamMemberWithoutUsernameIsAnError() {
        Converted converted = upgrade("""
                team:
                  - name: Jane Doe
                """);

        assertThat(converted.errors()).singleElement().asString()
                .isEqualTo("contract.yaml:7:5: a team member needs a `username` in ODCS v3.1.0 (at /team/0)");
    }

    @Test
    void aLibraryRuleNamesAMetricAndCarriesItsArguments() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    quality:
                      - rule: rowCount
                        mustBeGreaterThan: 100
                    properties:
                      - name: status
                        quality:
                          - type: library
                            rule: validValues
                            validValues: [open, closed]
                            mustBeLessThan: 3
                          - rule: duplicateCount
                            columns: [a, b]
                            mustBe: 0
                """);

        assertThat(converted.at("schema/0/quality/0")).isEqualTo(Map.of("metric", "rowCount", "mustBeGreaterThan", 100L));
        assertThat(converted.at("schema/0/properties/0/quality/0")).isEqualTo(Map.of("type", "library",
                "metric", "invalidValues", "arguments", Map.of("validValues", List.of("open", "closed")),
                "mustBeLessThan", 3L));
        assertThat(converted.at("schema/0/properties/0/quality/1/metric")).isEqualTo("duplicateValues");
        assertThat(converted.at("schema/0/properties/0/quality/1/arguments"))
                .isEqualTo(Map.of("properties", List.of("a", "b")));
        assertThat(converted.problems()).isEmpty();
    }

    @Test
    void aLibraryRuleWithoutOperatorGetsTheOneItMeant() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    properties:
                      - name: status
                        quality:
                          - rule: validValues
                            validValues: [open]
                """);

        assertThat(converted.at("schema/0/properties/0/quality/0/mustBe")).isEqualTo(0L);
        assertThat(converted.warnings()).singleElement().asString().contains("written as mustBe: 0");
    }

    @Test
    void aRuleWithoutAV31MetricBecomesATextRuleKeepingItsCheck() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    quality:
                      - rule: freshness
                        description: Fresh within a day
                        mustBeLessThan: 24
                        unit: hours
                """);

        assertThat(converted.at("schema/0/quality/0/type")).isEqualTo("text");
        assertThat(converted.at("schema/0/quality/0/description")).isEqualTo("Fresh within a day");
        assertThat(converted.custom("schema/0/quality/0", "rule")).isEqualTo("freshness");
        assertThat(converted.custom("schema/0/quality/0", "mustBeLessThan")).isEqualTo(24L);
        assertThat(converted.warnings()).anySatisfy(warning -> assertThat(warning).contains("written as a text rule"));
    }

    @Test
    void anOpenRangeBecomesMustBeBetweenAndOtherPairsAreSplit() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    quality:
                      - type: sql
                        query: SELECT COUNT(*) FROM orders
                        mustBeGreaterThan: 10
                        mustBeLessThan: 20
                      - id: count_range
                        type: sql
                        query: SELECT COUNT(*) FROM orders
                        mustBeGreaterOrEqualTo: 10
                        mustBeLessOrEqualTo: 20
                """);

        assertThat(converted.at("schema/0/quality/0")).isEqualTo(Map.of("type", "sql",
                "query", "SELECT COUNT(*) FROM orders", "mustBeBetween", List.of(10L, 20L)));
        assertThat(converted.at("schema/0/quality/1")).isEqualTo(Map.of("id", "count_range_1", "type", "sql",
                "query", "SELECT COUNT(*) FROM orders", "mustBeGreaterOrEqualTo", 10L));
        assertThat(converted.at("schema/0/quality/2")).isEqualTo(Map.of("id", "count_range_2", "type", "sql",
                "query", "SELECT COUNT(*) FROM orders", "mustBeLessOrEqualTo", 20L));
    }

    @Test
    void aSqlRuleWithoutOperatorBecomesATextRule() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    quality:
                      - type: sql
                        query: SELECT id FROM orders WHERE total < 0
                """);

        assertThat(converted.at("schema/0/quality/0/type")).isEqualTo("text");
        assertThat(converted.custom("schema/0/quality/0", "query")).isEqualTo("SELECT id FROM orders WHERE total < 0");
    }

    @Test
    void operatorsOnACustomRuleAndUnknownKeysMoveIntoItsCustomProperties() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    quality:
                      - type: custom
                        engine: soda
                        implementation: "row_count > 0"
                        mustBe: 0
                        owner: quality-team
                """);

        assertThat(converted.at("schema/0/quality/0/engine")).isEqualTo("soda");
        assertThat(converted.custom("schema/0/quality/0", "mustBe")).isEqualTo(0L);
        assertThat(converted.custom("schema/0/quality/0", "owner")).isEqualTo("quality-team");
    }

    @Test
    void exclusiveFlagsBecomeTheBoundItself() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    properties:
                      - name: total
                        logicalType: number
                        logicalTypeOptions:
                          minimum: 0
                          exclusiveMinimum: true
                          maximum: 100
                          exclusiveMaximum: false
                      - name: day
                        logicalType: date
                        logicalTypeOptions:
                          maximum: "2030-01-01"
                          exclusiveMaximum: true
                """);

        assertThat(converted.at("schema/0/properties/0/logicalTypeOptions"))
                .isEqualTo(Map.of("exclusiveMinimum", 0L, "maximum", 100L));
        assertThat(converted.at("schema/0/properties/1/logicalTypeOptions"))
                .isEqualTo(Map.of("exclusiveMaximum", "2030-01-01"));
        assertThat(converted.problems()).isEmpty();
    }

    @Test
    void anExclusiveFlagWithoutABoundIsReported() {
        Converted converted = upgradeValid("""
                schema:
                  - name: orders
                    properties:
                      - name: total
                        logicalType: integer
                        logicalTypeOptions:
                          exclusiveMaximum: true
                """);

        assertThat(converted.at("schema/0/properties/0/logicalTypeOptions")).isEqualTo(Map.of());
        assertThat(converted.warnings()).singleElement().asString().contains("has no `maximum` to apply to");
    }

    @Test
    void serverKeysItsTypeDoesNotHaveMoveIntoItsCustomProperties() {
        Converted converted = upgradeValid("""
                servers:
                  - server: events
                    type: kafka
                    host: broker:9092
                    topic: orders
                    customProperties:
                      - property: owner
                        value: platform
                  - server: local
                    type: duckdb
                    database: warehouse.duckdb
                    schema: 1
                """);

        assertThat(converted.at("servers/0/customProperties")).isEqualTo(List.of(
                Map.of("property", "owner", "value", "platform"), Map.of("property", "topic", "value", "orders")));
        assertThat(converted.at("servers/1/schema")).isEqualTo("1");
        assertThat(converted.warnings()).anySatisfy(warning -> assertThat(warning)
                .startsWith("contract.yaml:10:5: warning: a server of type kafka has no `topic`"));
    }

    @Test
    void customPropertiesGetTheirRequiredValueAndLoseForeignKeys() {
        Converted converted = upgradeValid("""
                customProperties:
                  - property: owner
                  - property: refreshed
                    value: daily
                    unit: d
                """);

        assertThat(converted.document().get("customProperties")).isEqualTo(List.of(
                mapWithNull("owner"), Map.of("property", "refreshed", "value", "daily"),
                Map.of("property", "refreshed.unit", "value", "d")));
        assertThat(yaml(converted)).contains("value: null");
    }

    @Test
    void aCustomPropertyWithoutNameIsAnError() {
        Converted converted = upgrade("""
                customProperties:
                  - value: daily
                """);

        assertThat(converted.errors()).singleElement().asString().contains("needs a `property` name");
    }

    @Test
    void objectsThatTurnedStrictKeepTheirExtrasAsCustomProperties() {
        Converted converted = upgradeValid("""
                support:
                  - channel: "#orders"
                    url: https://slack.example.com/orders
                    language: en
                roles:
                  - role: analyst
                    ticket: OPS-1
                price:
                  priceAmount: 10
                  priceCurrency: EUR
                  billingDay: 1
                slaProperties:
                  - property: latency
                    value: 4
                    unit: d
                    owner: ops
                authoritativeDefinitions:
                  - type: canonicalUrl
                    url: https://example.com/orders.odcs.yaml
                    version: 2
                """);

        assertThat(converted.custom("support/0", "language")).isEqualTo("en");
        assertThat(converted.custom("roles/0", "ticket")).isEqualTo("OPS-1");
        assertThat(converted.custom("", "price.billingDay")).isEqualTo(1L);
        assertThat(converted.custom("", "slaProperties[0].owner")).isEqualTo("ops");
        assertThat(converted.custom("", "authoritativeDefinitions[0].version")).isEqualTo(2L);
        assertThat(converted.warnings()).hasSize(5);
    }

    @Test
    void deprecatedFieldsAreKeptWithAWarning() {
        Converted converted = upgradeValid("""
                dataProduct: orders
                slaDefaultElement: orders.created_at
                """);

        assertThat(converted.document()).containsEntry("dataProduct", "orders")
                .containsEntry("slaDefaultElement", "orders.created_at");
        assertThat(converted.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning).contains("deprecated"));
    }

    private static Map<String, Object> mapWithNull(String property) {
        Map<String, Object> custom = new java.util.LinkedHashMap<>();
        custom.put("property", property);
        custom.put("value", null);
        return custom;
    }

    private static String yaml(Converted converted) {
        return io.polder.model.write.DocumentWriter.toYaml(converted.document());
    }
}
