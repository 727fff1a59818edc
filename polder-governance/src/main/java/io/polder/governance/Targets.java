package io.polder.governance;

import dev.cel.runtime.CelVariableResolver;
import io.polder.model.odcs.DataContract;
import io.polder.model.odps.InputPort;
import io.polder.model.odps.OutputPort;
import io.polder.model.source.SourceDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target instances of one product, each with its CEL variables, built the first time a policy asks for
 * a target kind. The CEL values are shared: the {@code port} of an output-port instance is the same struct
 * as the element of {@code product.outputPorts}, so each field is converted once per product.
 */
final class Targets {

    /** One instance and the variables a policy on it sees. */
    record Instance(Target target, Bindings variables) {
    }

    /**
     * The variables of one instance; those its target does not have are never asked for. CEL asks for each
     * variable at every evaluation, so the answers are made once.
     */
    static final class Bindings implements CelVariableResolver {
        private final Optional<Object> product;
        private final Optional<Object> domain;
        private final Optional<Object> facts;
        private final Optional<Object> now;
        private final Optional<Object> port;
        private final Optional<Object> contract;
        private final Optional<Object> object;
        private final Optional<Object> property;

        Bindings(Object product, Object domain, Object facts, Instant now) {
            this(Optional.of(product), Optional.of(domain), Optional.of(facts), Optional.of(now), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        private Bindings(Optional<Object> product, Optional<Object> domain, Optional<Object> facts,
                         Optional<Object> now, Optional<Object> port, Optional<Object> contract,
                         Optional<Object> object, Optional<Object> property) {
            this.product = product;
            this.domain = domain;
            this.facts = facts;
            this.now = now;
            this.port = port;
            this.contract = contract;
            this.object = object;
            this.property = property;
        }

        @Override
        public Optional<Object> find(String name) {
            return switch (name) {
                case Variables.PRODUCT -> product;
                case Variables.DOMAIN -> domain;
                case Variables.FACTS -> facts;
                case Variables.NOW -> now;
                case Variables.PORT -> port;
                case Variables.CONTRACT -> contract;
                case Variables.OBJECT -> object;
                case Variables.PROPERTY -> property;
                default -> Optional.empty();
            };
        }

        Bindings withFacts(Object replaced) {
            return new Bindings(product, domain, Optional.of(replaced), now, port, contract, object, property);
        }

        Bindings with(Object port, Object contract, Object object, Object property) {
            return new Bindings(product, domain, facts, now, Optional.ofNullable(port), Optional.ofNullable(contract),
                    Optional.ofNullable(object), Optional.ofNullable(property));
        }

        Object product() {
            return product.orElseThrow();
        }

        Object port() {
            return port.orElse(null);
        }

        Object contract() {
            return contract.orElse(null);
        }

        Object object() {
            return object.orElse(null);
        }
    }

    private final CelModel model;
    private final ProductContext context;
    private final Instance product;
    private final Map<PolicyTarget, List<Instance>> built = new EnumMap<>(PolicyTarget.class);
    private List<RecordValue> contractValues;

    Targets(CelModel model, ProductContext context, Instant now) {
        this.model = model;
        this.context = context;
        Bindings base = new Bindings(model.value(context.product()), model.value(context.domain()),
                model.value(context.facts()), now);
        this.product = new Instance(new Target(PolicyTarget.PRODUCT, context.productId(), context.productId(), null,
                file(context.productSource()), ""), base);
    }

    /**
     * The product instance seen through one of its input ports: {@code facts.dependencies} holds only that port's
     * dependency, and the target points at the port ({@code /inputPorts/i}); empty when the product has no input
     * port of that dependency's name.
     */
    Optional<Instance> throughInputPort(Dependency dependency) {
        List<InputPort> ports = context.product().inputPortList();
        for (int i = 0; i < ports.size(); i++) {
            if (dependency.inputPort().equals(ports.get(i).name())) {
                Target whole = product.target();
                Target target = new Target(whole.kind(), whole.product(), whole.name(), whole.contractId(), whole.file(),
                        "/inputPorts/" + i);
                return Optional.of(new Instance(target, product.variables()
                        .withFacts(model.value(context.facts().withDependencies(List.of(dependency))))));
            }
        }
        return Optional.empty();
    }

    /** The product instance with no dependency in {@code facts.dependencies}. */
    Instance withoutDependencies() {
        return new Instance(product.target(), product.variables()
                .withFacts(model.value(context.facts().withDependencies(List.of()))));
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
        List<RecordValue> ports = structs(productValue().get("outputPorts"));
        for (int i = 0; i < ports.size(); i++) {
            RecordValue port = ports.get(i);
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
        List<RecordValue> contracts = contractValues();
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
            List<RecordValue> objects = structs(((RecordValue) variables.contract()).get("schema"));
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
            RecordValue objectValue = (RecordValue) object.variables().object();
            addProperties(object, structs(objectValue.get("properties")), object.target().name(),
                    object.target().pointer(), instances);
        }
        return instances;
    }

    /** Properties and, below them, nested properties and array items, depth first in document order. */
    private void addProperties(Instance object, List<RecordValue> properties, String parentName,
                               String parentPointer, List<Instance> instances) {
        for (int k = 0; k < properties.size(); k++) {
            RecordValue property = properties.get(k);
            addProperty(object, property, parentName + "." + property.get("name"), parentPointer + "/properties/" + k,
                    instances);
        }
    }

    private void addProperty(Instance object, RecordValue property, String name, String pointer,
                             List<Instance> instances) {
        Bindings variables = object.variables();
        Target target = new Target(PolicyTarget.PROPERTY, context.productId(), name, object.target().contractId(),
                object.target().file(), pointer);
        instances.add(new Instance(target, variables.with(variables.port(), variables.contract(), variables.object(),
                property)));
        addProperties(object, structs(property.get("properties")), name, pointer, instances);
        if (property.get("items") instanceof RecordValue items) {
            addProperty(object, items, name + "[]", pointer + "/items", instances);
        }
    }

    private RecordValue productValue() {
        return (RecordValue) product.variables().product();
    }

    private List<RecordValue> contractValues() {
        if (contractValues == null) {
            contractValues = new ArrayList<>();
            for (DataContract contract : context.contracts()) {
                contractValues.add(model.value(contract));
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
        return model.empty(DataContract.class); // an output port without a contract in the product
    }

    private Object portBackedBy(String contractId) {
        for (RecordValue port : structs(productValue().get("outputPorts"))) {
            if (contractId.equals(port.get("contractId"))) {
                return port;
            }
        }
        return model.empty(OutputPort.class); // a contract that no output port names
    }

    private String contractFile(String contractId) {
        return file(context.contractSources().get(contractId));
    }

    private static String file(SourceDocument source) {
        return source == null ? "" : source.file();
    }

    private static List<RecordValue> structs(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        List<RecordValue> structs = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof RecordValue struct) {
                structs.add(struct);
            }
        }
        return structs;
    }
}
