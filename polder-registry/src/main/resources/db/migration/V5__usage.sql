-- Usage of the query gateway: one row per query, run or refused, and one row per output port it read.
-- Portable types only, times as epoch milliseconds, as in V1. The SQL itself is not kept (it may hold
-- values a consumer searched for); its SHA-256 tells queries apart.

-- outcome: succeeded, denied (not granted, or a construct the gateway refuses: 403) or failed (a syntax
-- error, several statements, a limit, an error inside the gateway); error_code is the ErrorCode name.
CREATE TABLE query_usage (
    id             VARCHAR(26)  NOT NULL PRIMARY KEY,
    occurred_at    BIGINT       NOT NULL,
    principal_name VARCHAR(320) NOT NULL,
    principal_role VARCHAR(20)  NOT NULL,
    outcome        VARCHAR(12)  NOT NULL,
    error_code     VARCHAR(40),
    message        TEXT,
    sql_sha256     VARCHAR(64)  NOT NULL,
    row_count      BIGINT       NOT NULL,
    truncated      INTEGER      NOT NULL,
    duration_ms    BIGINT       NOT NULL
);
CREATE INDEX query_usage_by_principal ON query_usage (principal_name, id);

-- The output ports a query read (or named, when it was refused for them): the port at its major version,
-- the relation as written, the published snapshot, the grant, and the columns the query read (JSON list).
-- A query refused for a port it named has the port without a major version, snapshot or grant.
CREATE TABLE query_usage_ports (
    usage_id     VARCHAR(26)  NOT NULL REFERENCES query_usage (id),
    product_id   VARCHAR(63)  NOT NULL,
    port_name    VARCHAR(128) NOT NULL,
    major_version INTEGER,
    relation     VARCHAR(600) NOT NULL,
    snapshot     VARCHAR(40),
    grant_id     VARCHAR(200),
    columns_read TEXT         NOT NULL,
    PRIMARY KEY (usage_id, relation)
);
CREATE INDEX query_usage_ports_by_product ON query_usage_ports (product_id, usage_id);
