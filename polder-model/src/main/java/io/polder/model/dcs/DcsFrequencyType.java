package io.polder.model.dcs;

import io.polder.model.bind.StandardEnum;

/** How data is processed, in the {@code frequency} service level. */
enum DcsFrequencyType implements StandardEnum {
    BATCH("batch"),
    MICRO_BATCHING("micro-batching"),
    STREAMING("streaming"),
    MANUAL("manual");

    private final String value;

    DcsFrequencyType(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
