-- Access requests, the grants that answer them, and the reminders owners get before a grant expires.
-- Portable types only, times as epoch milliseconds, as in V1.

-- A request to read one output port (product id + port name, every version) for a purpose and a number of
-- days. grantee_kind 'principal' (grantee: a principal's name) or 'team' (grantee: a team id). state:
-- pending, approved, rejected. consumer_product and input_port are set when applying a product opened the
-- request for its owning team (one of its input ports reads the port); with them the request is found again
-- on the next apply instead of opening another. unmask_columns is a JSON array of column names.
CREATE TABLE access_requests (
    id               VARCHAR(26)  NOT NULL PRIMARY KEY,
    product_id       VARCHAR(63)  NOT NULL REFERENCES products (id),
    port_name        VARCHAR(255) NOT NULL,
    grantee_kind     VARCHAR(10)  NOT NULL,
    grantee          VARCHAR(320) NOT NULL,
    purpose          TEXT         NOT NULL,
    duration_days    INTEGER,
    unmask_columns   TEXT         NOT NULL,
    row_scope        TEXT,
    consumer_product VARCHAR(63),
    input_port       VARCHAR(255),
    state            VARCHAR(10)  NOT NULL,
    requested_by     VARCHAR(320) NOT NULL,
    requested_at     BIGINT       NOT NULL,
    decided_by       VARCHAR(320),
    decided_at       BIGINT,
    decision_reason  TEXT,
    grant_id         VARCHAR(26)
);
CREATE INDEX access_requests_by_port ON access_requests (product_id, state, id);
CREATE INDEX access_requests_by_requester ON access_requests (requested_by, id);
CREATE INDEX access_requests_by_grantee ON access_requests (grantee_kind, grantee, id);
CREATE INDEX access_requests_by_consumer ON access_requests (consumer_product, input_port, id);

-- The right to read one output port. A grant is never deleted: revoking sets revoked_at, expiry is
-- expires_at (NULL: never). reminded_at and expiry_recorded_at make the reminder before expiry and the
-- audit event at expiry happen once per grant, whichever replica's job gets there first.
CREATE TABLE grants (
    id                 VARCHAR(26)  NOT NULL PRIMARY KEY,
    product_id         VARCHAR(63)  NOT NULL REFERENCES products (id),
    port_name          VARCHAR(255) NOT NULL,
    grantee_kind       VARCHAR(10)  NOT NULL,
    grantee            VARCHAR(320) NOT NULL,
    purpose            TEXT         NOT NULL,
    unmasked_columns   TEXT         NOT NULL,
    row_filter         TEXT,
    granted_at         BIGINT       NOT NULL,
    granted_by         VARCHAR(320) NOT NULL,
    expires_at         BIGINT,
    revoked_at         BIGINT,
    revoked_by         VARCHAR(320),
    revoke_reason      TEXT,
    request_id         VARCHAR(26)  REFERENCES access_requests (id),
    reminded_at        BIGINT,
    expiry_recorded_at BIGINT
);
CREATE INDEX grants_by_grantee ON grants (grantee_kind, grantee, id);
CREATE INDEX grants_by_port ON grants (product_id, port_name, id);
CREATE INDEX grants_by_expiry ON grants (expires_at, id);

-- What the owners of a port are told: a grant of theirs expires soon (kind 'expiring'). At most one per
-- grant and kind (the primary key), so a reminder job running on several replicas records it once.
CREATE TABLE access_reminders (
    grant_id    VARCHAR(26)  NOT NULL REFERENCES grants (id),
    kind        VARCHAR(10)  NOT NULL,
    product_id  VARCHAR(63)  NOT NULL,
    port_name   VARCHAR(255) NOT NULL,
    created_at  BIGINT       NOT NULL,
    PRIMARY KEY (grant_id, kind)
);
CREATE INDEX access_reminders_by_product ON access_reminders (product_id, created_at);
