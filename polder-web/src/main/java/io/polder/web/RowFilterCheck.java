package io.polder.web;

import io.polder.registry.access.OutputPort;

/**
 * Checks an approval's row filter against the port it is for, before the grant is made: the web UI asks the
 * same check as the API (the query gateway's parse-tree check, given by the server), so a filter that could not
 * run never becomes a grant.
 */
@FunctionalInterface
public interface RowFilterCheck {
    /**
     * @throws io.polder.error.PolderException INVALID_ARGUMENT naming what is wrong with {@code rowFilter}
     */
    void check(OutputPort port, String rowFilter);
}
