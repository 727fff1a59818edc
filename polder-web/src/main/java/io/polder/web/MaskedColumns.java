package io.polder.web;

import io.polder.model.odcs.SchemaObject;
import java.util.Set;

/**
 * The columns of a contract table the query gateway masks for a grant that unmasks none: the columns a request
 * may ask to see as published. The server gives the gateway's own mask policy, which this module cannot depend on,
 * so the form offers exactly the columns a query would see masked.
 */
@FunctionalInterface
public interface MaskedColumns {
    /** The masked columns of {@code table}, by physical name when the contract gives one, else by name. */
    Set<String> of(SchemaObject table);
}
