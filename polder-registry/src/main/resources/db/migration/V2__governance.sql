-- Governance: the policy set in force and the compliance history. Portable types only, as in V1.

-- The policy set in force: one row, whose revision grows with every change of the policy files, so that of
-- two applies that planned against the same set only one replaces it (the other gets a conflict).
CREATE TABLE policy_sets (
    id         INTEGER      NOT NULL PRIMARY KEY,
    revision   BIGINT       NOT NULL,
    digest     VARCHAR(64)  NOT NULL,
    applied_at BIGINT       NOT NULL,
    applied_by VARCHAR(320) NOT NULL
);
INSERT INTO policy_sets (id, revision, digest, applied_at, applied_by) VALUES (1, 0, '', 0, 'polder');

-- The policy files in force, exactly as uploaded (the registry compiles them itself), by their path
-- relative to the mesh root: policies/... (global) or <domain>/policies/... (that domain's).
CREATE TABLE policy_files (
    path          VARCHAR(1024) NOT NULL PRIMARY KEY,
    scope         VARCHAR(63)   NOT NULL,
    digest        VARCHAR(64)   NOT NULL,
    document_text TEXT          NOT NULL,
    applied_at    BIGINT        NOT NULL,
    applied_by    VARCHAR(320)  NOT NULL
);

-- One row per compliance evaluation (at every apply, and on demand): the registry's current products
-- against the policy set in force, counted; the rows below split it per domain and per policy.
CREATE TABLE compliance_snapshots (
    id               VARCHAR(26)  NOT NULL PRIMARY KEY,
    taken_at         BIGINT       NOT NULL,
    cause            VARCHAR(20)  NOT NULL,
    principal_name   VARCHAR(320) NOT NULL,
    policy_set       VARCHAR(64)  NOT NULL,
    products         INTEGER      NOT NULL,
    blocked_products INTEGER      NOT NULL,
    passed           BIGINT       NOT NULL,
    failed           BIGINT       NOT NULL,
    errored          BIGINT       NOT NULL,
    exempted         BIGINT       NOT NULL
);
CREATE INDEX compliance_snapshots_by_time ON compliance_snapshots (taken_at, id);

CREATE TABLE compliance_domains (
    snapshot_id      VARCHAR(26) NOT NULL REFERENCES compliance_snapshots (id),
    domain_id        VARCHAR(63) NOT NULL,
    products         INTEGER     NOT NULL,
    blocked_products INTEGER     NOT NULL,
    passed           BIGINT      NOT NULL,
    failed           BIGINT      NOT NULL,
    errored          BIGINT      NOT NULL,
    exempted         BIGINT      NOT NULL,
    PRIMARY KEY (snapshot_id, domain_id)
);
CREATE INDEX compliance_domains_by_domain ON compliance_domains (domain_id, snapshot_id);

CREATE TABLE compliance_policies (
    snapshot_id      VARCHAR(26)  NOT NULL REFERENCES compliance_snapshots (id),
    policy_id        VARCHAR(63)  NOT NULL,
    severity         VARCHAR(10)  NOT NULL,
    failing_products INTEGER      NOT NULL,
    passed           BIGINT       NOT NULL,
    failed           BIGINT       NOT NULL,
    errored          BIGINT       NOT NULL,
    exempted         BIGINT       NOT NULL,
    PRIMARY KEY (snapshot_id, policy_id)
);
