package io.polder.governance;

import com.fasterxml.jackson.annotation.JsonValue;
import io.polder.model.bind.StandardEnum;
import java.util.List;

/**
 * What a policy is evaluated on. A product has one instance of the product target, one per output port,
 * one per contract in its folder, one per schema object of those contracts and one per property (nested
 * properties and array items included). Each target sees the CEL variables of the targets above it.
 */
public enum PolicyTarget implements StandardEnum {
    PRODUCT("product", List.of()),
    OUTPUT_PORT("output-port", List.of(Variables.PORT, Variables.CONTRACT)),
    CONTRACT("contract", List.of(Variables.CONTRACT, Variables.PORT)),
    SCHEMA_OBJECT("schema-object", List.of(Variables.CONTRACT, Variables.PORT, Variables.OBJECT)),
    PROPERTY("property", List.of(Variables.CONTRACT, Variables.PORT, Variables.OBJECT, Variables.PROPERTY));

    private final String value;
    private final List<String> ownVariables;

    PolicyTarget(String value, List<String> ownVariables) {
        this.value = value;
        this.ownVariables = ownVariables;
    }

    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** Every CEL variable a policy on this target may name, in the order the README lists them. */
    public List<String> variables() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(List.of(Variables.PRODUCT));
        all.addAll(ownVariables);
        all.addAll(List.of(Variables.DOMAIN, Variables.FACTS, Variables.NOW));
        return List.copyOf(all);
    }

    @Override
    public String toString() {
        return value;
    }
}
