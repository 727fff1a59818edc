package io.polder.registry.apply;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.apply.Work.ContractWork;
import io.polder.registry.apply.Work.DomainWork;
import io.polder.registry.apply.Work.ProductWork;
import io.polder.registry.apply.Work.RetireWork;
import io.polder.registry.apply.Work.TeamWork;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Makes the writes of a plan, each call inside its caller's transaction. Every update names the state it
 * was planned against (a digest, a revision) and every publication inserts under a primary key, so a
 * concurrent change, in this process or another replica, ends in a conflict instead of a lost update.
 */
final class ApplyWriter {
    static final String INSERT_DOMAIN = """
            INSERT INTO domains (id, name, description, digest, created_at, updated_at)
            VALUES (:id, :name, :description, :digest, :now, :now)""";
    static final String UPDATE_DOMAIN = """
            UPDATE domains SET name = :name, description = :description, digest = :digest, updated_at = :now
            WHERE id = :id AND digest = :expectedDigest""";
    static final String DELETE_DOMAIN_OWNERS = "DELETE FROM domain_owners WHERE domain_id = :domain";
    static final String INSERT_DOMAIN_OWNER =
            "INSERT INTO domain_owners (domain_id, principal_name) VALUES (:domain, :principal)";
    static final String UPSERT_PRINCIPAL = """
            INSERT INTO principals (name, display_name, created_at) VALUES (:name, :displayName, :now)
            ON CONFLICT (name) DO UPDATE SET display_name = COALESCE(excluded.display_name, principals.display_name)""";
    static final String INSERT_TEAM = """
            INSERT INTO teams (id, domain_id, name, description, digest, created_at, updated_at)
            VALUES (:id, :domain, :name, :description, :digest, :now, :now)""";
    static final String UPDATE_TEAM = """
            UPDATE teams SET domain_id = :domain, name = :name, description = :description, digest = :digest,
                updated_at = :now
            WHERE id = :id AND digest = :expectedDigest""";
    static final String DELETE_TEAM_MEMBERS = "DELETE FROM team_members WHERE team_id = :team";
    static final String INSERT_TEAM_MEMBER = """
            INSERT INTO team_members (team_id, principal_name, member_role, position)
            VALUES (:team, :principal, :role, :position)""";
    static final String INSERT_PRODUCT = """
            INSERT INTO products (id, domain_id, team_id, name, current_version, status, sunset_date, revision,
                created_at, updated_at)
            VALUES (:id, :domain, :team, :name, :version, :status, :sunset, 1, :now, :now)""";
    static final String UPDATE_PRODUCT = """
            UPDATE products SET domain_id = :domain, team_id = :team, name = :name, current_version = :version,
                status = :status, sunset_date = :sunset, revision = revision + 1, updated_at = :now
            WHERE id = :id AND revision = :expectedRevision""";
    static final String RETIRE_PRODUCT = """
            UPDATE products SET status = 'retired', sunset_date = NULL, revision = revision + 1, updated_at = :now
            WHERE id = :id AND revision = :expectedRevision""";
    static final String INSERT_PRODUCT_VERSION = """
            INSERT INTO product_versions (product_id, version, revision, digest, declared_status, source_path,
                document_text, document_json, created_at, created_by)
            VALUES (:product, :version, :revision, :digest, :declaredStatus, :sourcePath, :text, :json, :now, :by)""";
    static final String INSERT_PORT = """
            INSERT INTO ports (product_id, product_version, direction, name, port_version, port_type, contract_id,
                description, position)
            VALUES (:product, :productVersion, :direction, :name, :version, :type, :contract, :description, :position)""";
    static final String INSERT_PRODUCT_FILE = """
            INSERT INTO product_version_files (product_id, product_version, file_kind, file_name, file_text, position)
            VALUES (:product, :productVersion, :kind, :name, :text, :position)""";
    static final String INSERT_CONTRACT = """
            INSERT INTO contracts (id, product_id, name, current_version, status, created_at, updated_at)
            VALUES (:id, :product, :name, :version, :status, :now, :now)""";
    static final String UPDATE_CONTRACT = """
            UPDATE contracts SET name = :name, current_version = :version, status = :status, updated_at = :now
            WHERE id = :id AND product_id = :product""";
    static final String INSERT_CONTRACT_VERSION = """
            INSERT INTO contract_versions (contract_id, version, digest, source_path, document_text, document_json,
                created_at, created_by)
            VALUES (:contract, :version, :digest, :sourcePath, :text, :json, :now, :by)""";

    private final long now;
    private final String principal;

    ApplyWriter(long now, String principal) {
        this.now = now;
        this.principal = principal;
    }

    void writeDomain(Handle handle, DomainWork work) {
        Declared.Domain domain = work.domain();
        var statement = handle.createUpdate(work.expectedDigest() == null ? INSERT_DOMAIN : UPDATE_DOMAIN)
                .bind("id", domain.id()).bind("name", domain.name()).bind("description", domain.description())
                .bind("digest", domain.digest()).bind("now", now);
        if (work.expectedDigest() != null) {
            statement.bind("expectedDigest", work.expectedDigest());
        }
        requireOne(statement.execute(), "domain '" + domain.id() + "' changed while this apply ran");
        handle.createUpdate(DELETE_DOMAIN_OWNERS).bind("domain", domain.id()).execute();
        for (String owner : domain.owners()) {
            upsertPrincipal(handle, owner, null);
            handle.createUpdate(INSERT_DOMAIN_OWNER).bind("domain", domain.id()).bind("principal", owner).execute();
        }
    }

    void writeTeam(Handle handle, TeamWork work) {
        Declared.Team team = work.team();
        var statement = handle.createUpdate(work.expectedDigest() == null ? INSERT_TEAM : UPDATE_TEAM)
                .bind("id", team.id()).bind("domain", team.domain()).bind("name", team.name())
                .bind("description", team.description()).bind("digest", team.digest()).bind("now", now);
        if (work.expectedDigest() != null) {
            statement.bind("expectedDigest", work.expectedDigest());
        }
        requireOne(statement.execute(), "team '" + team.id() + "' changed while this apply ran");
        handle.createUpdate(DELETE_TEAM_MEMBERS).bind("team", team.id()).execute();
        List<Declared.Member> members = team.members();
        for (int i = 0; i < members.size(); i++) {
            Declared.Member member = members.get(i);
            upsertPrincipal(handle, member.username(), member.displayName());
            handle.createUpdate(INSERT_TEAM_MEMBER).bind("team", team.id()).bind("principal", member.username())
                    .bind("role", member.role()).bind("position", i).execute();
        }
    }

    private void upsertPrincipal(Handle handle, String name, String displayName) {
        handle.createUpdate(UPSERT_PRINCIPAL).bind("name", name).bind("displayName", displayName).bind("now", now)
                .execute();
    }

    /** Adds or changes a product, publishing its version and contracts as planned. */
    void writeProduct(Handle handle, ProductWork work) {
        Declared.Product product = work.declared();
        long revision = work.existing() == null ? 1 : work.existing().revision() + 1;
        if (work.existing() == null) {
            productStatement(handle.createUpdate(INSERT_PRODUCT), work).execute();
        } else {
            requireOne(productStatement(handle.createUpdate(UPDATE_PRODUCT), work)
                    .bind("expectedRevision", work.existing().revision()).execute(), stale(product.id()));
        }
        if (work.publishVersion()) {
            publishVersion(handle, product, revision);
        }
        for (ContractWork contract : work.contracts()) {
            writeContract(handle, product.id(), contract);
        }
    }

    private org.jdbi.v3.core.statement.Update productStatement(org.jdbi.v3.core.statement.Update statement,
                                                               ProductWork work) {
        Declared.Product product = work.declared();
        return statement.bind("id", product.id()).bind("domain", product.domain()).bind("team", product.team())
                .bind("name", product.name()).bind("version", product.version()).bind("status", work.status().value())
                .bind("sunset", work.sunsetDate() == null ? null : work.sunsetDate().toString()).bind("now", now);
    }

    private void publishVersion(Handle handle, Declared.Product product, long revision) {
        handle.createUpdate(INSERT_PRODUCT_VERSION).bind("product", product.id()).bind("version", product.version())
                .bind("revision", revision).bind("digest", product.versionDigest())
                .bind("declaredStatus", product.declaredStatus()).bind("sourcePath", product.sourcePath())
                .bind("text", product.document().text()).bind("json", product.document().json())
                .bind("now", now).bind("by", principal).execute();
        List<Declared.Port> ports = product.ports();
        for (int i = 0; i < ports.size(); i++) {
            Declared.Port port = ports.get(i);
            handle.createUpdate(INSERT_PORT).bind("product", product.id()).bind("productVersion", product.version())
                    .bind("direction", port.direction().value()).bind("name", port.name())
                    .bind("version", port.version()).bind("type", port.type()).bind("contract", port.contractId())
                    .bind("description", port.description()).bind("position", i).execute();
        }
        List<Declared.File> files = product.files();
        for (int i = 0; i < files.size(); i++) {
            Declared.File file = files.get(i);
            handle.createUpdate(INSERT_PRODUCT_FILE).bind("product", product.id())
                    .bind("productVersion", product.version()).bind("kind", file.kind()).bind("name", file.name())
                    .bind("text", file.text()).bind("position", i).execute();
        }
    }

    private void writeContract(Handle handle, String productId, ContractWork work) {
        Declared.Contract contract = work.contract();
        handle.createUpdate(work.add() ? INSERT_CONTRACT : UPDATE_CONTRACT).bind("id", contract.id())
                .bind("product", productId).bind("name", contract.name()).bind("version", contract.version())
                .bind("status", contract.status()).bind("now", now).execute();
        if (work.publishVersion()) {
            handle.createUpdate(INSERT_CONTRACT_VERSION).bind("contract", contract.id())
                    .bind("version", contract.version()).bind("digest", contract.document().digest())
                    .bind("sourcePath", contract.sourcePath()).bind("text", contract.document().text())
                    .bind("json", contract.document().json()).bind("now", now).bind("by", principal).execute();
        }
    }

    void retire(Handle handle, RetireWork work) {
        requireOne(handle.createUpdate(RETIRE_PRODUCT).bind("id", work.existing().id()).bind("now", now)
                .bind("expectedRevision", work.existing().revision()).execute(), stale(work.existing().id()));
    }

    static String stale(String productId) {
        return "product '" + productId + "' changed while this apply ran; plan again";
    }

    private static void requireOne(int updated, String message) {
        if (updated != 1) {
            throw new PolderException(ErrorCode.CONFLICT, message);
        }
    }
}
