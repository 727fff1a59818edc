package io.polder.spi;

import static java.util.Objects.requireNonNull;

import io.polder.spi.exceptions.UnknownEngineException;
import java.util.List;
import java.util.ServiceLoader;

/** Finds engine factories on the class path by name. Holds no state: each call asks the ServiceLoader. */
public final class Engines {
    private Engines() {
    }

    /** The names of the engines on the class path, sorted. */
    public static List<String> available(ClassLoader loader) {
        return factories(loader).stream().map(EngineFactory::name).sorted().toList();
    }

    /** The factory called {@code name}. */
    public static EngineFactory factory(String name, ClassLoader loader) {
        requireNonNull(name, "name is null");
        List<EngineFactory> factories = factories(loader);
        return factories.stream().filter(factory -> factory.name().equals(name)).findFirst()
                .orElseThrow(() -> new UnknownEngineException("no engine called '" + name + "'; available: "
                        + (factories.isEmpty() ? "none (is an engine module on the class path?)"
                        : String.join(", ", factories.stream().map(EngineFactory::name).sorted().toList()))));
    }

    /** A new engine of the kind called {@code name}, found with the thread's context class loader. */
    public static Engine create(String name, EngineConfig config, EngineContext context) {
        return factory(name, Thread.currentThread().getContextClassLoader()).create(config, context);
    }

    private static List<EngineFactory> factories(ClassLoader loader) {
        return ServiceLoader.load(EngineFactory.class, loader).stream().map(ServiceLoader.Provider::get).toList();
    }
}
