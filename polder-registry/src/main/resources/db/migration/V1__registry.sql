-- The registry's schema, one script for SQLite and PostgreSQL: portable types only (VARCHAR, TEXT,
-- BIGINT, INTEGER), no SERIAL/AUTOINCREMENT (ids come from the application), times as epoch
-- milliseconds (BIGINT), calendar dates (sunset) as ISO-8601 text 'YYYY-MM-DD'.

-- Small facts the registry keeps about itself, such as which token the first start created.
CREATE TABLE registry_settings (
    setting_key   VARCHAR(100) NOT NULL PRIMARY KEY,
    setting_value TEXT         NOT NULL
);

-- Business domains, as declared in mesh.yaml. digest tells an unchanged declaration from a changed one.
CREATE TABLE domains (
    id          VARCHAR(63) NOT NULL PRIMARY KEY,
    name        TEXT,
    description TEXT,
    digest      VARCHAR(64) NOT NULL,
    created_at  BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL
);

-- People and service principals named in mesh.yaml (domain owners, team members).
CREATE TABLE principals (
    name         VARCHAR(320) NOT NULL PRIMARY KEY,
    display_name TEXT,
    created_at   BIGINT       NOT NULL
);

CREATE TABLE domain_owners (
    domain_id      VARCHAR(63)  NOT NULL REFERENCES domains (id),
    principal_name VARCHAR(320) NOT NULL REFERENCES principals (name),
    PRIMARY KEY (domain_id, principal_name)
);

CREATE TABLE teams (
    id          VARCHAR(63) NOT NULL PRIMARY KEY,
    domain_id   VARCHAR(63) NOT NULL REFERENCES domains (id),
    name        TEXT,
    description TEXT,
    digest      VARCHAR(64) NOT NULL,
    created_at  BIGINT      NOT NULL,
    updated_at  BIGINT      NOT NULL
);
CREATE INDEX teams_by_domain ON teams (domain_id, id);

CREATE TABLE team_members (
    team_id        VARCHAR(63)  NOT NULL REFERENCES teams (id),
    principal_name VARCHAR(320) NOT NULL REFERENCES principals (name),
    member_role    VARCHAR(20),
    position       INTEGER      NOT NULL,
    PRIMARY KEY (team_id, principal_name)
);

-- One row per data product: where it belongs, which version is current, its lifecycle, and a revision
-- that grows with every change (the ETag of optimistic concurrency).
CREATE TABLE products (
    id              VARCHAR(63)  NOT NULL PRIMARY KEY,
    domain_id       VARCHAR(63)  NOT NULL REFERENCES domains (id),
    team_id         VARCHAR(63)  REFERENCES teams (id),
    name            TEXT,
    current_version VARCHAR(64)  NOT NULL,
    status          VARCHAR(20)  NOT NULL,
    sunset_date     VARCHAR(10),
    revision        BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX products_by_domain ON products (domain_id, id);
CREATE INDEX products_by_team ON products (team_id, id);
CREATE INDEX products_by_status ON products (status, id);

-- Every published version of a product, immutable: the document exactly as submitted, its parsed form
-- as JSON, and the digest of its content. The primary key is what makes concurrent publishers of the
-- same version collide, in one process or across replicas.
CREATE TABLE product_versions (
    product_id     VARCHAR(63)  NOT NULL REFERENCES products (id),
    version        VARCHAR(64)  NOT NULL,
    revision       BIGINT       NOT NULL,
    digest         VARCHAR(64)  NOT NULL,
    declared_status VARCHAR(40),
    source_path    TEXT         NOT NULL,
    document_text  TEXT         NOT NULL,
    document_json  TEXT         NOT NULL,
    created_at     BIGINT       NOT NULL,
    created_by     VARCHAR(320) NOT NULL,
    PRIMARY KEY (product_id, version)
);
CREATE UNIQUE INDEX product_versions_by_revision ON product_versions (product_id, revision);

-- The input and output ports of each product version (direction 'input' or 'output').
CREATE TABLE ports (
    product_id      VARCHAR(63)  NOT NULL,
    product_version VARCHAR(64)  NOT NULL,
    direction       VARCHAR(6)   NOT NULL,
    name            VARCHAR(255) NOT NULL,
    port_version    VARCHAR(64)  NOT NULL,
    port_type       TEXT,
    contract_id     VARCHAR(255),
    description     TEXT,
    position        INTEGER      NOT NULL,
    PRIMARY KEY (product_id, product_version, direction, name, port_version),
    FOREIGN KEY (product_id, product_version) REFERENCES product_versions (product_id, version)
);
CREATE INDEX ports_by_contract ON ports (contract_id);

-- Data contracts, each published by one product.
CREATE TABLE contracts (
    id              VARCHAR(255) NOT NULL PRIMARY KEY,
    product_id      VARCHAR(63)  NOT NULL REFERENCES products (id),
    name            TEXT,
    current_version VARCHAR(64)  NOT NULL,
    status          VARCHAR(40),
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL
);
CREATE INDEX contracts_by_product ON contracts (product_id, id);

CREATE TABLE contract_versions (
    contract_id   VARCHAR(255) NOT NULL REFERENCES contracts (id),
    version       VARCHAR(64)  NOT NULL,
    digest        VARCHAR(64)  NOT NULL,
    source_path   TEXT         NOT NULL,
    document_text TEXT         NOT NULL,
    document_json TEXT         NOT NULL,
    created_at    BIGINT       NOT NULL,
    created_by    VARCHAR(320) NOT NULL,
    PRIMARY KEY (contract_id, version)
);
CREATE INDEX contract_versions_by_time ON contract_versions (contract_id, created_at);

-- Every change and every refused action. Ids are time-ordered, so id order is time order.
CREATE TABLE audit_events (
    id             VARCHAR(26)  NOT NULL PRIMARY KEY,
    occurred_at    BIGINT       NOT NULL,
    principal_name VARCHAR(320) NOT NULL,
    principal_role VARCHAR(20),
    action         VARCHAR(40)  NOT NULL,
    target         TEXT         NOT NULL,
    outcome        VARCHAR(20)  NOT NULL,
    details        TEXT         NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (occurred_at);
CREATE INDEX audit_events_by_principal ON audit_events (principal_name, id);
CREATE INDEX audit_events_by_action ON audit_events (action, id);
CREATE INDEX audit_events_by_target ON audit_events (target, id);

-- API tokens: only the SHA-256 of the secret is kept. The domain and team are not foreign keys on
-- purpose: a token for a domain may be made before the domain's first apply.
CREATE TABLE api_tokens (
    id          VARCHAR(26)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    domain_id   VARCHAR(63),
    team_id     VARCHAR(63),
    secret_hash VARCHAR(64)  NOT NULL,
    created_at  BIGINT       NOT NULL,
    created_by  VARCHAR(320) NOT NULL,
    expires_at  BIGINT,
    revoked_at  BIGINT
);
