package io.polder.spi.build;

import static java.util.Objects.requireNonNull;

import io.polder.model.odcs.DataContract;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.OutputPort;
import io.polder.model.validate.ProductFolder;
import io.polder.model.validate.ValidatedDocument;
import io.polder.spi.PortRef;
import io.polder.spi.exceptions.BuildDefinitionException;
import io.polder.spi.settings.ProductSettings;
import io.polder.spi.settings.ProductSettingsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an engine needs to know about a product to provision, build and check it: the product, the
 * contracts of its output ports, its build SQL and its {@code polder.yaml}. Engine-neutral.
 */
public record ProductDefinition(DataProduct product, List<DataContract> contracts, List<BuildFile> buildFiles,
                                ProductSettings settings) {
    public ProductDefinition {
        requireNonNull(product, "product is null");
        requireNonNull(product.id(), "product id is null");
        contracts = List.copyOf(contracts);
        buildFiles = List.copyOf(buildFiles);
        settings = settings == null ? ProductSettings.defaults() : settings;
    }

    /** Reads a product folder of a loaded mesh: its build files and its {@code polder.yaml}, if any. */
    public static ProductDefinition fromFolder(ProductFolder folder) {
        List<BuildFile> files = new ArrayList<>();
        for (Path file : folder.buildFiles()) {
            files.add(BuildFile.read(file, folder.displayPath() + "/build/" + file.getFileName()));
        }
        ProductSettings settings = ProductSettingsReader.readIfPresent(folder.folder().resolve(ProductSettings.FILE_NAME),
                folder.displayPath() + "/" + ProductSettings.FILE_NAME);
        return new ProductDefinition(folder.product().product(),
                folder.contracts().stream().map(ValidatedDocument.Contract::contract).toList(), files, settings);
    }

    public String id() {
        return product.id();
    }

    public Optional<DataContract> contract(String contractId) {
        return contracts.stream().filter(contract -> contractId.equals(contract.id())).findFirst();
    }

    /**
     * The output ports with their contracts.
     *
     * @throws BuildDefinitionException when a port has no contract, its contract is missing, or two versions
     *                                  of a port share a major version (they would share storage)
     */
    public List<OutputPortDefinition> outputPorts() {
        List<OutputPortDefinition> ports = new ArrayList<>();
        Map<PortRef, String> versions = new HashMap<>();
        for (OutputPort port : product.outputPortList()) {
            if (port.contractId() == null) {
                throw new BuildDefinitionException("output port `" + port.name() + "` of product `" + id()
                        + "` names no contract; the engine provisions and checks a port by its contract");
            }
            DataContract contract = contract(port.contractId()).orElseThrow(() -> new BuildDefinitionException(
                    "output port `" + port.name() + "` of product `" + id() + "` names contract `" + port.contractId()
                            + "`, which is not among the product's contracts"));
            PortRef ref = PortRef.of(id(), port.name(), port.version() == null ? "0" : port.version());
            String earlier = versions.putIfAbsent(ref, port.version());
            if (earlier != null) {
                throw new BuildDefinitionException("output port `" + port.name() + "` of product `" + id() + "` is listed"
                        + " at versions " + earlier + " and " + port.version() + ", which share major version "
                        + ref.majorVersion() + " and so their storage; give a breaking change a new major version");
            }
            ports.add(new OutputPortDefinition(ref, port, contract));
        }
        return ports;
    }

    public Optional<OutputPortDefinition> outputPort(PortRef ref) {
        return outputPorts().stream().filter(port -> port.ref().equals(ref)).findFirst();
    }
}
