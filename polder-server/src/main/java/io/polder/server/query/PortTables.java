package io.polder.server.query;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.gateway.ColumnMask;
import io.polder.gateway.MaskPolicy;
import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SchemaObject;
import io.polder.model.problem.Problem;
import io.polder.model.source.DocumentReader;
import io.polder.model.source.SourceFormat;
import io.polder.model.validate.DocumentValidator;
import io.polder.model.validate.FileValidation;
import io.polder.model.validate.ValidatedDocument;
import io.polder.registry.PageRequest;
import io.polder.registry.catalog.CatalogService;
import io.polder.registry.catalog.ContractVersionDetail;
import io.polder.registry.catalog.Port;
import io.polder.registry.catalog.PortDirection;
import io.polder.spi.PortRef;
import io.polder.spi.build.OutputPortDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of an output port as its contract declares them, with the masks the contract's classification
 * gives each column: what a grant on the port turns into. The port is looked up in the product's current
 * version (one registry query); a contract version is immutable, so each is read and parsed once and kept.
 */
final class PortTables {
    /** One major version of a port: its tables and their masked columns. */
    record PortVersion(PortRef ref, boolean current, List<Table> tables) {
        PortVersion {
            tables = List.copyOf(tables);
        }
    }

    /** A table of a port's contract, by its name in storage, with the masks of its classified columns. */
    record Table(String name, Map<String, ColumnMask> masks) {
        Table {
            masks = Map.copyOf(masks);
        }
    }

    private final CatalogService catalog;
    private final MaskPolicy maskPolicy;
    private final Map<String, List<Table>> contracts = new ConcurrentHashMap<>();
    private final DocumentReader reader = DocumentReader.withDefaults();
    private final DocumentValidator validator = new DocumentValidator(reader);

    PortTables(CatalogService catalog, MaskPolicy maskPolicy) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.maskPolicy = requireNonNull(maskPolicy, "maskPolicy is null");
    }

    /**
     * The versions of output port {@code portName} of {@code productId}'s current version, highest major first
     * (that one is current); empty when the product or the port no longer exists.
     */
    List<PortVersion> versions(String productId, String portName) {
        List<Port> ports;
        try {
            ports = catalog.listPorts(productId, PortDirection.OUTPUT, PageRequest.first(PageRequest.MAX_LIMIT)).items();
        } catch (PolderException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<Port> named = ports.stream().filter(port -> port.name().equals(portName) && port.contractId() != null)
                .sorted(Comparator.comparingInt((Port port) -> PortRef.majorOf(version(port))).reversed()).toList();
        List<PortVersion> versions = new ArrayList<>();
        for (Port port : named) {
            PortRef ref = PortRef.of(productId, port.name(), version(port));
            if (versions.stream().noneMatch(known -> known.ref().equals(ref))) {
                versions.add(new PortVersion(ref, versions.isEmpty(), tables(port.contractId(), port.version())));
            }
        }
        return versions;
    }

    /**
     * The names of the output ports of {@code productId}'s current version, sorted; empty when there is no such
     * product. The catalog is readable by every signed-in principal, so a refusal may name them.
     */
    Optional<List<String>> outputPortNames(String productId) {
        try {
            return Optional.of(catalog.listPorts(productId, PortDirection.OUTPUT, PageRequest.first(PageRequest.MAX_LIMIT))
                    .items().stream().map(Port::name).distinct().sorted().toList());
        } catch (PolderException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String version(Port port) {
        return port.version() == null ? "0" : port.version();
    }

    private List<Table> tables(String contractId, String version) {
        String key = contractId + "@" + version;
        List<Table> known = contracts.get(key);
        if (known != null) {
            return known;
        }
        List<Table> tables = new ArrayList<>();
        DataContract contract = parse(catalog.getContractVersion(contractId, version));
        for (SchemaObject object : contract.schema() == null ? List.<SchemaObject>of() : contract.schema()) {
            tables.add(new Table(OutputPortDefinition.tableName(object), new LinkedHashMap<>(maskPolicy.masks(object, Set.of()))));
        }
        List<Table> result = List.copyOf(tables);
        contracts.put(key, result);
        return result;
    }

    private DataContract parse(ContractVersionDetail stored) {
        String path = stored.version().sourcePath();
        FileValidation validation = validator.validate(reader.read(stored.document().text(), path,
                SourceFormat.ofFileName(path)));
        if (validation.documents().size() != 1
                || !(validation.documents().getFirst() instanceof ValidatedDocument.Contract contract)) {
            String problems = validation.problems().stream().filter(Problem::isError).map(Problem::format)
                    .findFirst().orElse("not a single contract");
            throw new PolderException(ErrorCode.INTERNAL, "the stored contract " + path + " cannot be read: " + problems);
        }
        return contract.contract();
    }
}
