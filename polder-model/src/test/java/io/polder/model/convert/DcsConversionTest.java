package io.polder.model.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Data Contract Specification mappings, one by one; every result must pass the ODCS v3.1.0 schema. */
class DcsConversionTest {
    private static final String HEADER = """
            dataContractSpecification: 1.2.1
            id: orders
            info:
              title: Orders
              version: 1.0.0
              status: active
            """;

    private static Converted convert(String body) {
        Converted converted = Converted.yaml(HEADER + body);
        assertThat(converted.conversion().sourceKind()).isEqualTo(SourceKind.DATA_CONTRACT_SPECIFICATION);
        assertThat(converted.schemaErrors()).isEmpty();
        return converted;
    }

    /** One model {@code orders} with the given fields (indented as under {@code fields:}). */
    private static Converted convertFields(String fields) {
        return convert("models:\n  orders:\n    type: table\n    fields:\n" + fields.indent(6));
    }

    @Test
    void infoBecomesTheFundamentalsTeamAndSupport() {
        Converted converted = Converted.yaml("""
                dataContractSpecification: 1.2.1
                id: urn:datacontract:orders
                info:
                  title: Orders
                  version: 2.0.0
                  status: active
                  description: All orders.
                  owner: Checkout Team
                  contact:
                    name: John Doe
                    email: john@example.com
                    url: https://teams.example.com/checkout
                """);

        assertThat(converted.document()).containsExactly(Map.entry("apiVersion", "v3.1.0"),
                Map.entry("kind", "DataContract"), Map.entry("id", "urn:datacontract:orders"),
                Map.entry("name", "Orders"), Map.entry("version", "2.0.0"), Map.entry("status", "active"),
                Map.entry("description", Map.of("purpose", "All orders.")),
                Map.entry("team", Map.of("name", "Checkout Team")),
                Map.entry("support", List.of(
                        Map.of("channel", "John Doe", "url", "mailto:john@example.com", "tool", "email"),
                        Map.of("channel", "John Doe", "url", "https://teams.example.com/checkout"))));
        assertThat(converted.problems()).isEmpty();
        assertThat(converted.schemaErrors()).isEmpty();
    }

    @Test
    void aMissingStatusIsWrittenAsDraftWithAWarning() {
        Converted converted = Converted.yaml("""
                dataContractSpecification: 1.2.1
                id: orders
                info:
                  title: Orders
                  version: 1.0.0
                """);

        assertThat(converted.document()).containsEntry("status", "draft");
        assertThat(converted.warnings()).singleElement().asString()
                .isEqualTo("contract.yaml:4:3: warning: no `status`: an ODCS contract requires one; written as `draft` (at /info)");
    }

    @Test
    void aMissingIdOrVersionIsAnError() {
        Converted converted = Converted.yaml("""
                dataContractSpecification: 1.2.1
                info:
                  title: Orders
                  status: active
                """);

        assertThat(converted.errors()).containsExactly(
                "contract.yaml:1:1: missing `id`: an ODCS contract requires an id",
                "contract.yaml:3:3: missing `version`: an ODCS contract requires a version (at /info)");
    }

    @Test
    void infoKeysWithoutAPlaceBecomeCustomPropertiesNamedByTheirPath() {
        Converted converted = convert("  x-domain: checkout\n");

        assertThat(converted.custom("", "info.x-domain")).isEqualTo("checkout");
        assertThat(converted.warnings()).singleElement().asString().isEqualTo("contract.yaml:7:3: warning: `x-domain`"
                + " has no place in ODCS v3.1.0; kept as custom property `info.x-domain` (at /info/x-domain)");
    }

    @Test
    void termsBecomeTheDescriptionAndPrice() {
        Converted converted = convert("""
                terms:
                  usage: Reports and analytics.
                  limitations: Not for real-time use.
                  policies:
                    - name: privacy-policy
                      url: https://example.com/privacy
                  billing: 5000 USD per month
                  noticePeriod: P3M
                """);

        assertThat(converted.at("description")).isEqualTo(Map.of("usage", "Reports and analytics.",
                "limitations", "Not for real-time use.",
                "authoritativeDefinitions", List.of(Map.of("type", "privacy-policy", "url", "https://example.com/privacy")),
                "customProperties", List.of(Map.of("property", "noticePeriod", "value", "P3M"))));
        assertThat(converted.at("price")).isEqualTo(Map.of("priceAmount", 5000L, "priceCurrency", "USD",
                "priceUnit", "month"));
    }

    @Test
    void billingThatIsNoPriceStaysACustomProperty() {
        Converted converted = convert("""
                terms:
                  billing: Free for academic research.
                """);

        assertThat(converted.document()).doesNotContainKey("price");
        assertThat(converted.custom("description", "billing")).isEqualTo("Free for academic research.");
    }

    @Test
    void serversBecomeAListWithTheirConnectionFields() {
        Converted converted = convert("""
                servers:
                  production:
                    type: s3
                    environment: prod
                    location: s3://bucket/orders/*.json
                    format: json
                    roles:
                      - name: analyst
                        description: Read access
                  warehouse:
                    type: bigquery
                    project: acme
                    dataset: orders
                  snow:
                    type: snowflake
                    account: acme-eu
                    database: ORDERS
                    schema: PUBLIC
                """);

        assertThat(converted.at("servers/0")).isEqualTo(Map.of("server", "production", "type", "s3",
                "environment", "prod", "location", "s3://bucket/orders/*.json", "format", "json",
                "roles", List.of(Map.of("role", "analyst", "description", "Read access"))));
        assertThat(converted.at("servers/1")).isEqualTo(Map.of("server", "warehouse", "type", "bigquery",
                "project", "acme", "dataset", "orders"));
        assertThat(converted.at("servers/2/account")).isEqualTo("acme-eu");
        assertThat(converted.problems()).isEmpty();
    }

    @Test
    void serverFieldsTheOdcsTypeLacksBecomeItsCustomProperties() {
        Converted converted = convert("""
                servers:
                  events:
                    type: kafka
                    host: broker:9092
                    topic: orders
                """);

        assertThat(converted.at("servers/0/type")).isEqualTo("kafka");
        assertThat(converted.custom("servers/0", "topic")).isEqualTo("orders");
        assertThat(converted.warnings()).singleElement().asString()
                .isEqualTo("contract.yaml:11:5: warning: an ODCS server of type kafka has no `topic`;"
                        + " kept as custom property `topic` (at /servers/events/topic)");
    }

    @Test
    void aServerOdcsCannotTypeBecomesACustomServer() {
        Converted converted = convert("""
                servers:
                  files:
                    type: gcs
                    location: gs://bucket/orders.csv
                    format: csv
                  engine:
                    type: trino
                    host: localhost
                    port: __PORT__
                    catalog: memory
                    schema: orders
                """);

        assertThat(converted.at("servers/0")).isEqualTo(Map.of("server", "files", "type", "custom",
                "location", "gs://bucket/orders.csv", "format", "csv",
                "customProperties", List.of(Map.of("property", "type", "value", "gcs"))));
        assertThat(converted.at("servers/1/type")).isEqualTo("custom");
        assertThat(converted.custom("servers/1", "port")).isEqualTo("__PORT__");
        assertThat(converted.custom("servers/1", "type")).isEqualTo("trino");
        assertThat(converted.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("an ODCS server of type trino requires port"));
    }

    @ParameterizedTest
    @CsvSource({
            "string, string", "text, string", "varchar, string", "int, integer", "integer, integer",
            "long, integer", "bigint, integer", "number, number", "decimal, number", "numeric, number",
            "float, number", "double, number", "boolean, boolean", "date, date", "time, time",
            "timestamp, timestamp", "timestamp_tz, timestamp", "timestamp_ntz, timestamp"})
    void typesBecomeLogicalTypesAndStayThePhysicalType(String dcsType, String logicalType) {
        Converted converted = convertFields("value:\n  type: " + dcsType);

        assertThat(converted.at("schema/0/properties/0/logicalType")).isEqualTo(logicalType);
        assertThat(converted.at("schema/0/properties/0/physicalType")).isEqualTo(dcsType);
        assertThat(converted.problems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"bytes", "variant", "json", "null"})
    void typesWithoutOdcsLogicalTypeKeepOnlyThePhysicalType(String dcsType) {
        Converted converted = convertFields("value:\n  type: '" + dcsType + "'");

        assertThat(converted.at("schema/0/properties/0")).isEqualTo(Map.of("name", "value", "physicalType", dcsType));
    }

    @Test
    void timestampsSayWhetherTheyHoldATimeZone() {
        Converted converted = convertFields("""
                created:
                  type: timestamp_tz
                loaded:
                  type: timestamp_ntz
                """);

        assertThat(converted.at("schema/0/properties/0/logicalTypeOptions")).isEqualTo(Map.of("timezone", true));
        assertThat(converted.at("schema/0/properties/1/logicalTypeOptions")).isEqualTo(Map.of("timezone", false));
    }

    @Test
    void thePhysicalTypeComesFromTheConfigOfTheContractsServerType() {
        Converted converted = convert("""
                servers:
                  prod:
                    type: snowflake
                    account: acme
                    database: DB
                    schema: PUBLIC
                models:
                  orders:
                    fields:
                      processed:
                        type: timestamp
                        config:
                          snowflakeType: TIMESTAMP_LTZ
                          avroType: long
                """);

        assertThat(converted.at("schema/0/properties/0/physicalType")).isEqualTo("TIMESTAMP_LTZ");
        assertThat(converted.custom("schema/0/properties/0", "config"))
                .isEqualTo(Map.of("snowflakeType", "TIMESTAMP_LTZ", "avroType", "long"));
    }

    @Test
    void constraintsBecomeTheOptionsOfTheirLogicalType() {
        Converted converted = convertFields("""
                code:
                  type: string
                  minLength: 2
                  maxLength: 3
                  pattern: "^[A-Z]+$"
                  format: iso-4217
                amount:
                  type: decimal
                  minimum: 0
                  exclusiveMaximum: 1000000
                """);

        assertThat(converted.at("schema/0/properties/0/logicalTypeOptions")).isEqualTo(Map.of("minLength", 2L,
                "maxLength", 3L, "pattern", "^[A-Z]+$", "format", "iso-4217"));
        assertThat(converted.at("schema/0/properties/1/logicalTypeOptions"))
                .isEqualTo(Map.of("minimum", 0L, "exclusiveMaximum", 1000000L));
        assertThat(converted.problems()).isEmpty();
    }

    @Test
    void aConstraintItsLogicalTypeHasNoOptionForIsKeptAndReported() {
        Converted converted = convertFields("""
                quantity:
                  type: integer
                  maxLength: 5
                  precision: 10
                """);

        assertThat(converted.at("schema/0/properties/0/logicalTypeOptions")).isNull();
        assertThat(converted.custom("schema/0/properties/0", "maxLength")).isEqualTo(5L);
        assertThat(converted.custom("schema/0/properties/0", "precision")).isEqualTo(10L);
        assertThat(converted.warnings()).containsExactly(
                "contract.yaml:13:9: warning: ODCS has no `maxLength` option for logical type integer;"
                        + " kept as custom property `maxLength` (at /models/orders/fields/quantity/maxLength)",
                "contract.yaml:14:9: warning: `precision` has no place in ODCS v3.1.0;"
                        + " kept as custom property `precision` (at /models/orders/fields/quantity/precision)");
    }

    @Test
    void keysPiiAndClassificationCarryOver() {
        Converted converted = convert("""
                models:
                  line_items:
                    primaryKey: [order_id, line]
                    fields:
                      order_id:
                        type: string
                        required: true
                        unique: false
                        references: orders.id
                        classification: restricted
                        pii: true
                      line:
                        type: int
                      note:
                        type: string
                        primary: true
                """);

        assertThat(converted.at("schema/0/properties/0")).isEqualTo(Map.of("name", "order_id",
                "logicalType", "string", "physicalType", "string", "required", true, "unique", false,
                "primaryKey", true, "primaryKeyPosition", 1L, "classification", "restricted",
                "relationships", List.of(Map.of("type", "foreignKey", "to", "orders.id")),
                "customProperties", List.of(Map.of("property", "pii", "value", true))));
        assertThat(converted.at("schema/0/properties/1/primaryKeyPosition")).isEqualTo(2L);
        assertThat(converted.at("schema/0/properties/2/primaryKey")).isEqualTo(true);
    }

    @Test
    void aReferenceOdcsCannotWriteIsKept() {
        Converted converted = convertFields("""
                city:
                  type: string
                  references: customers.address.city
                """);

        assertThat(converted.at("schema/0/properties/0/relationships")).isNull();
        assertThat(converted.custom("schema/0/properties/0", "references")).isEqualTo("customers.address.city");
    }

    @Test
    void anEnumBecomesAnInvalidValuesRule() {
        Converted converted = convertFields("""
                status:
                  type: string
                  enum: [open, closed]
                """);

        assertThat(converted.at("schema/0/properties/0/quality")).isEqualTo(List.of(Map.of("type", "library",
                "metric", "invalidValues", "arguments", Map.of("validValues", List.of("open", "closed")), "mustBe", 0L)));
    }

    @Test
    void definitionsAreInlinedWhereAFieldRefersToThem() {
        Converted converted = convert("""
                models:
                  orders:
                    fields:
                      order_id:
                        $ref: '#/definitions/order_id'
                        required: true
                        description: The order.
                definitions:
                  order_id:
                    domain: checkout
                    name: order_id
                    title: Order ID
                    type: text
                    format: uuid
                    description: An order id.
                    example: 243c25e5
                """);

        assertThat(converted.at("schema/0/properties/0")).isEqualTo(Map.of("name", "order_id",
                "businessName", "Order ID", "description", "The order.", "logicalType", "string",
                "logicalTypeOptions", Map.of("format", "uuid"), "physicalType", "text", "required", true,
                "examples", List.of("243c25e5"),
                "customProperties", List.of(Map.of("property", "$ref", "value", "#/definitions/order_id"))));
        assertThat(converted.custom("", "definitions")).isInstanceOf(Map.class);
    }

    @Test
    void aDefinitionReferencedTwiceIsReportedOnce() {
        Converted converted = convert("""
                models:
                  orders:
                    fields:
                      order_id:
                        $ref: '#/definitions/order_id'
                  refunds:
                    fields:
                      order_id:
                        $ref: '#/definitions/order_id'
                definitions:
                  order_id:
                    name: order_id
                    type: text
                    pii: true
                """);

        assertThat(converted.at("schema/1/properties/0/name")).isEqualTo("order_id");
        assertThat(converted.warnings()).filteredOn(warning -> warning.contains("pii")).singleElement().asString()
                .isEqualTo("contract.yaml:20:5: warning: `pii` has no place in ODCS v3.1.0; kept as custom property `pii`"
                        + " (at /definitions/order_id/pii)");
        assertThat(converted.warnings()).doesNotHaveDuplicates();
    }

    @Test
    void aReferenceToAnotherFileIsKeptAndReported() {
        Converted converted = convertFields("""
                order_id:
                  $ref: 'https://example.com/definitions.yaml#/order_id'
                """);

        assertThat(converted.custom("schema/0/properties/0", "$ref"))
                .isEqualTo("https://example.com/definitions.yaml#/order_id");
        assertThat(converted.warnings()).anySatisfy(warning -> assertThat(warning).contains("cannot resolve `$ref"));
    }

    @Test
    void nestedFieldsAndItemsBecomeNestedProperties() {
        Converted converted = convertFields("""
                address:
                  type: object
                  fields:
                    street:
                      type: string
                lines:
                  type: array
                  items:
                    type: record
                    fields:
                      sku:
                        type: string
                """);

        assertThat(converted.at("schema/0/properties/0/properties/0/name")).isEqualTo("street");
        assertThat(converted.at("schema/0/properties/1/items/logicalType")).isEqualTo("object");
        assertThat(converted.at("schema/0/properties/1/items/name")).isNull();
        assertThat(converted.at("schema/0/properties/1/items/properties/0/name")).isEqualTo("sku");
    }

    @Test
    void qualityRulesBecomeOdcsRules() {
        Converted converted = convert("""
                models:
                  orders:
                    quality:
                      - type: sql
                        description: Row count
                        query: SELECT COUNT(*) FROM {model}
                        mustBeGreaterThanOrEqualTo: 5
                      - metric: rowCount
                        mustBeLessThan: 1000
                      - type: custom
                        engine: great-expectations
                        implementation:
                          - expect_table_row_count_to_be_between
                      - type: text
                        description: Orders are complete.
                    fields:
                      id:
                        type: string
                """);

        assertThat(converted.at("schema/0/quality/0")).isEqualTo(Map.of("type", "sql", "description", "Row count",
                "query", "SELECT COUNT(*) FROM {object}", "mustBeGreaterOrEqualTo", 5L));
        assertThat(converted.at("schema/0/quality/1")).isEqualTo(Map.of("type", "library", "metric", "rowCount",
                "mustBeLessThan", 1000L));
        assertThat(converted.at("schema/0/quality/2/implementation")).asString()
                .contains("- expect_table_row_count_to_be_between");
        assertThat(converted.at("schema/0/quality/3")).isEqualTo(Map.of("type", "text", "description", "Orders are complete."));
    }

    @Test
    void theTopLevelSodaChecksOfDcs09GoToTheirSchemaObject() {
        Converted converted = convert("""
                models:
                  orders:
                    fields:
                      id:
                        type: string
                quality:
                  type: SodaCL
                  specification:
                    checks for orders:
                      - row_count > 10
                """);

        assertThat(converted.at("schema/0/quality/0")).isEqualTo(Map.of("type", "custom", "engine", "soda",
                "implementation", Map.of("checks for orders", List.of("row_count > 10"))));
        assertThat(converted.document()).doesNotContainKey("customProperties");
    }

    @Test
    void serviceLevelsBecomeSlaProperties() {
        Converted converted = convert("""
                servicelevels:
                  availability:
                    description: Available during support hours
                    percentage: 99.9%
                  retention:
                    period: P1Y
                    timestampField: orders.order_timestamp
                  latency:
                    threshold: 25h
                    sourceTimestampField: orders.order_timestamp
                  freshness:
                    threshold: 1d
                    timestampField: orders.order_timestamp
                  frequency:
                    type: batch
                    cron: 0 0 * * *
                  support:
                    time: 9am to 5pm
                    responseTime: 1h
                  backup:
                    interval: weekly
                    recoveryTime: 24 hours
                """);

        assertThat(converted.document().get("slaProperties")).isEqualTo(List.of(
                Map.of("property", "availability", "value", 99.9, "unit", "percent",
                        "description", "Available during support hours"),
                Map.of("property", "retention", "value", 1L, "unit", "y", "element", "orders.order_timestamp"),
                Map.of("property", "latency", "value", 25L, "unit", "h", "element", "orders.order_timestamp"),
                Map.of("property", "freshness", "value", 1L, "unit", "d", "element", "orders.order_timestamp"),
                Map.of("property", "frequency", "value", "batch", "scheduler", "cron", "schedule", "0 0 * * *"),
                Map.of("property", "support", "value", "9am to 5pm"),
                Map.of("property", "responseTime", "value", 1L, "unit", "h"),
                Map.of("property", "backup", "value", "weekly"),
                Map.of("property", "recoveryTime", "value", 24L, "unit", "hours")));
        assertThat(converted.problems()).isEmpty();
    }

    @Test
    void tagsAndLinksCarryOver() {
        Converted converted = convert("""
                tags: [checkout, orders]
                links:
                  catalog: https://catalog.example.com/orders
                """);

        assertThat(converted.document()).containsEntry("tags", List.of("checkout", "orders"))
                .containsEntry("authoritativeDefinitions",
                        List.of(Map.of("type", "catalog", "url", "https://catalog.example.com/orders")));
    }

    @Test
    void aBlockOfTheWrongShapeIsKeptWhole() {
        Converted converted = convert("""
                servers: production
                models: [orders]
                """);

        assertThat(converted.custom("", "servers")).isEqualTo("production");
        assertThat(converted.custom("", "models")).isEqualTo(List.of("orders"));
        assertThat(converted.warnings()).hasSize(2);
    }
}
