package io.polder.model.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.polder.model.problem.Problem;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads JSON text into Polder's positioned tree with Jackson's streaming parser. */
final class JsonTreeBuilder {
    private final ReadLimits limits;
    private final String file;
    private final List<Problem> problems = new ArrayList<>();
    private final JsonFactory factory;
    private int nodeCount;

    JsonTreeBuilder(ReadLimits limits, String file) {
        this.limits = limits;
        this.file = file;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxDocumentLength(limits.maxBytes())
                        .build())
                .build();
    }

    ParsedFile build(String text) {
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                problems.add(Problem.error(file, Position.START, "", "the file holds no document"));
                return new ParsedFile(file, List.of(), problems);
            }
            Node root = value(parser, "");
            if (root != null && parser.nextToken() != null) {
                problems.add(Problem.error(file, position(parser.currentTokenLocation()), "",
                        "not valid JSON: unexpected content after the document"));
            }
            if (problems.isEmpty()) {
                return new ParsedFile(file, List.of(new SourceDocument(file, SourceFormat.JSON, root)), List.of());
            }
        } catch (StreamConstraintsException e) {
            problems.add(Problem.error(file, position(e.getLocation()), "",
                    "nesting deeper than " + limits.maxDepth() + " levels"));
        } catch (JsonProcessingException e) {
            problems.add(Problem.error(file, position(e.getLocation()), "", "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(Problem.error(file, Position.START, "", "cannot read JSON: " + e.getMessage()));
        }
        return new ParsedFile(file, List.of(), problems);
    }

    private Node value(JsonParser parser, String pointer) throws IOException {
        Position position = position(parser.currentTokenLocation());
        if (++nodeCount > limits.maxNodes()) {
            problems.add(Problem.error(file, position, pointer, "document has more than " + limits.maxNodes() + " values"));
            return null;
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser, position, pointer);
            case START_ARRAY -> array(parser, position, pointer);
            case VALUE_STRING -> new ScalarNode(position, pointer, parser.getText());
            case VALUE_NUMBER_INT -> new ScalarNode(position, pointer, integer(parser.getBigIntegerValue()));
            case VALUE_NUMBER_FLOAT -> new ScalarNode(position, pointer, parser.getDoubleValue());
            case VALUE_TRUE -> new ScalarNode(position, pointer, Boolean.TRUE);
            case VALUE_FALSE -> new ScalarNode(position, pointer, Boolean.FALSE);
            case VALUE_NULL -> new ScalarNode(position, pointer, null);
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private Node object(JsonParser parser, Position position, String pointer) throws IOException {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Position keyPosition = position(parser.currentTokenLocation());
            parser.nextToken();
            String childPointer = Pointers.child(pointer, key);
            Node child = value(parser, childPointer);
            if (child == null) {
                return null;
            }
            MapNode.Entry earlier = entries.get(key);
            if (earlier != null) {
                problems.add(Problem.error(file, keyPosition, childPointer,
                        "duplicate key '" + key + "' (first at line " + earlier.keyPosition().line() + ")"));
                continue;
            }
            entries.put(key, new MapNode.Entry(key, keyPosition, child));
        }
        return new MapNode(position, pointer, entries);
    }

    private Node array(JsonParser parser, Position position, String pointer) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            Node item = value(parser, Pointers.child(pointer, items.size()));
            if (item == null) {
                return null;
            }
            items.add(item);
        }
        return new ListNode(position, pointer, items);
    }

    private static Object integer(BigInteger value) {
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static Position position(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Position.START;
        }
        return new Position(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }
}
