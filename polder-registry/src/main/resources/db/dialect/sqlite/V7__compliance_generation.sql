-- The compliance generation: one number that grows with every committed change of what a compliance evaluation
-- reads, so that a server keeps its latest evaluation while the number is unchanged and evaluates again as soon
-- as it moved, whichever process (another replica, a command line) made the change. Triggers count the changes,
-- so no writer can forget to: the products and their versions, ports, contracts and their versions (documents,
-- lifecycle status, sunset dates, who consumes what), the domains and their owners (what policies see as
-- `domain`), the policy set in force, and the contract runs' check results (`facts.latestChecks`). The runs
-- table itself is left out: the latest checks read of it only the product of a run, set when the run is made,
-- before any of its checks, and its progress updates would otherwise count as changes during every build.
-- Time is not in it: ComplianceService bounds a kept evaluation by the exemptions' expiry and, for policies that
-- read `now`, by age.
--
-- SQLite: one writer at a time, so the triggers bump the row as each change is made.

CREATE TABLE compliance_generation (
    id         INTEGER NOT NULL PRIMARY KEY,
    generation BIGINT  NOT NULL
);
INSERT INTO compliance_generation (id, generation) VALUES (1, 0);

CREATE TRIGGER products_insert_compliance_generation AFTER INSERT ON products
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER products_update_compliance_generation AFTER UPDATE ON products
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER products_delete_compliance_generation AFTER DELETE ON products
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER product_versions_insert_compliance_generation AFTER INSERT ON product_versions
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER product_versions_update_compliance_generation AFTER UPDATE ON product_versions
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER product_versions_delete_compliance_generation AFTER DELETE ON product_versions
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER ports_insert_compliance_generation AFTER INSERT ON ports
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER ports_update_compliance_generation AFTER UPDATE ON ports
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER ports_delete_compliance_generation AFTER DELETE ON ports
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER contracts_insert_compliance_generation AFTER INSERT ON contracts
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER contracts_update_compliance_generation AFTER UPDATE ON contracts
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER contracts_delete_compliance_generation AFTER DELETE ON contracts
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER contract_versions_insert_compliance_generation AFTER INSERT ON contract_versions
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER contract_versions_update_compliance_generation AFTER UPDATE ON contract_versions
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER contract_versions_delete_compliance_generation AFTER DELETE ON contract_versions
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER domains_insert_compliance_generation AFTER INSERT ON domains
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER domains_update_compliance_generation AFTER UPDATE ON domains
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER domains_delete_compliance_generation AFTER DELETE ON domains
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER domain_owners_insert_compliance_generation AFTER INSERT ON domain_owners
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER domain_owners_update_compliance_generation AFTER UPDATE ON domain_owners
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER domain_owners_delete_compliance_generation AFTER DELETE ON domain_owners
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER policy_sets_insert_compliance_generation AFTER INSERT ON policy_sets
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER policy_sets_update_compliance_generation AFTER UPDATE ON policy_sets
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER policy_sets_delete_compliance_generation AFTER DELETE ON policy_sets
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER policy_files_insert_compliance_generation AFTER INSERT ON policy_files
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER policy_files_update_compliance_generation AFTER UPDATE ON policy_files
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER policy_files_delete_compliance_generation AFTER DELETE ON policy_files
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER run_checks_insert_compliance_generation AFTER INSERT ON run_checks
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER run_checks_update_compliance_generation AFTER UPDATE ON run_checks
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;

CREATE TRIGGER run_checks_delete_compliance_generation AFTER DELETE ON run_checks
BEGIN
    UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
END;
