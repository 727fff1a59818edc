package io.polder.registry.catalog;

import java.util.List;

/** A contract with its versions, newest first. */
public record ContractDetail(Contract contract, List<ContractVersion> versions) {
    public ContractDetail {
        versions = List.copyOf(versions);
    }
}
