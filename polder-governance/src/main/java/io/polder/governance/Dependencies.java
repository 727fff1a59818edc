package io.polder.governance;

import io.polder.model.odcs.DataContract;
import io.polder.model.odcs.SlaProperty;
import io.polder.model.odps.DataProduct;
import io.polder.model.odps.InputPort;
import io.polder.model.odps.OutputPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves each product's input ports against the output ports of the other products given, into
 * {@code facts.dependencies}: which product and port offer the contract at that version, and in which
 * lifecycle state.
 */
final class Dependencies {
    private static final String RETIRED = "retired";
    private static final String DEPRECATED = "deprecated";

    private Dependencies() {
    }

    private record Offer(DataProduct product, OutputPort port, DataContract contract) {
    }

    static List<ProductContext> resolve(List<ProductContext> contexts) {
        Map<String, Offer> offers = new HashMap<>();
        for (ProductContext context : contexts) {
            for (OutputPort port : context.product().outputPortList()) {
                if (port.contractId() != null) {
                    DataContract contract = context.contract(port.contractId()).orElse(null);
                    offers.putIfAbsent(key(port.contractId(), port.version()),
                            new Offer(context.product(), port, contract));
                }
            }
        }
        List<ProductContext> resolved = new ArrayList<>(contexts.size());
        for (ProductContext context : contexts) {
            List<Dependency> dependencies = new ArrayList<>();
            for (InputPort input : context.product().inputPortList()) {
                dependencies.add(dependency(input, offers.get(key(input.contractId(), input.version()))));
            }
            resolved.add(context.withFacts(context.facts().withDependencies(dependencies)));
        }
        return resolved;
    }

    private static Dependency dependency(InputPort input, Offer offer) {
        String name = Objects.requireNonNullElse(input.name(), "");
        String contractId = Objects.requireNonNullElse(input.contractId(), "");
        String version = Objects.requireNonNullElse(input.version(), "");
        if (offer == null) {
            return new Dependency(name, contractId, version, null, null, null, null);
        }
        return new Dependency(name, contractId, version, offer.product().id(), offer.port().name(),
                status(offer), sunsetDate(offer.contract()));
    }

    /** Retired or deprecated when either the product or the contract is; otherwise the contract's own status. */
    static String status(Offer offer) {
        String productStatus = offer.product().status();
        String contractStatus = offer.contract() == null ? null : offer.contract().status();
        for (String worst : List.of(RETIRED, DEPRECATED)) {
            if (worst.equals(productStatus) || worst.equals(contractStatus)) {
                return worst;
            }
        }
        return contractStatus != null ? contractStatus : productStatus;
    }

    private static String sunsetDate(DataContract contract) {
        if (contract == null || contract.slaProperties() == null) {
            return null;
        }
        for (String property : List.of("endOfLife", "endOfSupport")) {
            for (SlaProperty sla : contract.slaProperties()) {
                if (property.equals(sla.property()) && sla.value() != null) {
                    return sla.value().toString();
                }
            }
        }
        return null;
    }

    private static String key(String contractId, String version) {
        return contractId + "\u0000" + version;
    }
}
