package io.polder.model.convert;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of converting one document: what it was, what it was converted into, and the converted
 * document as ordered plain Java (maps, lists, scalars) ready for {@code DocumentWriter.toYaml}. The
 * document is absent only when the source was {@link SourceKind#UNRECOGNISED}; conversion problems
 * (errors and lossy-step warnings) are in the {@code Problems} given to the converter.
 */
public record Conversion(SourceKind sourceKind, ConversionTarget target, Map<String, Object> document) {
    public Conversion {
        requireNonNull(sourceKind, "sourceKind is null");
        requireNonNull(target, "target is null");
        if ((document == null) != (sourceKind == SourceKind.UNRECOGNISED)) {
            throw new IllegalArgumentException("a document is present exactly when the source was recognised");
        }
        document = document == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(document));
    }

    static Conversion unrecognised(ConversionTarget target) {
        return new Conversion(SourceKind.UNRECOGNISED, target, null);
    }

    public boolean hasDocument() {
        return document != null;
    }
}
