package io.polder.registry.catalog;

/** One version of a contract with its document. */
public record ContractVersionDetail(ContractVersion version, StoredDocument document) {
}
