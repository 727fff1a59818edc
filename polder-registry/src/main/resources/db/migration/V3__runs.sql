-- Builds and contract runs, their check results and lineage, and the platform files published with a
-- product version. Portable types only, times as epoch milliseconds, as in V1.

-- polder.yaml (file_kind 'settings') and build/*.sql (file_kind 'build') of a product version: immutable,
-- like the version itself (they count in product_versions.digest).
CREATE TABLE product_version_files (
    product_id      VARCHAR(63)  NOT NULL,
    product_version VARCHAR(64)  NOT NULL,
    file_kind       VARCHAR(10)  NOT NULL,
    file_name       VARCHAR(128) NOT NULL,
    file_text       TEXT         NOT NULL,
    position        INTEGER      NOT NULL,
    PRIMARY KEY (product_id, product_version, file_kind, file_name),
    FOREIGN KEY (product_id, product_version) REFERENCES product_versions (product_id, version)
);

-- One row per build (kind 'build') or contract run (kind 'test'). State: queued, running, succeeded,
-- failed. port and snapshot name what a test checked; stage and rows_processed follow a run's progress.
-- runner names the server process that runs it (host and data directory), so that a restarted server
-- fails its own unfinished runs and not those of another replica.
CREATE TABLE runs (
    id              VARCHAR(26)  NOT NULL PRIMARY KEY,
    run_kind        VARCHAR(10)  NOT NULL,
    product_id      VARCHAR(63)  NOT NULL REFERENCES products (id),
    product_version VARCHAR(64)  NOT NULL,
    port            VARCHAR(300),
    snapshot        VARCHAR(40),
    state           VARCHAR(12)  NOT NULL,
    stage           VARCHAR(20),
    rows_processed  BIGINT       NOT NULL,
    query_count     INTEGER      NOT NULL,
    triggered_by    VARCHAR(20)  NOT NULL,
    requested_by    VARCHAR(320) NOT NULL,
    runner          VARCHAR(300),
    created_at      BIGINT       NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT,
    error_code      VARCHAR(40),
    error_message   TEXT,
    warnings        TEXT         NOT NULL
);
CREATE INDEX runs_by_product ON runs (product_id, id);
CREATE INDEX runs_by_state ON runs (state, id);

-- What a build did per output port: the candidate written, what stayed or became published.
CREATE TABLE run_ports (
    run_id             VARCHAR(26)  NOT NULL REFERENCES runs (id),
    port               VARCHAR(300) NOT NULL,
    outcome            VARCHAR(20)  NOT NULL,
    snapshot           VARCHAR(40),
    published_snapshot VARCHAR(40),
    rows_written       BIGINT       NOT NULL,
    check_outcome      VARCHAR(20),
    position           INTEGER      NOT NULL,
    PRIMARY KEY (run_id, port)
);
CREATE INDEX run_ports_by_port ON run_ports (port, run_id);

-- One row per check of a contract run. failed_rows holds the (small, personal-data-free) sample as JSON;
-- port and snapshot reference the snapshot the sample was taken from.
CREATE TABLE run_checks (
    run_id       VARCHAR(26)  NOT NULL REFERENCES runs (id),
    position     INTEGER      NOT NULL,
    port         VARCHAR(300) NOT NULL,
    snapshot     VARCHAR(40)  NOT NULL,
    rule_id      TEXT         NOT NULL,
    rule_name    TEXT,
    check_kind   VARCHAR(20)  NOT NULL,
    table_name   TEXT,
    property     TEXT,
    metric       TEXT,
    severity     VARCHAR(10)  NOT NULL,
    outcome      VARCHAR(10)  NOT NULL,
    value_json   TEXT,
    unit         VARCHAR(20),
    threshold    TEXT,
    message      TEXT         NOT NULL,
    failed_rows  TEXT,
    PRIMARY KEY (run_id, position)
);

-- OpenLineage run events (START, COMPLETE, FAIL) of builds, as the JSON that was emitted.
CREATE TABLE lineage_events (
    run_id      VARCHAR(26) NOT NULL REFERENCES runs (id),
    position    INTEGER     NOT NULL,
    product_id  VARCHAR(63) NOT NULL,
    event_type  VARCHAR(10) NOT NULL,
    event_time  VARCHAR(40) NOT NULL,
    event_json  TEXT        NOT NULL,
    PRIMARY KEY (run_id, position)
);
CREATE INDEX lineage_events_by_product ON lineage_events (product_id, run_id);
