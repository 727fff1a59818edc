package io.polder.model.validate;

import static java.util.Objects.requireNonNull;

import io.polder.model.mesh.MeshConfig;
import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.model.source.SourceDocument;
import java.util.Map;

/**
 * A document that was read and bound, by kind. It may still have problems (they are on the
 * {@link FileValidation}); the model is as much of the document as could be read.
 */
public sealed interface ValidatedDocument {
    SourceDocument source();

    default DocumentKind kind() {
        return switch (this) {
            case Contract contract -> DocumentKind.CONTRACT;
            case Product product -> DocumentKind.PRODUCT;
            case Mesh mesh -> DocumentKind.MESH;
            case DcsContract dcs -> DocumentKind.DCS_CONTRACT;
        };
    }

    /** Whether the document had no error of its own. */
    boolean valid();

    record Contract(SourceDocument source, DataContract contract, boolean valid) implements ValidatedDocument {
        public Contract {
            requireNonNull(source, "source is null");
            requireNonNull(contract, "contract is null");
        }
    }

    record Product(SourceDocument source, DataProduct product, boolean valid) implements ValidatedDocument {
        public Product {
            requireNonNull(source, "source is null");
            requireNonNull(product, "product is null");
        }
    }

    record Mesh(SourceDocument source, MeshConfig config, boolean valid) implements ValidatedDocument {
        public Mesh {
            requireNonNull(source, "source is null");
            requireNonNull(config, "config is null");
        }
    }

    /**
     * A Data Contract Specification document, checked by the DCS 1.2.1 schema's rules; {@code convertedToOdcs} is
     * the document converted to ODCS v3.1.0, for the parts of Polder that read contracts as ODCS.
     */
    record DcsContract(SourceDocument source, Map<String, Object> convertedToOdcs, boolean valid)
            implements ValidatedDocument {
        public DcsContract {
            requireNonNull(source, "source is null");
            requireNonNull(convertedToOdcs, "convertedToOdcs is null");
        }
    }
}
