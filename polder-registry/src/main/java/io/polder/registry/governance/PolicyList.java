package io.polder.registry.governance;

import java.time.Instant;
import java.util.List;

/**
 * The policy set in force.
 *
 * @param revision grows with every apply that changes the policy files
 * @param digest the digest of the files ("" when there are none)
 * @param appliedAt when the set was last changed (null when it never was)
 * @param appliedBy who changed it last (null when nobody did)
 * @param files the policy files, tests included, by path
 * @param policies every policy that compiled, in file order
 * @param exemptions every exemption, with its expiry
 * @param problems what loading the stored files reported (expired exemptions, ...), as FILE:LINE:COLUMN: message
 */
public record PolicyList(long revision, String digest, Instant appliedAt, String appliedBy, List<String> files,
                         List<PolicyInfo> policies, List<ExemptionInfo> exemptions, List<String> problems) {
    public PolicyList {
        files = List.copyOf(files);
        policies = List.copyOf(policies);
        exemptions = List.copyOf(exemptions);
        problems = List.copyOf(problems);
    }

    /**
     * An exemption: {@code product} need not meet {@code policy} until {@code expires}.
     *
     * @param active whether it still applies now
     */
    public record ExemptionInfo(String policy, String product, String reason, String approver, Instant expires,
                                boolean active, String file, int line) {
    }
}
