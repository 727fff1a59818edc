package io.polder.model.dcs;

import io.polder.model.bind.StandardEnum;

/** The versions of the Data Contract Specification that the 1.2.1 schema accepts in {@code dataContractSpecification}. */
enum DcsVersion implements StandardEnum {
    V1_2_1("1.2.1"),
    V1_2_0("1.2.0"),
    V1_1_0("1.1.0"),
    V0_9_3("0.9.3"),
    V0_9_2("0.9.2"),
    V0_9_1("0.9.1"),
    V0_9_0("0.9.0");

    private final String value;

    DcsVersion(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
