/**
 * The Open Data Product Standard (ODPS, Bitol) v1.0.0 and v0.9.0: records for a data product and its
 * ports, and {@link io.polder.model.odps.OdpsReader}, which binds and validates a document by the version
 * it declares, with the same verdict as the official JSON Schema of that version.
 */
package io.polder.model.odps;
