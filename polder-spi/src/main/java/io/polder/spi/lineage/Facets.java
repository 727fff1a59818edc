package io.polder.spi.lineage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The OpenLineage facets Polder emits, as records. Each carries {@code _producer} (who wrote it) and
 * {@code _schemaURL} (the facet's schema), as the spec requires.
 */
public final class Facets {
    static final String BASE = "https://openlineage.io/spec/facets/";

    private Facets() {
    }

    /** The columns of a dataset ({@code schema}). */
    public record Schema(@JsonProperty("_producer") String producer, @JsonProperty("_schemaURL") String schemaUrl,
                         List<Field> fields) {
        public static final String URL = BASE + "1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet";

        public Schema {
            fields = List.copyOf(fields);
        }

        public static Schema of(String producer, List<Field> fields) {
            return new Schema(producer, URL, fields);
        }
    }

    /** One column of a {@link Schema}. */
    public record Field(String name, String type, String description) {
    }

    /** Where a dataset lives ({@code dataSource}). */
    public record DataSource(@JsonProperty("_producer") String producer, @JsonProperty("_schemaURL") String schemaUrl,
                             String name, String uri) {
        public static final String URL = BASE + "1-0-1/DatasourceDatasetFacet.json#/$defs/DatasourceDatasetFacet";

        public static DataSource of(String producer, String name, String uri) {
            return new DataSource(producer, URL, name, uri);
        }
    }

    /** The version of a dataset read or written ({@code version}): for Polder, a snapshot id. */
    public record Version(@JsonProperty("_producer") String producer, @JsonProperty("_schemaURL") String schemaUrl,
                          String datasetVersion) {
        public static final String URL = BASE + "1-0-0/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet";

        public static Version of(String producer, String datasetVersion) {
            return new Version(producer, URL, datasetVersion);
        }
    }

    /** Rows and bytes written to an output ({@code outputStatistics}). */
    public record OutputStatistics(@JsonProperty("_producer") String producer,
                                   @JsonProperty("_schemaURL") String schemaUrl, long rowCount, long size) {
        public static final String URL = BASE
                + "1-0-2/OutputStatisticsOutputDatasetFacet.json#/$defs/OutputStatisticsOutputDatasetFacet";

        public static OutputStatistics of(String producer, long rowCount, long size) {
            return new OutputStatistics(producer, URL, rowCount, size);
        }
    }

    /** Why a run failed ({@code errorMessage}). */
    public record ErrorMessage(@JsonProperty("_producer") String producer, @JsonProperty("_schemaURL") String schemaUrl,
                               String message, String programmingLanguage) {
        public static final String URL = BASE + "1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet";

        public static ErrorMessage of(String producer, String message) {
            return new ErrorMessage(producer, URL, message, "SQL");
        }
    }

    /** What kind of job this is ({@code jobType}): a batch build by Polder. */
    public record JobType(@JsonProperty("_producer") String producer, @JsonProperty("_schemaURL") String schemaUrl,
                          String processingType, String integration, String jobType) {
        public static final String URL = BASE + "2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet";

        public static JobType build(String producer) {
            return new JobType(producer, URL, "BATCH", "POLDER", "BUILD");
        }
    }

    /** The SQL the job runs ({@code sql}). */
    public record Sql(@JsonProperty("_producer") String producer, @JsonProperty("_schemaURL") String schemaUrl,
                      String query) {
        public static final String URL = BASE + "1-0-1/SQLJobFacet.json#/$defs/SQLJobFacet";

        public static Sql of(String producer, String query) {
            return new Sql(producer, URL, query);
        }
    }
}
