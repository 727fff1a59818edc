package io.polder.model.validate;

import io.polder.model.bind.Fields;
import io.polder.model.convert.Conversion;
import io.polder.model.convert.ConversionTarget;
import io.polder.model.convert.Converter;
import io.polder.model.dcs.DcsValidator;
import io.polder.model.mesh.MeshConfig;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.OdcsReader;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OdpsReader;
import io.polder.model.problem.Problems;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.MapNode;
import io.polder.model.source.ParsedFile;
import io.polder.model.source.ScalarNode;
import io.polder.model.source.SourceDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates single files: reads them, tells each document's kind from its content, and checks it by the
 * rules of the standard and version it declares. Thread-safe; one instance can serve many files.
 */
public final class DocumentValidator {
    private final DocumentReader reader;
    private final OdcsReader contracts = new OdcsReader();
    private final OdpsReader products = new OdpsReader();
    private final DcsValidator dcsContracts = new DcsValidator();
    private final Converter converter = Converter.to(ConversionTarget.ODCS_V3_1_0);

    public DocumentValidator(DocumentReader reader) {
        this.reader = reader;
    }

    public DocumentValidator() {
        this(DocumentReader.withDefaults());
    }

    /** Validates the file at {@code path}; problems name it {@code displayName}. */
    public FileValidation validate(Path path, String displayName) {
        return validate(reader.read(path, displayName));
    }

    public FileValidation validate(ParsedFile parsed) {
        Problems problems = new Problems(parsed.file());
        parsed.problems().forEach(problems::add);
        List<ValidatedDocument> documents = new ArrayList<>();
        for (SourceDocument document : parsed.documents()) {
            Problems own = new Problems(parsed.file());
            ValidatedDocument validated = validate(document, own);
            own.list().forEach(problems::add);
            if (validated != null) {
                documents.add(validated);
            }
        }
        return new FileValidation(parsed.file(), documents, problems.list());
    }

    private ValidatedDocument validate(SourceDocument document, Problems problems) {
        return switch (DocumentKind.detect(document.root())) {
            case CONTRACT -> {
                DataContract contract = contracts.read(document, problems);
                ContractThresholds.check(document.root(), problems);
                yield contract == null ? null : new ValidatedDocument.Contract(document, contract, !problems.hasErrors());
            }
            case PRODUCT -> {
                DataProduct product = products.read(document, problems);
                yield product == null ? null : new ValidatedDocument.Product(document, product, !problems.hasErrors());
            }
            case MESH -> {
                MeshConfig config = Fields.bind(document.root(), problems, MeshConfig::bind);
                yield config == null ? null : new ValidatedDocument.Mesh(document, config, !problems.hasErrors());
            }
            case DCS_CONTRACT -> {
                dcsContracts.validate(document, problems);
                boolean valid = !problems.hasErrors();
                problems.warning(document.nodeAt("/dataContractSpecification"), "the Data Contract Specification is"
                        + " deprecated in favour of ODCS; convert it with `polder convert --to odcs-v3.1.0 "
                        + document.file() + "`");
                // converted only to give the model an ODCS view; the converter's notes on what it could not map
                // belong to `polder convert`, not to the verdict
                Conversion conversion = converter.convert(document, new Problems(document.file()));
                yield !conversion.hasDocument() ? null : new ValidatedDocument.DcsContract(document, conversion.document(), valid);
            }
            case DPDS_PRODUCT -> {
                problems.error(document.root(), "this is an Open Data Mesh descriptor (DPDS), which Polder does not"
                        + " read; describe the product in ODPS v1.0.0 (kind: DataProduct)");
                yield null;
            }
            case UNKNOWN -> {
                problems.error(document.root(), unknownKindMessage(document));
                yield null;
            }
        };
    }

    private static String unknownKindMessage(SourceDocument document) {
        if (!(document.root() instanceof MapNode root)) {
            return "expected an object at the top of the document, found " + document.root().kindName();
        }
        String expected = "expected `kind: DataContract` (ODCS), `kind: DataProduct` (ODPS), `kind: Mesh` (mesh.yaml)"
                + " or a `dataContractSpecification` (DCS) document";
        if (root.get("kind") instanceof ScalarNode kind) {
            return "unknown document kind '" + kind.value() + "'; " + expected;
        }
        return "cannot tell what this document is: it has no `kind`; " + expected;
    }
}
