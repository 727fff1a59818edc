package io.polder.spi;

/**
 * Makes engines of one kind. Implementations are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.polder.spi.EngineFactory}) and chosen by {@link #name()}; see {@link Engines}.
 */
public interface EngineFactory {
    /** The name the platform's configuration uses for this engine, such as {@code duckdb}. */
    String name();

    /**
     * A new engine. It may create its files under {@code context.dataDirectory()}.
     *
     * @throws io.polder.spi.exceptions.InvalidEngineConfigException for an unknown key or an unusable value
     */
    Engine create(EngineConfig config, EngineContext context);
}
