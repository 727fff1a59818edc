package io.polder.registry.runs;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.InputPort;
import io.polder.model.problem.Problem;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceFormat;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.FileValidation;
import io.polder.model.validate.ValidatedDocument;
import io.polder.registry.Names;
import io.polder.registry.store.Database;
import io.polder.spi.PortRef;
import io.polder.spi.build.BuildFile;
import io.polder.spi.build.InputBinding;
import io.polder.spi.build.ProductDefinition;
import io.polder.spi.settings.ProductSettings;
import io.polder.spi.settings.ProductSettingsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Composes what an engine needs to build a product from what the registry holds: the product's current version,
 * the contract versions its output ports name, the polder.yaml and build SQL published with the version, and
 * each input port bound to the current output port that offers the contract it reads. Everything comes from the
 * registry, never from a folder, so a build always matches what was applied.
 */
public final class BuildDefinitions {
    static final String PRODUCT = """
            SELECT p.current_version, v.source_path, v.document_text FROM products p
            JOIN product_versions v ON v.product_id = p.id AND v.version = p.current_version WHERE p.id = :id""";
    static final String CONTRACT_VERSION = """
            SELECT source_path, document_text FROM contract_versions WHERE contract_id = :contract AND version = :version""";
    static final String CURRENT_CONTRACT_VERSION = """
            SELECT v.source_path, v.document_text FROM contracts c
            JOIN contract_versions v ON v.contract_id = c.id AND v.version = c.current_version WHERE c.id = :contract""";
    static final String FILES = """
            SELECT file_kind, file_name, file_text FROM product_version_files
            WHERE product_id = :product AND product_version = :version ORDER BY position""";
    static final String OFFERED_BY = """
            SELECT po.product_id, po.name, po.port_version FROM ports po
            JOIN products pr ON pr.id = po.product_id AND pr.current_version = po.product_version
            WHERE po.direction = 'output' AND po.contract_id = :contract AND po.product_id <> :reader
              AND pr.status <> 'retired'
            ORDER BY po.product_id, po.name, po.port_version""";
    static final String SCHEDULED = """
            SELECT f.product_id, f.file_text FROM product_version_files f
            JOIN products p ON p.id = f.product_id AND p.current_version = f.product_version
            WHERE f.file_kind = 'settings' AND p.status <> 'retired' ORDER BY f.product_id""";

    private final Database database;
    private final DocumentReader reader = DocumentReader.withDefaults();
    private final DocumentValidator validator = new DocumentValidator(reader);

    public BuildDefinitions(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * The current version of {@code productId}, ready to build.
     *
     * @throws PolderException NOT_FOUND for an unknown product; INVALID_DOCUMENT when a stored document no longer
     *                         parses (it was valid when applied); FAILED_PRECONDITION-like CONFLICT when an input
     *                         port reads a contract no current product offers
     */
    public BuildTarget target(String productId) {
        Names.requireId("product id", productId);
        return database.read(handle -> target(handle, productId));
    }

    /** The polder.yaml of every product that has one (current versions, not retired), by product id. */
    public java.util.Map<String, ProductSettings> settings() {
        java.util.Map<String, ProductSettings> settings = new java.util.TreeMap<>();
        database.read(handle -> handle.createQuery(SCHEDULED).map((row, context) -> java.util.Map.entry(
                row.getString("product_id"), row.getString("file_text"))).list())
                .forEach(entry -> settings.put(entry.getKey(), ProductSettingsReader.parse(entry.getValue(),
                        entry.getKey() + "/" + ProductSettings.FILE_NAME)));
        return settings;
    }

    private BuildTarget target(Handle handle, String productId) {
        StoredText product = handle.createQuery(PRODUCT).bind("id", productId)
                .map((row, context) -> new StoredText(row.getString("current_version"), row.getString("source_path"),
                        row.getString("document_text"))).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "no product '" + productId + "'"));
        DataProduct document = parse(product.path(), product.text(), ValidatedDocument.Product.class).product();
        String folder = product.path().contains("/") ? product.path().substring(0, product.path().lastIndexOf('/')) : ".";
        List<DataContract> contracts = new ArrayList<>();
        document.outputPortList().stream().filter(port -> port.contractId() != null).forEach(port ->
                contract(handle, port.contractId(), port.version()).ifPresent(contracts::add));
        ProductSettings settings = ProductSettings.defaults();
        List<BuildFile> buildFiles = new ArrayList<>();
        for (StoredFile file : handle.createQuery(FILES).bind("product", productId).bind("version", product.version())
                .map((row, context) -> new StoredFile(row.getString("file_kind"), row.getString("file_name"),
                        row.getString("file_text"))).list()) {
            if (file.kind().equals("settings")) {
                settings = ProductSettingsReader.parse(file.text(), folder + "/" + file.name());
            } else {
                buildFiles.add(new BuildFile(file.name().substring(0, file.name().length() - ".sql".length()),
                        file.text(), folder + "/build/" + file.name()));
            }
        }
        List<InputBinding> inputs = new ArrayList<>();
        for (InputPort port : document.inputPortList()) {
            inputs.add(binding(handle, productId, port));
        }
        return new BuildTarget(productId, product.version(),
                new ProductDefinition(document, contracts, buildFiles, settings), inputs);
    }

    private Optional<DataContract> contract(Handle handle, String contractId, String version) {
        Optional<StoredText> text = version == null ? Optional.empty()
                : handle.createQuery(CONTRACT_VERSION).bind("contract", contractId).bind("version", version)
                .map((row, context) -> new StoredText(version, row.getString("source_path"),
                        row.getString("document_text"))).findFirst();
        if (text.isEmpty()) {
            text = handle.createQuery(CURRENT_CONTRACT_VERSION).bind("contract", contractId)
                    .map((row, context) -> new StoredText(null, row.getString("source_path"),
                            row.getString("document_text"))).findFirst();
        }
        return text.map(stored -> parse(stored.path(), stored.text(), ValidatedDocument.Contract.class).contract());
    }

    private static InputBinding binding(Handle handle, String productId, InputPort port) {
        List<PortRef> offered = handle.createQuery(OFFERED_BY).bind("contract", port.contractId()).bind("reader", productId)
                .map((row, context) -> PortRef.of(row.getString("product_id"), row.getString("name"),
                        row.getString("port_version"))).list();
        if (offered.isEmpty()) {
            throw new PolderException(ErrorCode.CONFLICT, "input port `" + port.name() + "` of product `" + productId
                    + "` reads contract `" + port.contractId() + "`, which no current product's output port offers;"
                    + " apply the product that offers it first");
        }
        return new InputBinding(port.name(), offered.getFirst());
    }

    private <T extends ValidatedDocument> T parse(String path, String text, Class<T> kind) {
        FileValidation validation = validator.validate(reader.read(text, path, SourceFormat.ofFileName(path)));
        if (validation.documents().size() != 1 || !kind.isInstance(validation.documents().getFirst())) {
            String problems = validation.problems().stream().filter(Problem::isError).map(Problem::format)
                    .findFirst().orElse("not a single " + kind.getSimpleName().toLowerCase(java.util.Locale.ROOT));
            throw new PolderException(ErrorCode.INVALID_DOCUMENT, "the stored " + path + " cannot be read: " + problems);
        }
        return kind.cast(validation.documents().getFirst());
    }

    private record StoredText(String version, String path, String text) {
    }

    private record StoredFile(String kind, String name, String text) {
    }
}
