package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;
import java.util.List;
import java.util.Optional;

/**
 * The server types of ODCS, each with the fields its schema definition ({@code $defs/ServerSource}) adds to
 * the common server fields: their JSON types and which are required. The two schema versions differ in a
 * few places, recorded here: hive, impala and zen and the custom server's {@code stream} are new in v3.1;
 * v3.0 typed duckdb's {@code schema} as an integer and enumerated the file formats and delimiters of
 * azure, s3 and sftp.
 */
public enum ServerType implements StandardEnum {
    API("api", string("location").required()),
    ATHENA("athena", string("stagingDir").required(), string("schema").required(), string("catalog"),
            string("regionName")),
    AZURE("azure", string("location").required(), string("format").required().onlyIn30(fileFormats()),
            string("delimiter").onlyIn30(delimiters())),
    BIGQUERY("bigquery", string("project").required(), string("dataset").required()),
    CLICKHOUSE("clickhouse", string("host").required(), integer("port").required(), string("database").required()),
    DATABRICKS("databricks", string("host"), string("catalog").required(), string("schema").required()),
    DENODO("denodo", string("host").required(), integer("port").required(), string("database")),
    DREMIO("dremio", string("host").required(), integer("port").required(), string("schema")),
    DUCKDB("duckdb", string("database").required(), string("schema").typedIn30(JsonType.INTEGER)),
    GLUE("glue", string("account").required(), string("database").required(), string("location"), string("format")),
    CLOUDSQL("cloudsql", string("host").required(), integer("port").required(), string("database").required(),
            string("schema").required()),
    DB2("db2", string("host").required(), integer("port").required(), string("database").required(),
            string("schema")),
    HIVE("hive", OdcsVersion.V3_1, string("host").required(), integer("port"), string("database").required()),
    IMPALA("impala", OdcsVersion.V3_1, string("host").required(), integer("port"), string("database").required()),
    INFORMIX("informix", string("host").required(), integer("port"), string("database").required()),
    KAFKA("kafka", string("host").required(), string("format")),
    KINESIS("kinesis", string("region"), string("format")),
    LOCAL("local", string("path").required(), string("format").required()),
    MYSQL("mysql", string("host").required(), integer("port").required(), string("database").required()),
    ORACLE("oracle", string("host").required(), integer("port").required(), string("serviceName").required()),
    POSTGRESQL("postgresql", string("host").required(), integer("port").required(), string("database").required(),
            string("schema").required()),
    POSTGRES("postgres", string("host").required(), integer("port").required(), string("database").required(),
            string("schema").required()),
    PRESTO("presto", string("host").required(), string("catalog"), string("schema")),
    PUBSUB("pubsub", string("project").required()),
    REDSHIFT("redshift", string("host"), string("database").required(), string("schema").required(),
            string("region"), string("account")),
    S3("s3", string("location").required(), string("endpointUrl"), string("format").onlyIn30(fileFormats()),
            string("delimiter").onlyIn30(delimiters())),
    SFTP("sftp", string("location").required().pattern("^sftp://.*"), string("format").onlyIn30(fileFormats()),
            string("delimiter").onlyIn30(delimiters())),
    SNOWFLAKE("snowflake", string("host"), integer("port"), string("account").required(),
            string("database").required(), string("schema").required(), string("warehouse")),
    SQLSERVER("sqlserver", string("host").required(), integer("port"), string("database").required(),
            string("schema").required()),
    SYNAPSE("synapse", string("host").required(), integer("port").required(), string("database").required()),
    TRINO("trino", string("host").required(), integer("port").required(), string("catalog").required(),
            string("schema").required()),
    VERTICA("vertica", string("host").required(), integer("port").required(), string("database").required(),
            string("schema").required()),
    ZEN("zen", OdcsVersion.V3_1, string("host").required(), integer("port"), string("database").required()),
    /** A server of any other kind: every field optional. */
    CUSTOM("custom", string("account"), string("catalog"), string("database"), string("dataset"),
            string("delimiter"), string("endpointUrl"), string("format"), string("host"), string("location"),
            string("path"), integer("port"), string("project"), string("region"), string("regionName"),
            string("schema"), string("serviceName"), string("stagingDir"), string("warehouse"),
            string("stream").since(OdcsVersion.V3_1));

    private final String value;
    private final OdcsVersion introducedIn;
    private final List<Spec> specs;

    ServerType(String value, Spec... specs) {
        this(value, OdcsVersion.V3_0, specs);
    }

    ServerType(String value, OdcsVersion introducedIn, Spec... specs) {
        this.value = value;
        this.introducedIn = introducedIn;
        this.specs = List.of(specs);
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The ODCS version that introduced this server type. */
    public OdcsVersion introducedIn() {
        return introducedIn;
    }

    /** The type-specific fields, in the schema's order, as {@code version} declares them. */
    public List<ServerField> fields(OdcsVersion version) {
        return specs.stream().filter(spec -> version.isAtLeast(spec.introducedIn)).map(spec -> spec.in(version)).toList();
    }

    public Optional<ServerField> field(String name, OdcsVersion version) {
        return fields(version).stream().filter(field -> field.name().equals(name)).findFirst();
    }

    private static List<String> fileFormats() {
        return List.of("parquet", "delta", "json", "csv");
    }

    private static List<String> delimiters() {
        return List.of("new_line", "array");
    }

    private static Spec string(String name) {
        return new Spec(name, JsonType.STRING);
    }

    private static Spec integer(String name) {
        return new Spec(name, JsonType.INTEGER);
    }

    /** How the schema versions declare one field; resolved per version by {@link #in}. */
    private static final class Spec {
        private final String name;
        private final JsonType type;
        private boolean required;
        private String pattern;
        private OdcsVersion introducedIn = OdcsVersion.V3_0;
        private JsonType typeIn30;
        private List<String> allowedIn30 = List.of();

        Spec(String name, JsonType type) {
            this.name = name;
            this.type = type;
        }

        Spec required() {
            required = true;
            return this;
        }

        Spec pattern(String regex) {
            pattern = regex;
            return this;
        }

        Spec since(OdcsVersion version) {
            introducedIn = version;
            return this;
        }

        Spec typedIn30(JsonType oldType) {
            typeIn30 = oldType;
            return this;
        }

        Spec onlyIn30(List<String> values) {
            allowedIn30 = values;
            return this;
        }

        ServerField in(OdcsVersion version) {
            boolean old = version == OdcsVersion.V3_0;
            return new ServerField(name, old && typeIn30 != null ? typeIn30 : type, required, pattern,
                    old ? allowedIn30 : List.of());
        }
    }
}
