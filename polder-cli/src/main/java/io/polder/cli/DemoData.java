package io.polder.cli;

import io.polder.engine.duckdb.demo.DemoOptions;
import io.polder.engine.duckdb.demo.ExampleMeshData;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The example mesh's source data for {@code polder demo}: generated once per size into the sources folder, with a
 * note of what was generated ({@code demo-data.properties}, written last), so that a second demo reuses it.
 *
 * @param files the rows of each source file, by its path under the sources folder
 * @param reused whether the data was there already
 */
record DemoData(Map<String, Long> files, boolean reused) {
    static final String NOTE = "demo-data.properties";
    private static final String ORDERS = "orders";
    private static final String SEED = "seed";
    private static final String GENERATED_AT = "generated-at";
    private static final String FILE_PREFIX = "file.";

    /** The data for {@code orders} orders in {@code sources}: what is there when it matches, else generated now. */
    static DemoData ensure(Path sources, int orders, Instant now) {
        Map<String, Long> existing = existing(sources, orders);
        if (!existing.isEmpty()) {
            return new DemoData(existing, true);
        }
        DemoOptions options = DemoOptions.of(orders, now);
        Map<String, Long> files = ExampleMeshData.generate(sources, options);
        Properties note = new Properties();
        note.setProperty(ORDERS, Integer.toString(orders));
        note.setProperty(SEED, Long.toString(options.seed()));
        note.setProperty(GENERATED_AT, now.toString());
        files.forEach((file, rows) -> note.setProperty(FILE_PREFIX + file, Long.toString(rows)));
        try (Writer writer = Files.newBufferedWriter(sources.resolve(NOTE))) {
            note.store(writer, "the example mesh's source data, made by polder demo");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + sources.resolve(NOTE), e);
        }
        return new DemoData(files, false);
    }

    /** The files of an earlier generation of the same size, when every one of them is still there. */
    private static Map<String, Long> existing(Path sources, int orders) {
        Path notePath = sources.resolve(NOTE);
        if (!Files.isRegularFile(notePath)) {
            return Map.of();
        }
        Properties note = new Properties();
        try (Reader reader = Files.newBufferedReader(notePath)) {
            note.load(reader);
        } catch (IOException e) {
            return Map.of();
        }
        if (!Integer.toString(orders).equals(note.getProperty(ORDERS))) {
            return Map.of();
        }
        Map<String, Long> files = new LinkedHashMap<>();
        for (String key : note.stringPropertyNames().stream().filter(name -> name.startsWith(FILE_PREFIX)).sorted().toList()) {
            String file = key.substring(FILE_PREFIX.length());
            if (!Files.isRegularFile(sources.resolve(file))) {
                return Map.of();
            }
            files.put(file, Long.parseLong(note.getProperty(key)));
        }
        return files;
    }

    long largest() {
        return files.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
