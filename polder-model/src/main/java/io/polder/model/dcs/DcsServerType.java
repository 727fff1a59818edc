package io.polder.model.dcs;

import io.polder.model.bind.StandardEnum;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The server types for which the DCS schema states rules of their own ({@code $defs/PostgresServer}, ...): the
 * fields each requires and how they are typed. Official validators do not apply these rules (see
 * {@link DcsValidator}), so Polder turns them into warnings; a type not listed here is as valid as any other.
 */
enum DcsServerType implements StandardEnum {
    BIGQUERY("bigquery", required("project"), required("dataset")),
    POSTGRES("postgres", required("host"), requiredInteger("port"), required("database"), required("schema")),
    S3("s3", required("location"), optional("endpointUrl"), fileFormat(false), delimiter()),
    SFTP("sftp", new Property("location", true, false, null, Pattern.compile("^sftp://")), fileFormat(false),
            delimiter()),
    REDSHIFT("redshift", required("account"), optional("host"), required("database"), required("schema"),
            optional("clusterIdentifier"), optionalInteger("port"), optional("endpoint")),
    AZURE("azure", required("location"), fileFormat(true), delimiter()),
    SQLSERVER("sqlserver", required("host"), optionalInteger("port"), required("database"), required("schema")),
    SNOWFLAKE("snowflake", required("account"), required("database"), required("schema")),
    DATABRICKS("databricks", optional("host"), required("catalog"), required("schema")),
    DATAFRAME("dataframe"),
    GLUE("glue", required("account"), required("database"), optional("location"), optional("format")),
    ORACLE("oracle", required("host"), requiredInteger("port"), required("serviceName")),
    KAFKA("kafka", required("host"), required("topic"), optional("format")),
    PUBSUB("pubsub", required("project"), required("topic")),
    KINESIS("kinesis", required("stream"), optional("region"), optional("format")),
    TRINO("trino", required("host"), requiredInteger("port"), required("catalog"), required("schema")),
    CLICKHOUSE("clickhouse", required("host"), requiredInteger("port"), required("database")),
    LOCAL("local", required("path"), required("format"));

    private final String value;
    private final List<Property> properties;

    DcsServerType(String value, Property... properties) {
        this.value = value;
        this.properties = List.of(properties);
    }

    @Override
    public String value() {
        return value;
    }

    List<Property> properties() {
        return properties;
    }

    /**
     * One field of a server type.
     *
     * @param name the field
     * @param required whether the type requires it
     * @param integer whether it is an integer (otherwise a string)
     * @param allowed the only values allowed, or null
     * @param pattern what a string value must contain, or null
     */
    record Property(String name, boolean required, boolean integer, List<String> allowed, Pattern pattern) {
        /** What is wrong with {@code value}, as the end of a sentence, or null if nothing is. */
        String mismatch(Node value) {
            ScalarNode scalar = value instanceof ScalarNode node ? node : null;
            if (integer) {
                return scalar != null && scalar.isInteger() ? null : "should be an integer, found " + value.kindName();
            }
            if (scalar == null || !scalar.isString()) {
                return "should be a string, found " + value.kindName();
            }
            String text = (String) scalar.value();
            if (allowed != null && !allowed.contains(text)) {
                return "should be one of " + String.join(", ", allowed) + "; found " + DcsServers.render(scalar);
            }
            if (pattern != null && !pattern.matcher(text).find()) {
                return "should start with `" + pattern.pattern().substring(1) + "`; found " + DcsServers.render(scalar);
            }
            return null;
        }
    }

    private static Property required(String name) {
        return new Property(name, true, false, null, null);
    }

    private static Property optional(String name) {
        return new Property(name, false, false, null, null);
    }

    private static Property requiredInteger(String name) {
        return new Property(name, true, true, null, null);
    }

    private static Property optionalInteger(String name) {
        return new Property(name, false, true, null, null);
    }

    private static Property fileFormat(boolean required) {
        return new Property("format", required, false, List.of("parquet", "delta", "json", "csv"), null);
    }

    private static Property delimiter() {
        return new Property("delimiter", false, false, List.of("new_line", "array"), null);
    }
}
