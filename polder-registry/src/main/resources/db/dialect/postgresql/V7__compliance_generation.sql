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
-- PostgreSQL: the triggers are deferred to the commit and bump the row once per transaction (a local setting
-- remembers that it was bumped), so a writer holds the row's lock only while it commits, after every other lock
-- it takes: two writers cannot deadlock on it, and a reader in one snapshot sees a change and its bump together.
-- Writers run at READ COMMITTED (PostgresDialect), where a bump waits for the row and then counts on; a writer at
-- REPEATABLE READ or SERIALIZABLE would instead fail to commit when another bumped first.

CREATE TABLE compliance_generation (
    id         INTEGER NOT NULL PRIMARY KEY,
    generation BIGINT  NOT NULL
);
INSERT INTO compliance_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION compliance_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('polder.compliance_generation_bumped', true) IS DISTINCT FROM 'on' THEN
        UPDATE compliance_generation SET generation = generation + 1 WHERE id = 1;
        PERFORM set_config('polder.compliance_generation_bumped', 'on', true);
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER products_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON products
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER product_versions_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON product_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER ports_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON ports
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER contracts_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON contracts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER contract_versions_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON contract_versions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER domains_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON domains
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER domain_owners_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON domain_owners
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER policy_sets_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON policy_sets
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER policy_files_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON policy_files
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();

CREATE CONSTRAINT TRIGGER run_checks_compliance_generation AFTER INSERT OR UPDATE OR DELETE ON run_checks
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION compliance_generation_bump();
