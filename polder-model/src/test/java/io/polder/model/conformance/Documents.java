package io.polder.model.conformance;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads standard documents the way the README's official verdicts were made: PyYAML {@code safe_load} with the
 * timestamp resolver removed, so {@code 2024-01-01} stays a string, as the schemas expect.
 *
 * <p>YAML is read with SnakeYAML (a Java port of PyYAML, with the same YAML 1.1 resolver; it is on the classpath
 * through Jackson's YAML module). Jackson 3 YAML was tried and rejected: its YAML 1.2 "JSON schema" resolution
 * reads {@code ~}, {@code Null}, {@code True}, {@code yes}, {@code off}, {@code 0x1F}, {@code 017} and
 * {@code +12} as strings, where PyYAML (and Jackson 2, which Polder uses) read nulls, booleans and integers. Neither
 * Jackson version expands aliases ({@code *anchor}) or merge keys; SnakeYAML does, like PyYAML. The one difference
 * left with PyYAML: an exponent without a dot ({@code 1e3}) is a number here and a string for PyYAML.
 */
public final class Documents {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Documents() {}

    /** The document as a generic tree: {@code Map} (with String keys), {@code List}, String, Number, Boolean, null. */
    public static Object read(Path file) {
        Object tree = file.getFileName().toString().endsWith(".json") ? readJson(file) : readYaml(file);
        return copy(tree);
    }

    /** The document as a generic tree whose root is an object, as every standard's document is. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readTree(Path file) {
        if (read(file) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(file + " is not a YAML/JSON object document");
    }

    /** A generic tree as a Jackson 3 tree, for the schema validator. */
    public static JsonNode toNode(Object tree) {
        return JSON.valueToTree(tree);
    }

    /** A Jackson 2 tree (what Polder's own reader produces) as a Jackson 3 tree, via its JSON text. */
    public static JsonNode toNode(com.fasterxml.jackson.databind.JsonNode jackson2Tree) {
        return JSON.readTree(jackson2Tree.toString());
    }

    private static Object readYaml(Path file) {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML instances are not thread-safe; one per read is cheap next to validation
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new TimestampsAsStrings());
        try (Reader reader = Files.newBufferedReader(file)) {
            return yaml.load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Object readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot parse " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A deep, mutable copy of a generic tree, with every key a string: JSON has only string keys, while YAML 1.1 reads
     * {@code 200:} or {@code yes:} as a number or a boolean key. Scalars are shared, being immutable.
     */
    public static Object copy(Object tree) {
        return switch (tree) {
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((key, value) -> copy.put(String.valueOf(key), copy(value)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(copy(item)));
                yield copy;
            }
            case null, default -> tree;
        };
    }

    /** The YAML 1.1 resolver, except that what looks like a timestamp stays a string (as in the README's PyYAML). */
    private static final class TimestampsAsStrings extends Resolver {
        @Override
        public Tag resolve(NodeId kind, String value, boolean implicit) {
            Tag tag = super.resolve(kind, value, implicit);
            return Tag.TIMESTAMP.equals(tag) ? Tag.STR : tag;
        }
    }
}
