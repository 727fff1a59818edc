package io.polder.registry.governance;

import java.util.List;

/**
 * One policy on one product, over all the instances of its target (the product, each port, contract, schema
 * object or property).
 *
 * @param severity error, warning or info
 * @param outcome {@code fail} (an error-severity policy failed: it blocks), {@code error} (it could not be
 *                evaluated; blocks when the policy is error-severity), {@code warn} (a warning or info policy
 *                failed), {@code exempted}, {@code pass}, or {@code not-applicable} (its {@code when} excluded
 *                every instance)
 * @param findings every failed, errored and exempted instance, with its message and where it is
 */
public record PolicyCheck(String policy, String severity, String outcome, List<Finding> findings) {
    public static final String PASS = "pass";
    public static final String WARN = "warn";
    public static final String FAIL = "fail";
    public static final String ERROR = "error";
    public static final String EXEMPTED = "exempted";
    public static final String NOT_APPLICABLE = "not-applicable";

    public PolicyCheck {
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    /**
     * One instance that did not pass.
     *
     * @param outcome failed, errored or exempted
     * @param target the instance, as a reader names it ({@code property customers.email of customer-profiles-customers})
     * @param message the policy's message for it, or why it could not be evaluated, or what the exemption covers
     * @param file the file holding the instance, relative to the mesh root ("" when unknown)
     * @param line its line (0 when unknown)
     * @param column its column (0 when unknown)
     * @param pointer its JSON pointer in the file
     * @param exemption for an exempted instance: who approved it, why, until when
     */
    public record Finding(String outcome, String target, String message, String file, int line, int column,
                         String pointer, String exemption) {
        /** {@code FILE:LINE:COLUMN: message} when the place is known. */
        public String format() {
            return (file.isEmpty() ? "" : file + (line > 0 ? ":" + line + ":" + column : "") + ": ") + message;
        }
    }
}
