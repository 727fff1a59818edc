package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.model.odcs.DataContract;
import io.polder.model.problem.Problem;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceFormat;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.FileValidation;
import io.polder.model.validate.ValidatedDocument;
import io.polder.registry.store.Database;
import io.polder.registry.store.Rows;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The output ports of the current versions of the products that are not retired, each with its owners and its
 * parsed contract: what access is requested for, and what {@code polder get ports} lists.
 */
public final class OutputPorts {
    static final String PORTS = """
            SELECT p.id, p.domain_id, p.team_id, p.current_version, p.created_at, po.name, po.port_version,
                po.contract_id
            FROM products p
            JOIN ports po ON po.product_id = p.id AND po.product_version = p.current_version
            WHERE po.direction = 'output' AND p.status <> 'retired'
              AND (:product IS NULL OR p.id = :product) AND (:port IS NULL OR po.name = :port)
            ORDER BY p.id, po.position""";
    /** The names of the output ports of the current versions of :products, where not retired. */
    static final String OFFERED = """
            SELECT p.id, po.name FROM products p
            JOIN ports po ON po.product_id = p.id AND po.product_version = p.current_version
            WHERE po.direction = 'output' AND p.status <> 'retired' AND p.id IN (<products>)""";
    static final String CONTRACT_VERSION = """
            SELECT source_path, document_text FROM contract_versions WHERE contract_id = :contract AND version = :version""";
    static final String CURRENT_CONTRACT_VERSION = """
            SELECT v.source_path, v.document_text FROM contracts c
            JOIN contract_versions v ON v.contract_id = c.id AND v.version = c.current_version WHERE c.id = :contract""";

    private final Database database;
    private final DocumentReader reader = DocumentReader.withDefaults();
    private final DocumentValidator validator = new DocumentValidator(reader);

    public OutputPorts(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /** Every output port of every current product, by product id then the port's position. */
    public List<OutputPort> list() {
        return database.read(handle -> list(handle, null, null));
    }

    /** The output port {@code port} of {@code product}'s current version, if there is one. */
    public Optional<OutputPort> find(String product, String port) {
        return database.read(handle -> find(handle, product, port));
    }

    /**
     * The addresses ({@code PRODUCT/PORT}) of the output ports {@code products} offer now, in one read and without
     * reading their contracts: the ports {@link #find} finds, so those for which a request can still be approved.
     */
    public Set<String> offeredBy(Collection<String> products) {
        List<String> ids = products.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(database.read(handle -> handle.createQuery(OFFERED).bindList("products", ids)
                .map((row, context) -> row.getString("id") + "/" + row.getString("name")).list()));
    }

    Optional<OutputPort> find(Handle handle, String product, String port) {
        return list(handle, product, port).stream().findFirst();
    }

    /** The output ports of {@code product} (empty for an unknown or retired product). */
    List<OutputPort> ofProduct(Handle handle, String product) {
        return list(handle, product, null);
    }

    private List<OutputPort> list(Handle handle, String product, String port) {
        List<PortRow> rows = handle.createQuery(PORTS).bind("product", product).bind("port", port)
                .map((row, context) -> new PortRow(row.getString("id"), row.getString("domain_id"),
                        row.getString("team_id"), row.getString("current_version"), row.getString("name"),
                        row.getString("port_version"), row.getString("contract_id"),
                        Rows.instant(row, "created_at")))
                .list();
        return rows.stream().map(row -> new OutputPort(row.product(), row.domain(), row.team(), row.productVersion(),
                row.port(), row.version(), row.contractId(),
                row.contractId() == null ? null : contract(handle, row.contractId(), row.version()).orElse(null),
                row.createdAt())).toList();
    }

    private Optional<DataContract> contract(Handle handle, String contractId, String version) {
        Optional<StoredText> text = handle.createQuery(CONTRACT_VERSION).bind("contract", contractId)
                .bind("version", version)
                .map((row, context) -> new StoredText(row.getString("source_path"), row.getString("document_text")))
                .findFirst();
        if (text.isEmpty()) {
            text = handle.createQuery(CURRENT_CONTRACT_VERSION).bind("contract", contractId)
                    .map((row, context) -> new StoredText(row.getString("source_path"), row.getString("document_text")))
                    .findFirst();
        }
        return text.map(this::parse);
    }

    private DataContract parse(StoredText stored) {
        FileValidation validation = validator.validate(reader.read(stored.text(), stored.path(),
                SourceFormat.ofFileName(stored.path())));
        if (validation.documents().size() != 1
                || !(validation.documents().getFirst() instanceof ValidatedDocument.Contract contract)) {
            String problems = validation.problems().stream().filter(Problem::isError).map(Problem::format)
                    .findFirst().orElse("not a single contract");
            throw new PolderException(ErrorCode.INVALID_DOCUMENT, "the stored " + stored.path() + " cannot be read: "
                    + problems);
        }
        return contract.contract();
    }

    private record PortRow(String product, String domain, String team, String productVersion, String port,
                           String version, String contractId, java.time.Instant createdAt) {
    }

    private record StoredText(String path, String text) {
    }
}
