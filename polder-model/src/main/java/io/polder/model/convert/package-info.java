/**
 * Conversion of data contracts into the current ODCS (v3.1.0): {@link io.polder.model.convert.Converter}
 * detects what a document is (a Data Contract Specification document, an ODCS v3.0.x or v3.1.0 contract)
 * and returns a {@link io.polder.model.convert.Conversion} holding the converted document as ordered
 * plain Java, ready for {@code DocumentWriter.toYaml}.
 *
 * <p>Conversion works on the positioned source tree, so everything it cannot carry over faithfully is
 * reported at its file, line and column: a value without a place in ODCS is kept as a custom property
 * (never dropped) with a warning; a gap only a person can fill (a missing id, a team member without a
 * username) is an error.
 */
package io.polder.model.convert;
