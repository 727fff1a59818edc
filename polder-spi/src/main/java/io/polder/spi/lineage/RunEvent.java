package io.polder.spi.lineage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An OpenLineage run event (spec 2-0-2): a state change of one run of a job, with the datasets it reads and
 * writes. A build emits START, then COMPLETE or FAIL, under one run id. Serialise with {@link LineageJson}.
 *
 * @param eventTime ISO-8601, UTC
 */
public record RunEvent(EventType eventType, String eventTime, String producer,
                       @JsonProperty("schemaURL") String schemaUrl, Run run, Job job, List<Dataset> inputs,
                       List<Dataset> outputs) {
    public static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    public RunEvent {
        requireNonNull(eventType, "eventType is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(producer, "producer is null");
        requireNonNull(schemaUrl, "schemaUrl is null");
        requireNonNull(run, "run is null");
        requireNonNull(job, "job is null");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * This event as it happens at {@code time}: how the caller of a build without publishing emits the final event the
     * engine prepared (see {@link io.polder.spi.build.BuildResult}) once the run has ended.
     */
    public RunEvent at(Instant time) {
        return new RunEvent(eventType, DateTimeFormatter.ISO_INSTANT.format(time), producer, schemaUrl, run, job, inputs,
                outputs);
    }

    /**
     * The FAIL event of this event's run at {@code time}, naming {@code message}, with the same job and datasets: what
     * the caller of a build without publishing emits instead of the prepared COMPLETE when publishing failed or was
     * refused.
     */
    public RunEvent failedAt(Instant time, String message) {
        requireNonNull(message, "message is null");
        return new RunEvent(EventType.FAIL, DateTimeFormatter.ISO_INSTANT.format(time), producer, schemaUrl,
                new Run(run.runId(), new RunFacets(Facets.ErrorMessage.of(producer, message))), job, inputs, outputs);
    }

    /** The transitions Polder emits. */
    public enum EventType { START, COMPLETE, FAIL }

    /** @param runId a UUID */
    public record Run(String runId, RunFacets facets) {
        public Run {
            requireNonNull(runId, "runId is null");
        }
    }

    public record RunFacets(Facets.ErrorMessage errorMessage) {
    }

    /** @param name the product id: a product's builds are runs of one job */
    public record Job(String namespace, String name, JobFacets facets) {
        public Job {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }
    }

    public record JobFacets(Facets.JobType jobType, Facets.Sql sql) {
    }

    /** A dataset read or written; {@code outputFacets} only on outputs. */
    public record Dataset(String namespace, String name, DatasetFacets facets, OutputFacets outputFacets) {
        public Dataset {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }
    }

    public record DatasetFacets(Facets.Schema schema, Facets.DataSource dataSource, Facets.Version version) {
    }

    public record OutputFacets(Facets.OutputStatistics outputStatistics) {
    }
}
