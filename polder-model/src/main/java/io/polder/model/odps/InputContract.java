package io.polder.model.odps;

import io.polder.model.bind.Fields;

/** ODPS input contract of an output port: a contract (by id) and version that the port is built from. */
public record InputContract(String id, String version) {

    static InputContract bind(Fields f) {
        f.require("id", "version");
        InputContract contract = new InputContract(f.string("id"), f.string("version"));
        f.rejectUnknown();
        return contract;
    }
}
