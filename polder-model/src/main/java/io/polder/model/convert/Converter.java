package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problems;
import io.polder.model.source.MapNode;
import io.polder.model.source.Node;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import java.util.Map;
import java.util.Set;

/**
 * Converts data contracts into ODCS v3.1.0: Data Contract Specification documents (up to 1.2.1) and ODCS
 * v3.0.x contracts; an ODCS v3.1.0 contract is returned unchanged. The kind of document is detected from
 * its content. Conversion never throws for bad input: whatever cannot be carried over faithfully is
 * reported on {@code problems} at its source position (a warning when it was kept as a custom property,
 * an error when the result needs a person to decide).
 */
public final class Converter {
    private static final Set<String> ODCS_V3_0_VERSIONS = Set.of("v3.0.0", "v3.0.1", "v3.0.2");

    private final ConversionTarget target;

    private Converter(ConversionTarget target) {
        this.target = requireNonNull(target, "target is null");
    }

    public static Converter to(ConversionTarget target) {
        return new Converter(target);
    }

    public ConversionTarget target() {
        return target;
    }

    public Conversion convert(SourceDocument input, Problems problems) {
        requireNonNull(input, "input is null");
        ConversionLog log = new ConversionLog(requireNonNull(problems, "problems is null"));
        Node root = input.root();
        SourceKind kind = detect(root, log);
        return switch (kind) {
            case DATA_CONTRACT_SPECIFICATION -> converted(kind, new DcsConversion(log).convert((MapNode) root));
            case ODCS_V3_0 -> converted(kind, new OdcsUpgrade(log).upgrade((MapNode) root));
            case ODCS_V3_1 -> current(root, log);
            case UNRECOGNISED -> Conversion.unrecognised(target);
        };
    }

    private Conversion current(Node root, ConversionLog log) {
        log.warning(root, "already ODCS v3.1.0; returned unchanged");
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) root.toPlain();
        return converted(SourceKind.ODCS_V3_1, document);
    }

    private Conversion converted(SourceKind kind, Map<String, Object> document) {
        return new Conversion(kind, target, document);
    }

    /** What {@code root} is: a DCS document, an ODCS v3.0 or v3.1.0 contract, or (with an error) none of these. */
    static SourceKind detect(Node root, ConversionLog log) {
        if (!(root instanceof MapNode document)) {
            log.error(root, "expected a data contract (an object), found " + root.kindName());
            return SourceKind.UNRECOGNISED;
        }
        if (document.has("dataContractSpecification")) {
            return SourceKind.DATA_CONTRACT_SPECIFICATION;
        }
        String kind = text(document.get("kind"));
        String apiVersion = text(document.get("apiVersion"));
        if ("DataContract".equals(kind) && ODCS_V3_0_VERSIONS.contains(apiVersion)) {
            return SourceKind.ODCS_V3_0;
        }
        if ("DataContract".equals(kind) && OdcsUpgrade.TARGET_API_VERSION.equals(apiVersion)) {
            return SourceKind.ODCS_V3_1;
        }
        log.error(root, unrecognisedMessage(kind, apiVersion));
        return SourceKind.UNRECOGNISED;
    }

    private static String unrecognisedMessage(String kind, String apiVersion) {
        if ("DataContract".equals(kind) && apiVersion != null && apiVersion.startsWith("v2.")) {
            return "ODCS " + apiVersion + " contracts cannot be converted; Polder converts ODCS v3.0.x and the"
                    + " Data Contract Specification into ODCS v3.1.0";
        }
        if ("DataContract".equals(kind)) {
            return "unsupported ODCS apiVersion " + (apiVersion == null ? "(none)" : "'" + apiVersion + "'")
                    + "; Polder converts ODCS v3.0.0, v3.0.1 and v3.0.2 into v3.1.0";
        }
        return "not a data contract Polder can convert: expected a Data Contract Specification document"
                + " (with `dataContractSpecification`) or an ODCS contract (with `kind: DataContract` and"
                + " `apiVersion: v3.0.x`)";
    }

    private static String text(Node node) {
        return node instanceof ScalarNode scalar && scalar.isString() ? (String) scalar.value() : null;
    }
}
