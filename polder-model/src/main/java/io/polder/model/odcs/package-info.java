/**
 * ODCS v3 data contracts: records for every field of the Open Data Contract Standard v3.1.0 (and v3.0.x),
 * and {@link io.polder.model.odcs.OdcsReader}, which reads and validates a contract in one pass.
 *
 * <p>Validation reproduces the verdict of the official JSON Schema of the version a contract declares
 * (v3.0.0–v3.0.2 by the v3.0.2 schema, v3.1.0 by the v3.1.0 schema) without loading it: the binders of the
 * records are the schema, written out so that every problem carries a line, a column, a JSON pointer and a
 * message that says what to write instead. Where the schemas leave an object open (most v3.0 objects, a
 * contract's description) fields beyond the standard are kept, so that writing a contract back with
 * {@link io.polder.model.write.DocumentWriter} and reading it again gives an equal record.
 *
 * <p>Types with variants are sealed: {@link io.polder.model.odcs.Team} (object or member list),
 * {@link io.polder.model.odcs.LogicalTypeOptions} (by logical type) and {@link io.polder.model.odcs.QualityCheck}
 * (text, library, sql, custom), the view an engine switches over.
 */
package io.polder.model.odcs;
