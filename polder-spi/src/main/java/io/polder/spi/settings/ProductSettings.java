package io.polder.spi.settings;

import io.polder.model.bind.Copies;
import io.polder.spi.RetentionPolicy;
import java.util.List;
import java.util.Optional;

/**
 * A product's {@code polder.yaml}: what only the platform needs to build it, kept out of the standard
 * documents. All parts are optional.
 *
 * <pre>
 * apiVersion: polder/v1
 * kind: ProductSettings
 * engine: duckdb                       # the platform's default engine when absent
 * schedule:
 *   cron: "5 * * * *"
 *   onUpstreamPublish: true
 * retention:
 *   keepLast: 10                       # snapshots per port, the published one included
 *   maxAge: 30d
 * sources:
 *   - name: orders
 *     format: parquet                  # csv | json | parquet | jdbc
 *     path: sales-orders/orders.parquet
 * access:                              # see AccessSettings
 *   autoApprove:
 *     - port: orders
 *       teams: [sales-analytics-team]
 * </pre>
 *
 * @param engine the name of the engine to build with, or null for the platform's default
 * @param retention never null; keeps everything unless limits are given
 * @param access never null; no auto-approval unless declared
 */
public record ProductSettings(String apiVersion, String kind, String engine, Schedule schedule,
                              RetentionPolicy retention, List<SourceDefinition> sources, AccessSettings access) {
    public static final String API_VERSION = "polder/v1";
    public static final String KIND = "ProductSettings";
    public static final String FILE_NAME = "polder.yaml";

    public ProductSettings {
        retention = retention == null ? RetentionPolicy.none() : retention;
        sources = sources == null ? List.of() : Copies.list(sources);
        access = access == null ? AccessSettings.none() : access;
    }

    /** Settings without an {@code access:} section. */
    public ProductSettings(String apiVersion, String kind, String engine, Schedule schedule, RetentionPolicy retention,
                           List<SourceDefinition> sources) {
        this(apiVersion, kind, engine, schedule, retention, sources, AccessSettings.none());
    }

    /** The settings of a product without a {@code polder.yaml}. */
    public static ProductSettings defaults() {
        return new ProductSettings(API_VERSION, KIND, null, null, RetentionPolicy.none(), List.of(),
                AccessSettings.none());
    }

    public Optional<SourceDefinition> source(String name) {
        return sources.stream().filter(source -> source.name().equals(name)).findFirst();
    }
}
