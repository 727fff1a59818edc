package io.polder.governance;

import dev.cel.runtime.CelVariableResolver;
import io.polder.model.odcs.DataContract;
import io.polder.model.source.SourceDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target instances of one product, each with its CEL variables, built the first time a policy asks for
 * a target kind. The CEL values are shared: the {@code port} of an output-port instance is the same map as
 * the element of {@code product.outputPorts}, so each field is converted once per product.
 */
final class Targets {
    /** An output port without a contract in the product (or a contract that no port names) sees this. */
    private static final Map<String, Object> NONE = Map.of();

    /** One instance and the variables a policy on it sees. */
    record Instance(Target target, Bindings variables) {
    }

    /** The variables of one instance; those its target does not have are never asked for. */
    record Bindings(Object product, Object domain, Object facts, Instant now, Object port, Object contract,
                    Object object, Object property) implements CelVariableResolver {
        @Override
        public Optional<Object> find(String name) {
            return Optional.ofNullable(switch (name) {
                case Variables.PRODUCT -> product;
                case Variables.DOMAIN -> domain;
                case Variables.FACTS -> facts;
                case Variables.NOW -> now;
                case Variables.PORT -> port;
                case Variables.CONTRACT -> contract;
                case Variables.OBJECT -> object;
                case Variables.PROPERTY -> property;
                default -> null;
            });
        }

        Bindings with(Object port, Object contract, Object object, Object property) {
            return new Bindings(product, domain, facts, now, port, contract, object, property);
        }
    }

    private final CelModel model;
    private final ProductContext context;
    private final Instance product;
    private final Map<PolicyTarget, List<Instance>> built = new EnumMap<>(PolicyTarget.class);
    private List<Map<String, Object>> contractValues;

    Targets(CelModel model, ProductContext context, Instant now) {
        this.model = model;
        this.context = context;
        Bindings base = new Bindings(model.value(context.product()), model.value(context.domain()),
                model.value(context.facts()), now, null, null, null, null);
        this.product = new Instance(new Target(PolicyTarget.PRODUCT, context.productId(), context.productId(), null,
                file(context.productSource()), ""), base);
    }

    Instance productInstance() {
        return product;
    }

    List<Instance> of(PolicyTarget target) {
        List<Instance> instances = built.get(target);
        if (instances == null) {
            instances = switch (target) {
                case PRODUCT -> List.of(product);
                case OUTPUT_PORT -> outputPorts();
                case CONTRACT -> contracts();
                case SCHEMA_OBJECT -> objects();
                case PROPERTY -> properties();
            };
            built.put(target, instances);
        }
        return instances;
    }

    private List<Instance> outputPorts() {
        List<Instance> instances = new ArrayList<>();
        List<Map<String, Object>> ports = maps(productValue().get("outputPorts"));
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Object> port = ports.get(i);
            String name = port.get("name") + " " + port.get("version");
            Target target = new Target(PolicyTarget.OUTPUT_PORT, context.productId(), name, null,
                    product.target().file(), "/outputPorts/" + i);
            instances.add(new Instance(target, product.variables().with(port, contractNamed(port.get("contractId")),
                    null, null)));
        }
        return instances;
    }

    private List<Instance> contracts() {
        List<Instance> instances = new ArrayList<>();
        List<Map<String, Object>> contracts = contractValues();
        for (int i = 0; i < contracts.size(); i++) {
            DataContract contract = context.contracts().get(i);
            String id = contract.id() == null ? "" : contract.id();
            Target target = new Target(PolicyTarget.CONTRACT, context.productId(), id, id, contractFile(id), "");
            instances.add(new Instance(target, product.variables().with(portBackedBy(id), contracts.get(i), null, null)));
        }
        return instances;
    }

    private List<Instance> objects() {
        List<Instance> instances = new ArrayList<>();
        for (Instance contract : of(PolicyTarget.CONTRACT)) {
            Bindings variables = contract.variables();
            List<Map<String, Object>> objects = maps(((Map<?, ?>) variables.contract()).get("schema"));
            for (int j = 0; j < objects.size(); j++) {
                Target target = new Target(PolicyTarget.SCHEMA_OBJECT, context.productId(),
                        String.valueOf(objects.get(j).get("name")), contract.target().contractId(),
                        contract.target().file(), "/schema/" + j);
                instances.add(new Instance(target, variables.with(variables.port(), variables.contract(),
                        objects.get(j), null)));
            }
        }
        return instances;
    }

    private List<Instance> properties() {
        List<Instance> instances = new ArrayList<>();
        for (Instance object : of(PolicyTarget.SCHEMA_OBJECT)) {
            Map<?, ?> objectValue = (Map<?, ?>) object.variables().object();
            addProperties(object, maps(objectValue.get("properties")), object.target().name(),
                    object.target().pointer(), instances);
        }
        return instances;
    }

    /** Properties and, below them, nested properties and array items, depth first in document order. */
    private void addProperties(Instance object, List<Map<String, Object>> properties, String parentName,
                               String parentPointer, List<Instance> instances) {
        for (int k = 0; k < properties.size(); k++) {
            Map<String, Object> property = properties.get(k);
            addProperty(object, property, parentName + "." + property.get("name"), parentPointer + "/properties/" + k,
                    instances);
        }
    }

    private void addProperty(Instance object, Map<String, Object> property, String name, String pointer,
                             List<Instance> instances) {
        Bindings variables = object.variables();
        Target target = new Target(PolicyTarget.PROPERTY, context.productId(), name, object.target().contractId(),
                object.target().file(), pointer);
        instances.add(new Instance(target, variables.with(variables.port(), variables.contract(), variables.object(),
                property)));
        addProperties(object, maps(property.get("properties")), name, pointer, instances);
        if (property.get("items") instanceof Map<?, ?> items) {
            addProperty(object, cast(items), name + "[]", pointer + "/items", instances);
        }
    }

    private Map<String, Object> productValue() {
        return cast((Map<?, ?>) product.variables().product());
    }

    private List<Map<String, Object>> contractValues() {
        if (contractValues == null) {
            contractValues = new ArrayList<>();
            for (DataContract contract : context.contracts()) {
                contractValues.add(cast((Map<?, ?>) model.value(contract)));
            }
        }
        return contractValues;
    }

    private Object contractNamed(Object contractId) {
        List<DataContract> contracts = context.contracts();
        for (int i = 0; i < contracts.size(); i++) {
            if (contractId != null && contractId.equals(contracts.get(i).id())) {
                return contractValues().get(i);
            }
        }
        return NONE;
    }

    private Object portBackedBy(String contractId) {
        for (Map<String, Object> port : maps(productValue().get("outputPorts"))) {
            if (contractId.equals(port.get("contractId"))) {
                return port;
            }
        }
        return NONE;
    }

    private String contractFile(String contractId) {
        return file(context.contractSources().get(contractId));
    }

    private static String file(SourceDocument source) {
        return source == null ? "" : source.file();
    }

    private static List<Map<String, Object>> maps(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        List<Map<String, Object>> maps = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof Map<?, ?> map) {
                maps.add(cast(map));
            }
        }
        return maps;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
