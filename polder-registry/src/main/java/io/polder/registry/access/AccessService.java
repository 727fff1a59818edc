package io.polder.registry.access;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Cursor;
import io.polder.registry.Names;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.Pages;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.Action;
import io.polder.registry.auth.Authorizer;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.registry.store.Database;
import io.polder.registry.store.Ids;
import io.polder.registry.store.Json;
import io.polder.registry.store.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Access to output ports: requests, the owners' decisions, grants with expiry, revocation, and what one principal
 * may read right now ({@link #grantsFor}, read by the query gateway on every query, so a revocation or an expiry
 * takes effect on the next query).
 *
 * <p>The <em>owners</em> of a product are the owner of its domain and the members of its owning team: a principal
 * with a domain-owner token for the domain or a member token for the team, or whose name mesh.yaml lists among
 * the domain's owners or the team's members (platform-admins and governance excepted: they own nothing). Owners
 * read every output port of their products without a grant ({@code owner:PRODUCT/PORT}, masked as anyone else)
 * and decide on requests for them; a platform-admin decides on every request.
 *
 * <p>Anyone may request access, for oneself or for a team one belongs to. Everyone sees the requests and grants
 * that concern them (made by them, for them or their teams, or on ports they own); platform-admins and
 * governance see all. Every step is audited in the transaction that makes it; every refusal is audited too.
 */
public final class AccessService {
    /** The longest a grant may last, in days. */
    public static final int MAX_DAYS = 730;
    static final int MAX_TEXT = 1000;
    static final int MAX_ROW_FILTER = 4000;
    static final Pattern PORT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final String SYSTEM_NAME = Principal.SYSTEM.name();

    /** The products {@code :name} (with its token's :tokenDomain and :tokenTeam) owns, when :ownerRole is 1. */
    static final String OWNED = """
            SELECT o.id FROM products o
            WHERE :ownerRole = 1 AND (o.domain_id = :tokenDomain OR o.team_id = :tokenTeam
               OR o.domain_id IN (SELECT domain_id FROM domain_owners WHERE principal_name = :name)
               OR o.team_id IN (SELECT team_id FROM team_members WHERE principal_name = :name))""";
    /** Whether the grantee columns name :name or one of its teams. */
    static final String GRANTEE_IS_ME = """
            ((grantee_kind = 'principal' AND grantee = :name)
              OR (grantee_kind = 'team' AND (grantee = :tokenTeam
                  OR grantee IN (SELECT team_id FROM team_members WHERE principal_name = :name))))""";
    static final String REQUEST_COLUMNS = "id, product_id, port_name, grantee_kind, grantee, purpose, duration_days,"
            + " unmask_columns, row_scope, consumer_product, input_port, state, requested_by, requested_at,"
            + " decided_by, decided_at, decision_reason, grant_id";
    static final String GRANT_COLUMNS = "id, product_id, port_name, grantee_kind, grantee, purpose, unmasked_columns,"
            + " row_filter, granted_at, granted_by, expires_at, revoked_at, request_id";
    static final String INSERT_REQUEST = "INSERT INTO access_requests (" + REQUEST_COLUMNS + """
            ) VALUES (:id, :product, :port, :granteeKind, :grantee, :purpose, :days, :unmask, :rowScope,
                :consumerProduct, :inputPort, 'pending', :by, :now, NULL, NULL, NULL, NULL)""";
    static final String PENDING_FOR = """
            SELECT id FROM access_requests
            WHERE product_id = :product AND port_name = :port AND grantee_kind = :granteeKind AND grantee = :grantee
              AND state = 'pending'""";
    static final String GET_REQUEST = "SELECT " + REQUEST_COLUMNS + " FROM access_requests WHERE id = :id";
    static final String DECIDE = """
            UPDATE access_requests SET state = :state, decided_by = :by, decided_at = :now, decision_reason = :reason,
                grant_id = :grant
            WHERE id = :id AND state = 'pending'""";
    static final String INSERT_GRANT = "INSERT INTO grants (" + GRANT_COLUMNS + """
            , revoked_by, revoke_reason, reminded_at, expiry_recorded_at)
            VALUES (:id, :product, :port, :granteeKind, :grantee, :purpose, :unmasked, :rowFilter, :now, :by, :expires,
                NULL, :request, NULL, NULL, NULL, NULL)""";
    static final String GET_GRANT = "SELECT " + GRANT_COLUMNS + " FROM grants WHERE id = :id";
    static final String REVOKE = """
            UPDATE grants SET revoked_at = :now, revoked_by = :by, revoke_reason = :reason
            WHERE id = :id AND revoked_at IS NULL""";
    static final String GRANTS_FOR = "SELECT " + GRANT_COLUMNS + " FROM grants WHERE " + GRANTEE_IS_ME
            + " ORDER BY id";
    /** The grants of :name on one port; a port's name compares as SQL identifiers do, ignoring ASCII case. */
    static final String GRANTS_ON_PORT = "SELECT " + GRANT_COLUMNS + " FROM grants"
            + " WHERE product_id = :product AND LOWER(port_name) = LOWER(:port) AND " + GRANTEE_IS_ME + " ORDER BY id";
    static final String OWNED_PORT = """
            SELECT p.id, p.created_at, po.name FROM products p
            JOIN ports po ON po.product_id = p.id AND po.product_version = p.current_version
            WHERE p.id = :product AND LOWER(po.name) = LOWER(:port) AND po.direction = 'output' AND p.status <> 'retired'
              AND p.id IN (""" + OWNED + """
            )""";
    static final String OWNED_PORTS = """
            SELECT p.id, p.created_at, po.name FROM products p
            JOIN ports po ON po.product_id = p.id AND po.product_version = p.current_version
            WHERE po.direction = 'output' AND p.status <> 'retired' AND p.id IN (""" + OWNED + """
            )
            ORDER BY p.id, po.position""";
    static final String OWNS_PRODUCT = "SELECT COUNT(*) FROM (" + OWNED + ") owned WHERE owned.id = :product";
    static final String OWNS_PRODUCTS = "SELECT owned.id FROM (" + OWNED + ") owned WHERE owned.id IN (<ids>)";
    static final String DOMAINS_OF = "SELECT id, domain_id FROM products WHERE id IN (<ids>)";
    /** The teams :name may request access for: its token's (:tokenTeam), those it is listed in, all when :all = 1. */
    static final String TEAMS_TO_REQUEST_FOR = """
            SELECT id FROM teams
            WHERE :all = 1 OR id = :tokenTeam OR id IN (SELECT team_id FROM team_members WHERE principal_name = :name)
            ORDER BY id""";
    static final String VISIBLE = "(:seesAll = 1 OR " + GRANTEE_IS_ME + " OR product_id IN (" + OWNED + ")";
    static final String LIST_REQUESTS = "SELECT " + REQUEST_COLUMNS + " FROM access_requests WHERE " + VISIBLE
            + " OR requested_by = :name)" + """
             AND (:product IS NULL OR product_id = :product) AND (:state IS NULL OR state = :state)
              AND (:before IS NULL OR id < :before)
            ORDER BY id DESC LIMIT :limit""";
    static final String INBOX = "SELECT " + REQUEST_COLUMNS + " FROM access_requests WHERE state = 'pending'"
            + " AND (:seesAll = 1 OR product_id IN (" + OWNED + ")) ORDER BY id LIMIT 1000";
    static final String LIST_GRANTS = "SELECT " + GRANT_COLUMNS + " FROM grants WHERE " + VISIBLE + ")" + """
             AND (:product IS NULL OR product_id = :product)
              AND (:lapsed = 1 OR (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)))
              AND (:before IS NULL OR id < :before)
            ORDER BY id DESC LIMIT :limit""";
    static final String EXPIRING = """
            SELECT id, product_id, port_name, grantee_kind, grantee, expires_at FROM grants
            WHERE revoked_at IS NULL AND reminded_at IS NULL AND expires_at IS NOT NULL
              AND expires_at > :now AND expires_at <= :until
            ORDER BY expires_at, id LIMIT 1000""";
    static final String MARK_REMINDED = "UPDATE grants SET reminded_at = :now WHERE id = :id AND reminded_at IS NULL";
    static final String INSERT_REMINDER = """
            INSERT INTO access_reminders (grant_id, kind, product_id, port_name, created_at)
            VALUES (:grant, 'expiring', :product, :port, :now)""";
    static final String EXPIRED = """
            SELECT id, product_id, port_name, grantee_kind, grantee, expires_at FROM grants
            WHERE revoked_at IS NULL AND expiry_recorded_at IS NULL AND expires_at IS NOT NULL AND expires_at <= :now
            ORDER BY expires_at, id LIMIT 1000""";
    static final String MARK_EXPIRED = """
            UPDATE grants SET expiry_recorded_at = :now WHERE id = :id AND expiry_recorded_at IS NULL""";
    /** Each input port of a current product, with the output port it reads (as builds bind it) and both teams. */
    static final String INPUT_BINDINGS = """
            SELECT c.id AS consumer, c.team_id AS consumer_team, i.name AS input_port, o.product_id AS producer,
                p.team_id AS producer_team, o.name AS output_port
            FROM products c
            JOIN ports i ON i.product_id = c.id AND i.product_version = c.current_version AND i.direction = 'input'
            JOIN ports o ON o.direction = 'output' AND o.contract_id = i.contract_id AND o.product_id <> c.id
            JOIN products p ON p.id = o.product_id AND p.current_version = o.product_version AND p.status <> 'retired'
            WHERE c.status <> 'retired' AND (:consumer IS NULL OR c.id = :consumer)
            ORDER BY c.id, i.position, o.product_id, o.name, o.port_version""";
    static final String ACTIVE_TEAM_GRANT = """
            SELECT COUNT(*) FROM grants
            WHERE product_id = :product AND port_name = :port AND grantee_kind = 'team' AND grantee = :team
              AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)""";
    static final String LATEST_FOR_INPUT = "SELECT " + REQUEST_COLUMNS + """
             FROM access_requests
            WHERE consumer_product = :consumer AND input_port = :input AND product_id = :product AND port_name = :port
            ORDER BY id DESC LIMIT 1""";
    static final String REMINDERS = """
            SELECT r.grant_id, r.kind, r.product_id, r.port_name, r.created_at, g.grantee_kind, g.grantee, g.expires_at
            FROM access_reminders r JOIN grants g ON g.id = r.grant_id
            WHERE g.revoked_at IS NULL AND (g.expires_at IS NULL OR g.expires_at > :now)
              AND (:seesAll = 1 OR r.product_id IN (""" + OWNED + """
            ))
            ORDER BY g.expires_at, r.grant_id LIMIT 1000""";

    private final Database database;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final OutputPorts ports;
    private final AutoApprovals autoApprovals;

    public AccessService(Database database, Authorizer authorizer, AuditLog audit, Ids ids, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ports = new OutputPorts(database);
        this.autoApprovals = new AutoApprovals(database);
    }

    /** The output ports access can be requested for, with their owners and contracts. */
    public OutputPorts outputPorts() {
        return ports;
    }

    /**
     * What {@code principal} may read at {@code now}: its grants (as a principal, or through a team it belongs to)
     * that neither expired nor were revoked, the implicit access to every output port of the products it owns, and
     * the newest lapsed grant per port. One read of the store per call: the gateway calls it for every query.
     */
    public GrantSet grantsFor(Principal principal, Instant now) {
        requireNonNull(principal, "principal is null");
        requireNonNull(now, "now is null");
        return database.read(handle -> grantSet(principal, now,
                bindPrincipal(handle.createQuery(GRANTS_FOR), principal).map(AccessService::grantRow).list(),
                bindPrincipal(handle.createQuery(OWNED_PORTS), principal).map(AccessService::ownedPort).list()));
    }

    /**
     * {@link #grantsFor(Principal, Instant)} for one port only: what a query that names the port needs, in one
     * indexed read whatever the number of grants the principal holds elsewhere. The port's name compares
     * ignoring ASCII case, as SQL identifiers do.
     *
     * @param product the product's id
     * @param port the output port's name
     */
    public GrantSet grantsFor(Principal principal, Instant now, String product, String port) {
        requireNonNull(principal, "principal is null");
        requireNonNull(now, "now is null");
        requireNonNull(product, "product is null");
        requireNonNull(port, "port is null");
        return database.read(handle -> grantSet(principal, now,
                bindPrincipal(handle.createQuery(GRANTS_ON_PORT), principal).bind("product", product).bind("port", port)
                        .map(AccessService::grantRow).list(),
                bindPrincipal(handle.createQuery(OWNED_PORT), principal).bind("product", product).bind("port", port)
                        .map(AccessService::ownedPort).list()));
    }

    /** The grants as rows give them (ordered by id), with implicit owner access to {@code owned} ports. */
    private static GrantSet grantSet(Principal principal, Instant now, List<Grant> grants, List<OwnedPort> owned) {
        List<Grant> active = new ArrayList<>();
        Map<String, Grant> lapsed = new LinkedHashMap<>();
        for (Grant grant : grants) {
            if (grant.lapsedAt(now)) {
                lapsed.put(grant.product() + "/" + grant.port(), grant); // ordered by id: the newest stays
            } else {
                active.add(grant);
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        for (OwnedPort port : owned) {
            String address = port.product() + "/" + port.port();
            if (seen.add(address)) {
                active.add(new Grant("owner:" + address, port.product(), port.port(), GranteeKind.PRINCIPAL,
                        principal.name(), "owner of the product", List.of(), null, port.since(), null, null, null,
                        SYSTEM_NAME));
            }
        }
        return new GrantSet(active, List.copyOf(lapsed.values()));
    }

    private record OwnedPort(String product, String port, Instant since) {
    }

    private static OwnedPort ownedPort(ResultSet row, StatementContext context) throws SQLException {
        return new OwnedPort(row.getString("id"), row.getString("name"), Rows.instant(row, "created_at"));
    }

    /**
     * Records a request for access to a port, pending the owners' decision; audited.
     *
     * @throws PolderException INVALID_ARGUMENT for a malformed address, a missing purpose, days out of range or a
     *         column the port's contract does not have; NOT_FOUND for an unknown product, port or team; FORBIDDEN
     *         when requesting for a team one does not belong to; CONFLICT when the same grantee already has a
     *         pending request for the port
     */
    public AccessRequest request(Principal principal, NewAccessRequest request) {
        requireNonNull(principal, "principal is null");
        requireNonNull(request, "request is null");
        authorizer.require(principal, Action.REQUEST_ACCESS, "port/" + Names.forTarget(request.address()));
        Address address = Address.parse(request.address());
        String purpose = requireText("purpose", request.purpose(), true);
        int days = requireDays(request.days());
        String rowScope = requireText("row scope", request.rowScope(), false);
        OutputPort port = port(address);
        List<String> unmask = requireColumns(port, request.unmaskColumns());
        GranteeKind kind = request.team() == null ? GranteeKind.PRINCIPAL : GranteeKind.TEAM;
        String grantee = request.team() == null ? principal.name() : requireTeamOf(principal, request.team(),
                address);
        AccessRequest created = new AccessRequest(ids.next(), port.product(), port.port(), kind, grantee, purpose, days,
                unmask, rowScope, null, null, AccessRequestState.PENDING, principal.name(),
                Instant.ofEpochMilli(clock.millis()), null, null, null, null);
        return open(principal, created);
    }

    /**
     * Records {@code request} (pending), audited, and approves it at once when the port's polder.yaml declares an
     * auto-approval that covers it (audited as auto-approved, decided by {@code polder}).
     */
    AccessRequest open(Principal requester, AccessRequest request) {
        Optional<AutoApprovals.Decision> automatic = autoApprovals.decide(request,
                teamsOf(requester, request.requestedBy()));
        try {
            return database.write(handle -> insertAndAudit(handle, requester, request, automatic));
        } catch (RuntimeException e) {
            if (database.isUniqueViolation(e)) {
                throw pendingAlready(request);
            }
            throw e;
        }
    }

    private AccessRequest insertAndAudit(Handle handle, Principal requester, AccessRequest request,
                                         Optional<AutoApprovals.Decision> automatic) {
        insertRequest(handle, request);
        audit.record(handle, requester, Action.REQUEST_ACCESS, "port/" + request.address(), AuditOutcome.SUCCEEDED,
                details("request", request.id(), "grantee", request.granteeKind().value() + ":" + request.grantee(),
                        "purpose", request.purpose(), "days", request.durationDays() == null ? null
                                : String.valueOf(request.durationDays()),
                        "unmask", String.join(",", request.unmaskColumns()), "rowScope", request.rowScope(),
                        "consumerProduct", request.consumerProduct(), "inputPort", request.inputPort()));
        if (automatic.isPresent()) {
            return decideApproved(handle, Principal.SYSTEM, request, List.of(), null, automatic.get().days(),
                    automatic.get().reason(), "auto-approved");
        }
        return requestIn(handle, request.id());
    }

    /**
     * Opens an access request for the owning team of each current product whose input port reads another team's
     * output port, when the team has no grant for it yet: requested by {@code principal} (who applied), for no
     * fixed time, approved at once when the port's polder.yaml approves such requests. Idempotent: nothing is
     * opened while a grant works or a request is pending, nor again after the port's owners said no (the latest
     * request of that input was rejected, or its grant revoked); then the product's build says what to do.
     *
     * @return the requests opened (pending or approved at once)
     */
    public List<AccessRequest> requestForInputs(Principal principal) {
        requireNonNull(principal, "principal is null");
        List<AccessRequest> opened = new ArrayList<>();
        for (InputBinding binding : inputBindings(null)) {
            if (binding.sameTeam() || binding.consumerTeam() == null) {
                continue;
            }
            Need need = database.read(handle -> need(handle, binding, clock.millis()));
            if (need != Need.REQUEST) {
                continue;
            }
            AccessRequest request = new AccessRequest(ids.next(), binding.producer(), binding.outputPort(),
                    GranteeKind.TEAM, binding.consumerTeam(), "input port `" + binding.inputPort() + "` of product `"
                    + binding.consumer() + "`", null, List.of(), null, binding.consumer(), binding.inputPort(),
                    AccessRequestState.PENDING, principal.name(), Instant.ofEpochMilli(clock.millis()), null, null,
                    null, null);
            try {
                opened.add(open(principal, request));
            } catch (PolderException e) {
                if (e.code() != ErrorCode.CONFLICT) {
                    throw e;
                }
                // another apply opened it at the same moment
            }
        }
        return opened;
    }

    /**
     * Passes when {@code productId}'s owning team may read every input of the product: each input port reads a
     * port of its own team, or the team holds a grant for it at {@code now}. The build calls it before it reads
     * anything.
     *
     * @throws PolderException FORBIDDEN naming the input, the port, the access request that waits (or what became
     *         of the last one) and the command that approves or asks again
     */
    public void requireInputGrants(String productId, Instant now) {
        Names.requireId("product id", productId);
        for (InputBinding binding : inputBindings(productId)) {
            if (binding.sameTeam()) {
                continue;
            }
            String input = "input port `" + binding.inputPort() + "` of product `" + productId + "` reads "
                    + binding.address() + " (team " + binding.producerTeam() + ")";
            if (binding.consumerTeam() == null) {
                throw new PolderException(ErrorCode.FORBIDDEN, input + ", but the product names no owning team to grant"
                        + " access to", Map.of("port", binding.address()), null);
            }
            database.read(handle -> {
                Need need = need(handle, binding, now.toEpochMilli());
                if (need != Need.GRANTED) {
                    throw missingGrant(handle, binding, input);
                }
                return need;
            });
        }
    }

    private PolderException missingGrant(Handle handle, InputBinding binding, String input) {
        String team = binding.consumerTeam();
        String ask = "polder access request " + binding.address() + " --team " + team + " --purpose \"input of "
                + binding.consumer() + "\" --days 365";
        Optional<String> pending = handle.createQuery(PENDING_FOR).bind("product", binding.producer())
                .bind("port", binding.outputPort()).bind("granteeKind", GranteeKind.TEAM.value())
                .bind("grantee", team).mapTo(String.class).findFirst();
        String message;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("port", binding.address());
        details.put("team", team);
        if (pending.isPresent()) {
            message = input + ", and team " + team + " has no grant for it yet: access request " + pending.get()
                    + " waits for the owners of " + binding.producer() + "; they approve it with `polder access approve "
                    + pending.get() + "`";
            details.put("requestId", pending.get());
            details.put("command", "polder access approve " + pending.get());
        } else {
            Optional<AccessRequest> latest = handle.createQuery(LATEST_FOR_INPUT).bind("consumer", binding.consumer())
                    .bind("input", binding.inputPort()).bind("product", binding.producer())
                    .bind("port", binding.outputPort()).map(AccessService::requestRow).findFirst();
            String history = latest.map(request -> request.state() == AccessRequestState.REJECTED
                    ? "; its access request " + request.id() + " was rejected (" + request.decisionReason() + ")"
                    : request.grantId() != null ? "; the grant " + request.grantId() + " of request " + request.id()
                    + " was revoked or expired" : "").orElse("");
            message = input + ", and team " + team + " has no grant for it" + history + "; ask for one with `" + ask + "`";
            latest.ifPresent(request -> details.put("requestId", request.id()));
            details.put("command", ask);
        }
        return new PolderException(ErrorCode.FORBIDDEN, message, details, null);
    }

    /** Whether a binding's team may read its port, has asked already, or needs a request. */
    private enum Need { GRANTED, WAITING, REFUSED, REQUEST }

    private static Need need(Handle handle, InputBinding binding, long now) {
        if (handle.createQuery(ACTIVE_TEAM_GRANT).bind("product", binding.producer()).bind("port", binding.outputPort())
                .bind("team", binding.consumerTeam()).bind("now", now).mapTo(Integer.class).one() > 0) {
            return Need.GRANTED;
        }
        if (handle.createQuery(PENDING_FOR).bind("product", binding.producer()).bind("port", binding.outputPort())
                .bind("granteeKind", GranteeKind.TEAM.value()).bind("grantee", binding.consumerTeam())
                .mapTo(String.class).findFirst().isPresent()) {
            return Need.WAITING;
        }
        Optional<AccessRequest> latest = handle.createQuery(LATEST_FOR_INPUT).bind("consumer", binding.consumer())
                .bind("input", binding.inputPort()).bind("product", binding.producer()).bind("port", binding.outputPort())
                .map(AccessService::requestRow).findFirst();
        boolean refused = latest.isPresent() && (latest.get().state() == AccessRequestState.REJECTED
                || latest.get().grantId() != null && grantIn(handle, latest.get().grantId()).revokedAt() != null);
        return refused ? Need.REFUSED : Need.REQUEST;
    }

    /** The input bindings of the current products (of {@code consumer} only, when not null), one per input port. */
    private List<InputBinding> inputBindings(String consumer) {
        List<InputBinding> rows = database.read(handle -> handle.createQuery(INPUT_BINDINGS).bind("consumer", consumer)
                .map((row, context) -> new InputBinding(row.getString("consumer"), row.getString("consumer_team"),
                        row.getString("input_port"), row.getString("producer"), row.getString("producer_team"),
                        row.getString("output_port"))).list());
        Map<String, InputBinding> first = new LinkedHashMap<>();
        rows.forEach(row -> first.putIfAbsent(row.consumer() + "\u0000" + row.inputPort(), row));
        return List.copyOf(first.values());
    }

    /** An input port of a product and the output port it reads, with the teams that own both. */
    private record InputBinding(String consumer, String consumerTeam, String inputPort, String producer,
                                String producerTeam, String outputPort) {
        boolean sameTeam() {
            return consumerTeam != null && consumerTeam.equals(producerTeam);
        }

        String address() {
            return producer + "/" + outputPort;
        }
    }

    /** The teams {@code principal} belongs to: its token's, and those mesh.yaml lists it in. */
    private Set<String> teamsOf(Principal principal, String name) {
        Set<String> teams = new LinkedHashSet<>();
        if (principal.team() != null) {
            teams.add(principal.team());
        }
        teams.addAll(database.read(handle -> handle.createQuery(
                "SELECT team_id FROM team_members WHERE principal_name = :name ORDER BY team_id").bind("name", name)
                .mapTo(String.class).list()));
        return teams;
    }

    /**
     * Approves a pending request: a grant for the request's grantee, lasting the days requested (or
     * {@code approval.days()}), showing the columns requested (or {@code approval.unmaskColumns()}) and the rows
     * {@code approval.rowFilter()} keeps. The row filter is stored as given: the caller checks it against the
     * port's contract first (the server does, with the gateway's row-filter check). Audited.
     *
     * @throws PolderException NOT_FOUND for an unknown request; FORBIDDEN unless a platform-admin or an owner of the
     *         port's product; CONFLICT when the request was decided already; INVALID_ARGUMENT for bad columns or days
     */
    public AccessRequest approve(Principal principal, String requestId, Approval approval) {
        requireNonNull(principal, "principal is null");
        requireNonNull(approval, "approval is null");
        AccessRequest request = getRequestUnchecked(requestId);
        requireDecide(principal, request.product(), "access-request/" + request.id());
        OutputPort port = port(new Address(request.product(), request.port()));
        List<String> unmask = approval.unmaskColumns() == null ? requireColumns(port, request.unmaskColumns())
                : requireColumns(port, approval.unmaskColumns());
        Integer days = approval.days() == null ? request.durationDays() : Integer.valueOf(requireDays(approval.days()));
        String rowFilter = requireRowFilter(approval.rowFilter());
        String reason = requireText("reason", approval.reason(), false);
        return database.write(handle -> decideApproved(handle, principal, request, unmask, rowFilter, days, reason,
                "approved"));
    }

    /**
     * The request {@code principal} is about to decide on, after checking that it may (a platform-admin or an owner
     * of the port's product; a refusal is audited): for a caller that checks an approval's row filter first.
     */
    public AccessRequest requestToDecide(Principal principal, String requestId) {
        requireNonNull(principal, "principal is null");
        AccessRequest request = getRequestUnchecked(requestId);
        requireDecide(principal, request.product(), "access-request/" + request.id());
        return request;
    }

    /**
     * Rejects a pending request with a reason the requester sees; audited.
     *
     * @throws PolderException as {@link #approve}; INVALID_ARGUMENT without a reason
     */
    public AccessRequest reject(Principal principal, String requestId, String reason) {
        requireNonNull(principal, "principal is null");
        AccessRequest request = getRequestUnchecked(requestId);
        requireDecide(principal, request.product(), "access-request/" + request.id());
        String why = requireText("reason", reason, true);
        return database.write(handle -> {
            int updated = handle.createUpdate(DECIDE).bind("id", request.id()).bind("state", "rejected")
                    .bind("by", principal.name()).bind("now", clock.millis()).bind("reason", why)
                    .bind("grant", (String) null).execute();
            if (updated != 1) {
                throw alreadyDecided(request.id());
            }
            audit.record(handle, principal, Action.DECIDE_ACCESS, "port/" + request.address(), AuditOutcome.SUCCEEDED,
                    details("decision", "rejected", "request", request.id(), "grantee",
                            request.granteeKind().value() + ":" + request.grantee(), "reason", why));
            return requestIn(handle, request.id());
        });
    }

    /**
     * Revokes a grant, with a reason; from the next query on it no longer works (see {@link #grantsFor}). Audited.
     *
     * @throws PolderException NOT_FOUND for an unknown grant; FORBIDDEN unless a platform-admin or an owner of the
     *         port's product; CONFLICT when it was revoked already; INVALID_ARGUMENT without a reason or for the
     *         implicit access of owners, which only the ownership itself gives and takes
     */
    public Grant revoke(Principal principal, String grantId, String reason) {
        requireNonNull(principal, "principal is null");
        if (grantId != null && grantId.startsWith("owner:")) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, Names.quoteForMessage(grantId) + " is the implicit"
                    + " access of a product's owners; it ends only when they no longer own the product");
        }
        Grant grant = getGrantUnchecked(grantId);
        requireDecide(principal, grant.product(), "grant/" + grant.id());
        String why = requireText("reason", reason, true);
        return database.write(handle -> {
            int updated = handle.createUpdate(REVOKE).bind("id", grant.id()).bind("now", clock.millis())
                    .bind("by", principal.name()).bind("reason", why).execute();
            if (updated != 1) {
                throw new PolderException(ErrorCode.CONFLICT, "grant '" + grant.id() + "' was revoked already",
                        Map.of("grantId", grant.id()), null);
            }
            audit.record(handle, principal, Action.DECIDE_ACCESS, "port/" + grant.product() + "/" + grant.port(),
                    AuditOutcome.SUCCEEDED, details("decision", "revoked", "grant", grant.id(), "grantee",
                            grant.granteeKind().value() + ":" + grant.grantee(), "reason", why));
            return grantIn(handle, grant.id());
        });
    }

    /**
     * One request, if {@code principal} may see it (see the class comment).
     *
     * @throws PolderException NOT_FOUND for an unknown request, FORBIDDEN (audited) for one the principal may not see
     */
    public AccessRequest getRequest(Principal principal, String requestId) {
        requireNonNull(principal, "principal is null");
        AccessRequest request = getRequestUnchecked(requestId);
        if (!seesAll(principal) && !principal.name().equals(request.requestedBy())
                && !concernsMe(principal, request.granteeKind(), request.grantee()) && !owns(principal, request.product())) {
            throw notYours(principal, "access-request/" + request.id(), "access request '" + request.id() + "'");
        }
        return request;
    }

    /** One grant, if {@code principal} may see it; FORBIDDEN (audited) otherwise. */
    public Grant getGrant(Principal principal, String grantId) {
        requireNonNull(principal, "principal is null");
        Grant grant = getGrantUnchecked(grantId);
        if (!seesAll(principal) && !concernsMe(principal, grant.granteeKind(), grant.grantee())
                && !owns(principal, grant.product())) {
            throw notYours(principal, "grant/" + grant.id(), "grant '" + grant.id() + "'");
        }
        return grant;
    }

    private PolderException notYours(Principal principal, String target, String what) {
        PolderException refused = new PolderException(ErrorCode.FORBIDDEN, what + " is neither yours, nor your"
                + " team's, nor on a port you own; platform-admin and governance see every one",
                Map.of("action", Action.READ_ACCESS.value()), null);
        authorizer.recordDenied(principal, Action.READ_ACCESS, target, refused);
        return refused;
    }

    /** The requests {@code principal} may see, newest first. */
    public Page<AccessRequest> listRequests(Principal principal, AccessFilter filter, PageRequest page) {
        requireNonNull(principal, "principal is null");
        authorizer.require(principal, Action.READ_ACCESS, "access-requests");
        String product = filter.product() == null ? null : Names.requireId("product id", filter.product());
        String before = page.cursor() == null ? null : Cursor.decode("access-requests", page.cursor(), 1).getFirst();
        List<AccessRequest> rows = database.read(handle -> bindPrincipal(handle.createQuery(LIST_REQUESTS), principal)
                .bind("seesAll", seesAll(principal) ? 1 : 0).bind("product", product)
                .bind("state", filter.state() == null ? null : filter.state().value()).bind("before", before)
                .bind("limit", page.limit() + 1).map(AccessService::requestRow).list());
        return Pages.of(rows, page.limit(), last -> Cursor.encode("access-requests", last.id()));
    }

    /** The grants {@code principal} may see, newest first; lapsed ones only when the filter asks for them. */
    public Page<Grant> listGrants(Principal principal, AccessFilter filter, PageRequest page) {
        requireNonNull(principal, "principal is null");
        authorizer.require(principal, Action.READ_ACCESS, "grants");
        String product = filter.product() == null ? null : Names.requireId("product id", filter.product());
        String before = page.cursor() == null ? null : Cursor.decode("grants", page.cursor(), 1).getFirst();
        List<Grant> rows = database.read(handle -> bindPrincipal(handle.createQuery(LIST_GRANTS), principal)
                .bind("seesAll", seesAll(principal) ? 1 : 0).bind("product", product)
                .bind("lapsed", filter.includeLapsed() ? 1 : 0).bind("now", clock.millis()).bind("before", before)
                .bind("limit", page.limit() + 1).map(AccessService::grantRow).list());
        return Pages.of(rows, page.limit(), last -> Cursor.encode("grants", last.id()));
    }

    /**
     * What waits for {@code principal} as an owner: the pending requests for its products' ports (every pending
     * request for a platform-admin), and the reminders of their grants about to expire.
     */
    public AccessInbox inbox(Principal principal) {
        requireNonNull(principal, "principal is null");
        authorizer.require(principal, Action.READ_ACCESS, "access-inbox");
        int decidesAll = principal.role() == Role.PLATFORM_ADMIN ? 1 : 0;
        return database.read(handle -> new AccessInbox(
                bindPrincipal(handle.createQuery(INBOX), principal).bind("seesAll", decidesAll)
                        .map(AccessService::requestRow).list(),
                bindPrincipal(handle.createQuery(REMINDERS), principal).bind("seesAll", decidesAll)
                        .bind("now", clock.millis()).map(AccessService::reminderRow).list()));
    }

    /**
     * Reminds the owners of each port of the grants on it that expire within {@code window} (and neither expired
     * nor were revoked): a reminder in their inbox and an audit event, once per grant, whichever server process
     * gets there first. The platform's periodic job calls it, as {@link Principal#SYSTEM}.
     *
     * @return how many grants this call reminded of
     */
    public int remindExpiring(Duration window) {
        requireNonNull(window, "window is null");
        long now = clock.millis();
        List<Lapsing> expiring = database.read(handle -> handle.createQuery(EXPIRING).bind("now", now)
                .bind("until", now + window.toMillis()).map(AccessService::lapsingRow).list());
        int reminded = 0;
        for (Lapsing grant : expiring) {
            boolean recorded = database.write(handle -> {
                if (handle.createUpdate(MARK_REMINDED).bind("id", grant.id()).bind("now", now).execute() != 1) {
                    return false; // another process reminded first
                }
                handle.createUpdate(INSERT_REMINDER).bind("grant", grant.id()).bind("product", grant.product())
                        .bind("port", grant.port()).bind("now", now).execute();
                audit.record(handle, Principal.SYSTEM, Action.MAINTAIN_ACCESS, "port/" + grant.product() + "/"
                        + grant.port(), AuditOutcome.SUCCEEDED, details("event", "expiring", "grant", grant.id(),
                        "grantee", grant.granteeKind().value() + ":" + grant.grantee(), "expiresAt",
                        grant.expiresAt().toString()));
                return true;
            });
            reminded += recorded ? 1 : 0;
        }
        return reminded;
    }

    /**
     * Records in the audit log, once per grant, each grant that expired (and was not revoked before). The grant
     * stopped working at its expiry by itself ({@link #grantsFor} compares with the time of each query); this
     * only writes it down. The platform's periodic job calls it, as {@link Principal#SYSTEM}.
     *
     * @return how many expiries this call recorded
     */
    public int recordExpired() {
        long now = clock.millis();
        List<Lapsing> expired = database.read(handle -> handle.createQuery(EXPIRED).bind("now", now)
                .map(AccessService::lapsingRow).list());
        int recorded = 0;
        for (Lapsing grant : expired) {
            boolean first = database.write(handle -> {
                if (handle.createUpdate(MARK_EXPIRED).bind("id", grant.id()).bind("now", now).execute() != 1) {
                    return false;
                }
                audit.record(handle, Principal.SYSTEM, Action.MAINTAIN_ACCESS, "port/" + grant.product() + "/"
                        + grant.port(), AuditOutcome.SUCCEEDED, details("event", "expired", "grant", grant.id(),
                        "grantee", grant.granteeKind().value() + ":" + grant.grantee(), "expiresAt",
                        grant.expiresAt().toString()));
                return true;
            });
            recorded += first ? 1 : 0;
        }
        return recorded;
    }

    /** Whether {@code principal} owns {@code productId}: see the class comment. */
    public boolean owns(Principal principal, String productId) {
        return database.read(handle -> owns(handle, principal, productId));
    }

    /**
     * The teams {@code principal} may request access for ({@link #request} with a team): every team for a
     * platform-admin; otherwise the existing teams it belongs to, its token's and those mesh.yaml lists it in.
     */
    public List<String> teamsToRequestFor(Principal principal) {
        requireNonNull(principal, "principal is null");
        return database.read(handle -> handle.createQuery(TEAMS_TO_REQUEST_FOR).bind("name", principal.name())
                .bind("tokenTeam", principal.team()).bind("all", principal.role() == Role.PLATFORM_ADMIN ? 1 : 0)
                .mapTo(String.class).list());
    }

    /**
     * Which of {@code productIds} {@code principal} may decide on access to (approve and reject requests for their
     * ports, revoke grants on them), in one read, recording nothing: the check {@link #approve}, {@link #reject} and
     * {@link #revoke} make ({@link Authorizer#allowsDecide}), for a page that offers only the decisions it would
     * accept. Unknown products are left out.
     */
    public Set<String> decidableAmong(Principal principal, java.util.Collection<String> productIds) {
        requireNonNull(principal, "principal is null");
        List<String> ids = productIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        return database.read(handle -> {
            Set<String> owned = Set.copyOf(bindPrincipal(handle.createQuery(OWNS_PRODUCTS), principal)
                    .bindList("ids", ids).mapTo(String.class).list());
            return handle.createQuery(DOMAINS_OF).bindList("ids", ids)
                    .map((row, context) -> Map.entry(row.getString("id"), row.getString("domain_id"))).list().stream()
                    .filter(product -> Authorizer.allowsDecide(principal, product.getValue(),
                            owned.contains(product.getKey())))
                    .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
        });
    }

    AccessRequest decideApproved(Handle handle, Principal decider, AccessRequest request, List<String> unmask,
                                 String rowFilter, Integer days, String reason, String decision) {
        String grantId = ids.next();
        long now = clock.millis();
        Long expires = days == null ? null : now + Duration.ofDays(days).toMillis();
        int updated = handle.createUpdate(DECIDE).bind("id", request.id()).bind("state", "approved")
                .bind("by", decider.name()).bind("now", now).bind("reason", reason).bind("grant", grantId).execute();
        if (updated != 1) {
            throw alreadyDecided(request.id());
        }
        handle.createUpdate(INSERT_GRANT).bind("id", grantId).bind("product", request.product())
                .bind("port", request.port()).bind("granteeKind", request.granteeKind().value())
                .bind("grantee", request.grantee()).bind("purpose", request.purpose())
                .bind("unmasked", Json.write(unmask)).bind("rowFilter", rowFilter).bind("now", now)
                .bind("by", decider.name()).bind("expires", expires).bind("request", request.id()).execute();
        audit.record(handle, decider, Action.DECIDE_ACCESS, "port/" + request.address(), AuditOutcome.SUCCEEDED,
                details("decision", decision, "request", request.id(), "grant", grantId, "grantee",
                        request.granteeKind().value() + ":" + request.grantee(), "unmask", String.join(",", unmask),
                        "rowFilter", rowFilter, "expiresAt", expires == null ? null : Instant.ofEpochMilli(expires).toString(),
                        "reason", reason));
        return requestIn(handle, request.id());
    }

    /**
     * Inserts {@code request} as pending. The unique index {@code access_requests_one_pending} (V6) refuses a
     * second pending request of the same grantee for the same port, also when two transactions insert at the same
     * instant; {@link #open} turns that refusal into {@link #pendingAlready}.
     */
    private static void insertRequest(Handle handle, AccessRequest request) {
        handle.createUpdate(INSERT_REQUEST).bind("id", request.id()).bind("product", request.product())
                .bind("port", request.port()).bind("granteeKind", request.granteeKind().value())
                .bind("grantee", request.grantee()).bind("purpose", request.purpose())
                .bind("days", request.durationDays()).bind("unmask", Json.write(request.unmaskColumns()))
                .bind("rowScope", request.rowScope()).bind("consumerProduct", request.consumerProduct())
                .bind("inputPort", request.inputPort()).bind("by", request.requestedBy())
                .bind("now", request.requestedAt().toEpochMilli()).execute();
    }

    /**
     * The answer to a request the unique index refused: CONFLICT naming the pending request of the same grantee for
     * the same port. Read after the refused transaction ended, so the other request is committed; in the rare case
     * that it was decided in between, the CONFLICT says so instead.
     */
    private PolderException pendingAlready(AccessRequest request) {
        Optional<String> pending = database.read(handle -> handle.createQuery(PENDING_FOR)
                .bind("product", request.product()).bind("port", request.port())
                .bind("granteeKind", request.granteeKind().value()).bind("grantee", request.grantee())
                .mapTo(String.class).findFirst());
        String grantee = request.granteeKind().value() + " '" + request.grantee() + "'";
        return pending.map(id -> new PolderException(ErrorCode.CONFLICT, grantee + " has a pending request for "
                        + request.address() + " already (" + id + "); its owners decide on it with `polder access approve "
                        + id + "`", Map.of("requestId", id), null))
                .orElseGet(() -> new PolderException(ErrorCode.CONFLICT, "another request of " + grantee + " for "
                        + request.address() + " was opened at the same moment and has been decided since; `polder access"
                        + " requests --product " + request.product() + "` shows it", Map.of(), null));
    }

    OutputPort port(Address address) {
        return ports.find(address.product(), address.port()).orElseThrow(() -> {
            List<String> offered = database.read(handle -> ports.ofProduct(handle, address.product())).stream()
                    .map(OutputPort::port).toList();
            boolean productExists = database.read(handle -> handle.createQuery(
                    "SELECT COUNT(*) FROM products WHERE id = :id AND status <> 'retired'")
                    .bind("id", address.product()).mapTo(Integer.class).one()) > 0;
            return new PolderException(ErrorCode.NOT_FOUND, !productExists
                    ? "no product '" + address.product() + "' (or it is retired); `polder get ports` lists the ports"
                    : "product '" + address.product() + "' has no output port '" + address.port() + "'; its output ports: "
                    + (offered.isEmpty() ? "none" : String.join(", ", offered)));
        });
    }

    private void requireDecide(Principal principal, String productId, String target) {
        String domain = database.read(handle -> handle.createQuery("SELECT domain_id FROM products WHERE id = :id")
                .bind("id", productId).mapTo(String.class).findFirst())
                .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "no product '" + productId + "'"));
        authorizer.requireDecide(principal, domain, owns(principal, productId), target);
    }

    private String requireTeamOf(Principal principal, String team, Address address) {
        Names.requireId("team", team);
        boolean exists = database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM teams WHERE id = :id")
                .bind("id", team).mapTo(Integer.class).one()) > 0;
        if (!exists) {
            throw new PolderException(ErrorCode.NOT_FOUND, "no team '" + team + "'");
        }
        boolean member = team.equals(principal.team()) || database.read(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM team_members WHERE team_id = :team AND principal_name = :name")
                .bind("team", team).bind("name", principal.name()).mapTo(Integer.class).one()) > 0;
        if (!member && principal.role() != Role.PLATFORM_ADMIN) {
            PolderException refused = new PolderException(ErrorCode.FORBIDDEN, "'" + principal.name()
                    + "' does not belong to team '" + team + "', so it cannot request access for it",
                    Map.of("action", Action.REQUEST_ACCESS.value(), "team", team), null);
            authorizer.recordDenied(principal, Action.REQUEST_ACCESS, "port/" + address, refused);
            throw refused;
        }
        return team;
    }

    private boolean concernsMe(Principal principal, GranteeKind kind, String grantee) {
        if (kind == GranteeKind.PRINCIPAL) {
            return grantee.equals(principal.name());
        }
        return grantee.equals(principal.team()) || database.read(handle -> handle.createQuery(
                "SELECT COUNT(*) FROM team_members WHERE team_id = :team AND principal_name = :name")
                .bind("team", grantee).bind("name", principal.name()).mapTo(Integer.class).one()) > 0;
    }

    static boolean owns(Handle handle, Principal principal, String productId) {
        return bindPrincipal(handle.createQuery(OWNS_PRODUCT), principal).bind("product", productId)
                .mapTo(Integer.class).one() > 0;
    }

    private static boolean seesAll(Principal principal) {
        return principal.role() == Role.PLATFORM_ADMIN || principal.role() == Role.GOVERNANCE;
    }

    /** Binds what {@link #OWNED} and {@link #GRANTEE_IS_ME} ask of the principal. */
    static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T bindPrincipal(T statement, Principal principal) {
        return statement.bind("name", principal.name()).bind("tokenDomain", principal.domain())
                .bind("tokenTeam", principal.team()).bind("ownerRole", seesAll(principal) ? 0 : 1);
    }

    private AccessRequest getRequestUnchecked(String requestId) {
        requireId("access request", requestId);
        return database.read(handle -> handle.createQuery(GET_REQUEST).bind("id", requestId)
                .map(AccessService::requestRow).findFirst()).orElseThrow(() -> noSuchRequest(requestId));
    }

    private Grant getGrantUnchecked(String grantId) {
        requireId("grant", grantId);
        return database.read(handle -> grantIn(handle, grantId));
    }

    static AccessRequest requestIn(Handle handle, String id) {
        return handle.createQuery(GET_REQUEST).bind("id", id).map(AccessService::requestRow).findFirst()
                .orElseThrow(() -> noSuchRequest(id));
    }

    static Grant grantIn(Handle handle, String id) {
        return handle.createQuery(GET_GRANT).bind("id", id).map(AccessService::grantRow).findFirst()
                .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "no grant '" + id + "'"));
    }

    private static PolderException noSuchRequest(String id) {
        return new PolderException(ErrorCode.NOT_FOUND, "no access request '" + id + "'");
    }

    private static PolderException alreadyDecided(String id) {
        return new PolderException(ErrorCode.CONFLICT, "access request '" + id + "' was decided already",
                Map.of("requestId", id), null);
    }

    private static void requireId(String what, String id) {
        if (!Ids.isId(id)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a valid " + what + " id "
                    + Names.quoteForMessage(id) + ": must be 26 letters and digits as the registry gives them");
        }
    }

    static int requireDays(Integer days) {
        if (days == null || days < 1 || days > MAX_DAYS) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "the duration must be 1 to " + MAX_DAYS
                    + " days, found " + (days == null ? "none" : days), Map.of("field", "days"), null);
        }
        return days;
    }

    static String requireText(String what, String value, boolean required) {
        String text = value == null ? null : value.strip();
        if (text == null || text.isEmpty()) {
            if (required) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "a " + what + " is required",
                        Map.of("field", what), null);
            }
            return null;
        }
        if (text.length() > MAX_TEXT || text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "the " + what + " must be at most " + MAX_TEXT
                    + " characters without control characters, found " + Names.quoteForMessage(text),
                    Map.of("field", what), null);
        }
        return text;
    }

    static String requireRowFilter(String filter) {
        String text = filter == null ? null : filter.strip();
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > MAX_ROW_FILTER) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "a row filter must be at most " + MAX_ROW_FILTER
                    + " characters, found " + text.length(), Map.of("field", "rowFilter"), null);
        }
        return text;
    }

    /** The columns, each once, after checking that the port's contract has them. */
    static List<String> requireColumns(OutputPort port, List<String> columns) {
        Set<String> known = port.columns();
        Set<String> chosen = new LinkedHashSet<>();
        for (String column : columns) {
            String name = column == null ? "" : column.strip();
            if (!known.contains(name)) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "column " + Names.quoteForMessage(name)
                        + " is not in the contract of " + port.address() + (port.contractId() == null ? ""
                        : " (" + port.contractId() + ")") + "; its columns: " + (known.isEmpty() ? "none"
                        : String.join(", ", known)), Map.of("field", "unmask", "column", Names.forTarget(name)), null);
            }
            chosen.add(name);
        }
        return List.copyOf(chosen);
    }

    static Map<String, String> details(String... keysAndValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null && !keysAndValues[i + 1].isEmpty()) {
                details.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return details;
    }

    static AccessRequest requestRow(ResultSet row, StatementContext context) throws SQLException {
        int days = row.getInt("duration_days");
        Integer duration = row.wasNull() ? null : days;
        return new AccessRequest(row.getString("id"), row.getString("product_id"), row.getString("port_name"),
                GranteeKind.parse(row.getString("grantee_kind")), row.getString("grantee"), row.getString("purpose"),
                duration, columns(row.getString("unmask_columns")), row.getString("row_scope"),
                row.getString("consumer_product"), row.getString("input_port"),
                AccessRequestState.parse(row.getString("state")), row.getString("requested_by"),
                Rows.instant(row, "requested_at"), row.getString("decided_by"), Rows.instant(row, "decided_at"),
                row.getString("decision_reason"), row.getString("grant_id"));
    }

    static Grant grantRow(ResultSet row, StatementContext context) throws SQLException {
        return new Grant(row.getString("id"), row.getString("product_id"), row.getString("port_name"),
                GranteeKind.parse(row.getString("grantee_kind")), row.getString("grantee"), row.getString("purpose"),
                columns(row.getString("unmasked_columns")), row.getString("row_filter"), Rows.instant(row, "granted_at"),
                Rows.instant(row, "expires_at"), Rows.instant(row, "revoked_at"), row.getString("request_id"),
                row.getString("granted_by"));
    }

    /** What a reminder or an expiry names of a grant. */
    private record Lapsing(String id, String product, String port, GranteeKind granteeKind, String grantee,
                           Instant expiresAt) {
    }

    private static Lapsing lapsingRow(ResultSet row, StatementContext context) throws SQLException {
        return new Lapsing(row.getString("id"), row.getString("product_id"), row.getString("port_name"),
                GranteeKind.parse(row.getString("grantee_kind")), row.getString("grantee"), Rows.instant(row, "expires_at"));
    }

    private static AccessReminder reminderRow(ResultSet row, StatementContext context) throws SQLException {
        return new AccessReminder(row.getString("grant_id"), row.getString("kind"), row.getString("product_id"),
                row.getString("port_name"), GranteeKind.parse(row.getString("grantee_kind")), row.getString("grantee"),
                Rows.instant(row, "expires_at"), Rows.instant(row, "created_at"));
    }

    private static List<String> columns(String json) {
        try {
            return List.of(Json.mapper().readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new PolderException(ErrorCode.INTERNAL, "stored column list is unreadable: " + e.getOriginalMessage());
        }
    }

    /** A port as requests name it: {@code PRODUCT/PORT}. */
    record Address(String product, String port) {
        static Address parse(String text) {
            int slash = text == null ? -1 : text.indexOf('/');
            if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a port address "
                        + Names.quoteForMessage(text) + ": write PRODUCT/PORT, such as sales-orders/orders"
                        + " (`polder get ports` lists them)", Map.of("field", "port"), null);
            }
            String product = Names.requireId("product id", text.substring(0, slash));
            String port = text.substring(slash + 1);
            if (!Names.matches(PORT_NAME, port)) {
                throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a valid port name "
                        + Names.quoteForMessage(port) + ": letters, digits and . _ - (at most 128 characters)",
                        Map.of("field", "port"), null);
            }
            return new Address(product, port);
        }

        @Override
        public String toString() {
            return product + "/" + port;
        }
    }
}
