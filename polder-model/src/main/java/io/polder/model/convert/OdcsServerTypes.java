package io.polder.model.convert;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server types of ODCS v3.1.0 with the connection fields each allows and requires (from the
 * official schema's {@code ServerSource}). Since v3.1.0 a server allows no other keys.
 */
final class OdcsServerTypes {
    /** Keys every server may have, whatever its type. */
    static final Set<String> COMMON_FIELDS = Set.of("id", "server", "type", "description", "environment", "roles",
            "customProperties");
    static final String CUSTOM = "custom";

    /** One type's connection fields; {@code port} is the only integer among them. */
    record ServerType(String name, List<String> fields, Set<String> required) {
        boolean allows(String field) {
            return fields.contains(field);
        }

        static boolean isIntegerField(String field) {
            return field.equals("port");
        }
    }

    private static final List<String> HOST_PORT_DATABASE = List.of("host", "port", "database");
    private static final List<String> HOST_PORT_DATABASE_SCHEMA = List.of("host", "port", "database", "schema");

    private static final Map<String, ServerType> TYPES = Map.ofEntries(
            type("api", List.of("location"), "location"),
            type("athena", List.of("stagingDir", "schema", "catalog", "regionName"), "stagingDir", "schema"),
            type("azure", List.of("location", "format", "delimiter"), "location", "format"),
            type("bigquery", List.of("project", "dataset"), "project", "dataset"),
            type("clickhouse", HOST_PORT_DATABASE, "host", "port", "database"),
            type("databricks", List.of("host", "catalog", "schema"), "catalog", "schema"),
            type("denodo", HOST_PORT_DATABASE, "host", "port"),
            type("dremio", List.of("host", "port", "schema"), "host", "port"),
            type("duckdb", List.of("database", "schema"), "database"),
            type("glue", List.of("account", "database", "location", "format"), "account", "database"),
            type("cloudsql", HOST_PORT_DATABASE_SCHEMA, "host", "port", "database", "schema"),
            type("db2", HOST_PORT_DATABASE_SCHEMA, "host", "port", "database"),
            type("hive", HOST_PORT_DATABASE, "host", "database"),
            type("impala", HOST_PORT_DATABASE, "host", "database"),
            type("informix", HOST_PORT_DATABASE, "host", "database"),
            type("zen", HOST_PORT_DATABASE, "host", "database"),
            type(CUSTOM, List.of("account", "catalog", "database", "dataset", "delimiter", "endpointUrl", "format",
                    "host", "location", "path", "port", "project", "region", "regionName", "schema", "serviceName",
                    "stagingDir", "warehouse", "stream")),
            type("kafka", List.of("host", "format"), "host"),
            type("kinesis", List.of("region", "format")),
            type("local", List.of("path", "format"), "path", "format"),
            type("mysql", HOST_PORT_DATABASE, "host", "port", "database"),
            type("oracle", List.of("host", "port", "serviceName"), "host", "port", "serviceName"),
            type("postgresql", HOST_PORT_DATABASE_SCHEMA, "host", "port", "database", "schema"),
            type("postgres", HOST_PORT_DATABASE_SCHEMA, "host", "port", "database", "schema"),
            type("presto", List.of("host", "catalog", "schema"), "host"),
            type("pubsub", List.of("project"), "project"),
            type("redshift", List.of("host", "database", "schema", "region", "account"), "database", "schema"),
            type("s3", List.of("location", "endpointUrl", "format", "delimiter"), "location"),
            type("sftp", List.of("location", "format", "delimiter"), "location"),
            type("snowflake", List.of("host", "port", "account", "database", "schema", "warehouse"),
                    "account", "database", "schema"),
            type("sqlserver", HOST_PORT_DATABASE_SCHEMA, "host", "database", "schema"),
            type("synapse", HOST_PORT_DATABASE, "host", "port", "database"),
            type("trino", List.of("host", "port", "catalog", "schema"), "host", "port", "catalog", "schema"),
            type("vertica", HOST_PORT_DATABASE_SCHEMA, "host", "port", "database", "schema"));

    private OdcsServerTypes() {
    }

    /** The ODCS v3.1.0 type spelled {@code name}, or null when ODCS has no such server type. */
    static ServerType of(String name) {
        return name == null ? null : TYPES.get(name);
    }

    static ServerType custom() {
        return TYPES.get(CUSTOM);
    }

    private static Map.Entry<String, ServerType> type(String name, List<String> fields, String... required) {
        return Map.entry(name, new ServerType(name, fields, Set.of(required)));
    }
}
