package io.polder.model.source;

import io.polder.model.problem.Problem;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns SnakeYAML's composed node graph (which has marks, resolved tags and shared alias nodes) into
 * Polder's positioned tree. Scalars are typed by the YAML 1.1 core resolver, except that timestamps
 * stay strings; aliases are expanded, bounded by {@link ReadLimits#maxNodes()}.
 */
final class YamlTreeBuilder {
    private final ReadLimits limits;
    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<org.yaml.snakeyaml.nodes.Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodeCount;

    YamlTreeBuilder(ReadLimits limits, String file) {
        this.limits = limits;
        this.file = file;
    }

    ParsedFile build(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()));
        options.setAllowDuplicateKeys(true); // duplicates are reported below, with both positions
        options.setProcessComments(false);
        List<SourceDocument> documents = new ArrayList<>();
        try {
            for (org.yaml.snakeyaml.nodes.Node composed : new Yaml(options).composeAll(new StringReader(text))) {
                if (composed == null) {
                    continue;
                }
                Node root = convert(composed, "", 0);
                if (root != null) {
                    documents.add(new SourceDocument(file, SourceFormat.YAML, root));
                }
            }
        } catch (MarkedYAMLException e) {
            problems.add(Problem.error(file, position(e.getProblemMark()), "", syntaxMessage(e)));
        } catch (YAMLException e) {
            problems.add(Problem.error(file, Position.START, "", "not valid YAML: " + limitMessage(e.getMessage())));
        } catch (TooBig e) {
            // already recorded
        } catch (StackOverflowError e) {
            problems.add(Problem.error(file, Position.START, "", "nesting too deep to read"));
        }
        if (documents.isEmpty() && problems.isEmpty()) {
            problems.add(Problem.error(file, Position.START, "", "the file holds no document"));
        }
        return new ParsedFile(file, problems.isEmpty() ? documents : List.of(), problems);
    }

    private Node convert(org.yaml.snakeyaml.nodes.Node node, String pointer, int depth) {
        Position position = position(node.getStartMark());
        if (depth > limits.maxDepth()) {
            problems.add(Problem.error(file, position, pointer,
                    "nesting deeper than " + limits.maxDepth() + " levels"));
            throw new TooBig();
        }
        if (++nodeCount > limits.maxNodes()) {
            problems.add(Problem.error(file, position, pointer, "document expands to more than " + limits.maxNodes()
                    + " values (are aliases multiplying it?)"));
            throw new TooBig();
        }
        if (!onPath.add(node)) {
            problems.add(Problem.error(file, position, pointer, "a YAML alias refers to its own ancestor (recursive structure)"));
            throw new TooBig();
        }
        try {
            return switch (node) {
                case MappingNode mapping -> convertMapping(mapping, position, pointer, depth);
                case SequenceNode sequence -> convertSequence(sequence, position, pointer, depth);
                case org.yaml.snakeyaml.nodes.ScalarNode scalar -> new ScalarNode(position, pointer, scalarValue(scalar));
                default -> throw new IllegalStateException("unexpected YAML node " + node.getNodeId());
            };
        } finally {
            onPath.remove(node);
        }
    }

    private Node convertMapping(MappingNode mapping, Position position, String pointer, int depth) {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        List<MappingNode> merges = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE) && tuple.getValueNode() instanceof MappingNode merged) {
                merges.add(merged);
                continue;
            }
            Position keyPosition = position(keyNode.getStartMark());
            if (!(keyNode instanceof org.yaml.snakeyaml.nodes.ScalarNode scalarKey)) {
                problems.add(Problem.error(file, keyPosition, pointer, "a key must be a plain value, not "
                        + (keyNode instanceof MappingNode ? "an object" : "a list")));
                continue;
            }
            String key = scalarKey.getValue();
            MapNode.Entry earlier = entries.get(key);
            if (earlier != null) {
                problems.add(Problem.error(file, keyPosition, Pointers.child(pointer, key),
                        "duplicate key '" + key + "' (first at line " + earlier.keyPosition().line() + ")"));
                continue;
            }
            String childPointer = Pointers.child(pointer, key);
            entries.put(key, new MapNode.Entry(key, keyPosition, convert(tuple.getValueNode(), childPointer, depth + 1)));
        }
        for (MappingNode merged : merges) {
            for (NodeTuple tuple : merged.getValue()) {
                if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode scalarKey
                        && !entries.containsKey(scalarKey.getValue())) {
                    String key = scalarKey.getValue();
                    String childPointer = Pointers.child(pointer, key);
                    entries.put(key, new MapNode.Entry(key, position(scalarKey.getStartMark()),
                            convert(tuple.getValueNode(), childPointer, depth + 1)));
                }
            }
        }
        return new MapNode(position, pointer, entries);
    }

    private Node convertSequence(SequenceNode sequence, Position position, String pointer, int depth) {
        List<Node> items = new ArrayList<>(sequence.getValue().size());
        int index = 0;
        for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
            items.add(convert(item, Pointers.child(pointer, index++), depth + 1));
        }
        return new ListNode(position, pointer, items);
    }

    private static Object scalarValue(org.yaml.snakeyaml.nodes.ScalarNode scalar) {
        String text = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> Boolean.TRUE;
                default -> Boolean.FALSE;
            };
        }
        if (tag.equals(Tag.INT)) {
            Object number = parseInteger(text);
            return number != null ? number : text;
        }
        if (tag.equals(Tag.FLOAT)) {
            return parseFloat(text);
        }
        return text; // str, timestamp, binary and custom tags keep their text
    }

    private static Object parseInteger(String text) {
        String clean = text.replace("_", "");
        int sign = 1;
        if (clean.startsWith("-") || clean.startsWith("+")) {
            sign = clean.startsWith("-") ? -1 : 1;
            clean = clean.substring(1);
        }
        int radix = 10;
        if (clean.startsWith("0x")) {
            radix = 16;
            clean = clean.substring(2);
        } else if (clean.startsWith("0b")) {
            radix = 2;
            clean = clean.substring(2);
        } else if (clean.startsWith("0o")) {
            radix = 8;
            clean = clean.substring(2);
        } else if (clean.length() > 1 && clean.startsWith("0") && clean.chars().allMatch(Character::isDigit)) {
            radix = 8;
            clean = clean.substring(1);
        }
        try {
            BigInteger value = new BigInteger(clean, radix);
            if (sign < 0) {
                value = value.negate();
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            return null; // sexagesimal and other YAML 1.1 oddities stay text
        }
    }

    private static Object parseFloat(String text) {
        String clean = text.replace("_", "").toLowerCase(Locale.ROOT);
        return switch (clean) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(clean);
                } catch (NumberFormatException e) {
                    yield text;
                }
            }
        };
    }

    private static Position position(Mark mark) {
        return mark == null ? Position.START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String syntaxMessage(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "malformed" : e.getProblem();
        String context = e.getContext() == null ? "" : " " + e.getContext();
        return "not valid YAML: " + limitMessage(problem + context);
    }

    private static String limitMessage(String message) {
        if (message == null) {
            return "unreadable";
        }
        String oneLine = message.replace('\n', ' ').strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }

    /** Unwinds the conversion once a limit is hit; the problem is already recorded. */
    private static final class TooBig extends RuntimeException {
        TooBig() {
            super(null, null, false, false);
        }
    }
}
