/**
 * Data Contract Specification (DCS 1.2.1, deprecated in favour of ODCS) validation:
 * {@link io.polder.model.dcs.DcsValidator} gives a DCS document the verdict of the official DCS JSON Schema,
 * with positioned problems. Converting DCS to ODCS is {@code io.polder.model.convert}'s job, not this package's.
 */
package io.polder.model.dcs;
