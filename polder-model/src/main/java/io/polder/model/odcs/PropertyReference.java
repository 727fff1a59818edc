package io.polder.model.odcs;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.source.ListNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One end of a relationship: a property, or for a composite key a list of properties. A reference is either
 * shorthand ({@code table.column}) or fully qualified by ids ({@code schema/orders/properties/id}, optionally
 * prefixed by another contract's file: {@code other.yaml#/schema/...}).
 *
 * @param composite whether it was written as a list (even of one), as composite keys are
 */
public record PropertyReference(List<String> references, boolean composite) {
    static final Pattern SHORTHAND = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$");
    static final Pattern FULLY_QUALIFIED = Pattern.compile(
            "^(?:(?:https?:\\/\\/)?[A-Za-z0-9._\\-\\/]+\\.yaml#)?\\/?[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+"
                    + "(?:\\/[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+)*$");
    private static final String EXPECTED =
            "a property reference: table.column, or by ids schema/<id>/properties/<id>";

    public PropertyReference {
        references = List.copyOf(references);
        if (references.isEmpty()) {
            throw new IllegalArgumentException("a reference names at least one property");
        }
        if (!composite && references.size() > 1) {
            throw new IllegalArgumentException("several properties make a composite reference");
        }
    }

    public static PropertyReference single(String reference) {
        return new PropertyReference(List.of(reference), false);
    }

    public static PropertyReference composite(List<String> references) {
        return new PropertyReference(references, true);
    }

    @JsonValue
    public Object asWritten() {
        return composite ? references : references.getFirst();
    }

    public static boolean isValid(String reference) {
        return SHORTHAND.matcher(reference).find() || FULLY_QUALIFIED.matcher(reference).find();
    }

    static PropertyReference bind(OdcsFields f, String key) {
        Node node = f.raw(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar && scalar.isString()) {
            String reference = (String) scalar.value();
            return checked(f, key, node, reference) ? single(reference) : null;
        }
        if (!(node instanceof ListNode list)) {
            f.problems().error(node, "`" + key + "` must be " + EXPECTED + " (or a list of them), found " + node.kindName());
            return null;
        }
        if (list.items().isEmpty()) {
            f.problems().error(node, "`" + key + "` must list at least one property");
            return null;
        }
        List<String> references = new ArrayList<>();
        boolean valid = true;
        for (Node item : list.items()) {
            if (item instanceof ScalarNode scalar && scalar.isString()) {
                valid &= checked(f, key, item, (String) scalar.value());
                references.add((String) scalar.value());
            } else {
                f.problems().error(item, "expected " + EXPECTED + ", found " + item.kindName());
                valid = false;
            }
        }
        return valid ? composite(references) : null;
    }

    private static boolean checked(OdcsFields f, String key, Node node, String reference) {
        if (isValid(reference)) {
            return true;
        }
        f.problems().error(node, "`" + key + "` must be " + EXPECTED + "; found '" + reference + "'");
        return false;
    }
}
