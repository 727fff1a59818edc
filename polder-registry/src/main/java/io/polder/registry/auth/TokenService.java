package io.polder.registry.auth;

import static java.util.Objects.requireNonNull;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.Cursor;
import io.polder.registry.Names;
import io.polder.registry.Page;
import io.polder.registry.PageRequest;
import io.polder.registry.Pages;
import io.polder.registry.audit.AuditLog;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.store.Database;
import io.polder.registry.store.Ids;
import io.polder.registry.store.Rows;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: created with a random secret shown once ({@code pld_<token id>_<32 random bytes,
 * base64url>}), stored as a SHA-256 hash, valid until they expire or are revoked. Only a platform-admin
 * manages them.
 */
public final class TokenService implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    /** Every secret starts with this, so that scanners can find leaked Polder tokens. */
    public static final String PREFIX = "pld_";
    /** The file in the data directory that holds the first admin token. */
    public static final String ADMIN_TOKEN_FILE = "admin.token";
    static final String BOOTSTRAP_SETTING = "bootstrap-admin-token";
    static final String BOOTSTRAP_TOKEN_NAME = "admin";
    private static final int SECRET_BYTES = 32;
    private static final int MAX_CREDENTIALS_LENGTH = 200;
    private static final String LISTING = "tokens";
    private static final String COLUMNS =
            "id, name, role, domain_id, team_id, created_at, created_by, expires_at, revoked_at";

    static final String INSERT = """
            INSERT INTO api_tokens (id, name, role, domain_id, team_id, secret_hash, created_at, created_by, expires_at)
            VALUES (:id, :name, :role, :domain, :team, :secretHash, :createdAt, :createdBy, :expiresAt)""";
    static final String SELECT_FOR_AUTHENTICATION = "SELECT " + COLUMNS + ", secret_hash FROM api_tokens WHERE id = :id";
    static final String SELECT = "SELECT " + COLUMNS + " FROM api_tokens WHERE id = :id";
    static final String LIST = "SELECT " + COLUMNS + " FROM api_tokens WHERE (:after IS NULL OR id > :after) ORDER BY id LIMIT :limit";
    static final String REVOKE = "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL";
    static final String DOMAIN_EXISTS = "SELECT COUNT(*) FROM domains WHERE id = :id";
    static final String TEAM_EXISTS = "SELECT COUNT(*) FROM teams WHERE id = :id";
    static final String SELECT_SETTING = "SELECT setting_value FROM registry_settings WHERE setting_key = :key";
    static final String INSERT_SETTING = "INSERT INTO registry_settings (setting_key, setting_value) VALUES (:key, :value)";

    private final Database database;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(Database database, Authorizer authorizer, AuditLog audit, Ids ids, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.authorizer = requireNonNull(authorizer, "authorizer is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Creates a token for {@code request}; the returned secret is never shown again.
     *
     * @throws PolderException FORBIDDEN unless {@code creator} is a platform-admin; NOT_FOUND when the domain of a
     *         domain-owner or the team of a member is not in the registry
     */
    public CreatedToken create(Principal creator, NewToken request) {
        authorizer.require(creator, Action.MANAGE_TOKENS, "token/" + request.name());
        return database.write(handle -> {
            requireScopeExists(handle, request);
            CreatedToken created = insert(handle, request, creator.name());
            audit.record(handle, creator, Action.MANAGE_TOKENS, "token/" + created.token().id(), AuditOutcome.SUCCEEDED,
                    describe("create", created.token()));
            return created;
        });
    }

    @Override
    public Optional<Principal> authenticate(String credentials) {
        Optional<String> id = tokenId(credentials);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<StoredToken> stored = database.read(handle -> handle.createQuery(SELECT_FOR_AUTHENTICATION)
                .bind("id", id.get())
                .map((row, context) -> new StoredToken(token(row, context), row.getString("secret_hash")))
                .findOne());
        Instant now = clock.instant();
        return stored.filter(token -> MessageDigest.isEqual(bytes(hash(credentials)), bytes(token.secretHash())))
                .filter(token -> token.token().activeAt(now))
                .map(token -> token.token().principal());
    }

    /**
     * Whether the token with id {@code tokenId} still authenticates: it exists, is not revoked and has not
     * expired. For sessions opened with a token (the web UI), which end when their token stops working; the
     * answer tells nothing about the token's secret or owner.
     */
    public boolean isActive(String tokenId) {
        if (!Ids.isId(tokenId)) {
            return false;
        }
        Instant now = clock.instant();
        return database.read(handle -> handle.createQuery(SELECT).bind("id", tokenId).map(TokenService::token).findOne())
                .filter(token -> token.activeAt(now)).isPresent();
    }

    /** The id part of well-formed credentials ({@code pld_<id>_<secret>}), never the secret; empty otherwise. */
    public static Optional<String> idOf(String credentials) {
        return tokenId(credentials);
    }

    /** A page of tokens, oldest first, revoked and expired ones included. */
    public Page<ApiToken> list(Principal reader, PageRequest page) {
        authorizer.require(reader, Action.MANAGE_TOKENS, "tokens");
        String after = page.cursor() == null ? null : Cursor.decode(LISTING, page.cursor(), 1).get(0);
        List<ApiToken> rows = database.read(handle -> handle.createQuery(LIST)
                .bind("after", after)
                .bind("limit", page.limit() + 1)
                .map(TokenService::token)
                .list());
        return Pages.of(rows, page.limit(), last -> Cursor.encode(LISTING, last.id()));
    }

    /** The token with id {@code tokenId}. */
    public ApiToken get(Principal reader, String tokenId) {
        authorizer.require(reader, Action.MANAGE_TOKENS, "token/" + Names.forTarget(tokenId));
        return database.read(handle -> find(handle, requireTokenId(tokenId)));
    }

    /**
     * Revokes the token {@code tokenId}; it stops authenticating at once. Revoking a revoked token
     * changes nothing.
     *
     * @throws PolderException NOT_FOUND for an unknown token, FORBIDDEN unless {@code revoker} is a platform-admin
     */
    public ApiToken revoke(Principal revoker, String tokenId) {
        authorizer.require(revoker, Action.MANAGE_TOKENS, "token/" + Names.forTarget(tokenId));
        String id = requireTokenId(tokenId);
        return database.write(handle -> {
            int changed = handle.createUpdate(REVOKE).bind("id", id).bind("now", clock.millis()).execute();
            ApiToken token = find(handle, id);
            if (changed > 0) {
                audit.record(handle, revoker, Action.MANAGE_TOKENS, "token/" + id, AuditOutcome.SUCCEEDED,
                        describe("revoke", token));
            }
            return token;
        });
    }

    /**
     * On the registry's first start, creates a platform-admin token and writes it to
     * {@code <dataDir>/admin.token} (mode 0600). Later calls change nothing, on this or any other replica:
     * the first start is recorded in the store, which decides which of two racing replicas creates it.
     */
    public BootstrapResult bootstrapAdmin(Path dataDir) {
        Path file = dataDir.resolve(ADMIN_TOKEN_FILE);
        OwnerOnlyFiles.createDirectory(dataDir);
        if (bootstrapped()) {
            if (!Files.exists(file)) {
                LOG.info("the first admin token was created before and {} is gone; create another with an admin token",
                        file);
            }
            return new BootstrapResult(file, false);
        }
        try {
            database.writeVoid(handle -> bootstrap(handle, file));
        } catch (RuntimeException e) {
            if (database.isUniqueViolation(e)) {
                // another replica bootstrapped at the same moment
                return new BootstrapResult(file, false);
            }
            throw e;
        }
        LOG.info("created the first admin token and wrote it to {}", file);
        return new BootstrapResult(file, true);
    }

    private boolean bootstrapped() {
        return database.read(handle -> handle.createQuery(SELECT_SETTING).bind("key", BOOTSTRAP_SETTING)
                .mapTo(String.class).findOne()).isPresent();
    }

    private void bootstrap(Handle handle, Path file) {
        NewToken request = new NewToken(BOOTSTRAP_TOKEN_NAME, Role.PLATFORM_ADMIN, null, null, null);
        CreatedToken created = insert(handle, request, Principal.SYSTEM.name());
        // The claim: a second replica blocks on it, then fails on the primary key before writing any file.
        handle.createUpdate(INSERT_SETTING).bind("key", BOOTSTRAP_SETTING).bind("value", created.token().id()).execute();
        audit.record(handle, Principal.SYSTEM, Action.MANAGE_TOKENS, "token/" + created.token().id(),
                AuditOutcome.SUCCEEDED, describe("bootstrap", created.token()));
        // Written before the commit: if the commit fails, the next start finds no claim and writes a new one.
        OwnerOnlyFiles.write(file, created.secret() + "\n");
    }

    /**
     * A token scoped to a domain or team that does not exist would authenticate but own nothing, silently: a typo in
     * {@code --domain} must show at once. Tokens stored before keep working whatever their scope names.
     */
    private static void requireScopeExists(Handle handle, NewToken request) {
        if (request.domain() != null && !exists(handle, DOMAIN_EXISTS, request.domain())) {
            throw new PolderException(ErrorCode.NOT_FOUND, "no domain '" + request.domain() + "' in the registry: a "
                    + request.role() + " token needs an existing domain (list them with `polder get domains`,"
                    + " GET /api/v1/domains)", Map.of("domain", request.domain()), null);
        }
        if (request.team() != null && !exists(handle, TEAM_EXISTS, request.team())) {
            throw new PolderException(ErrorCode.NOT_FOUND, "no team '" + request.team() + "' in the registry: a "
                    + request.role() + " token needs an existing team (list them with `polder get teams`,"
                    + " GET /api/v1/teams)", Map.of("team", request.team()), null);
        }
    }

    private static boolean exists(Handle handle, String query, String id) {
        return handle.createQuery(query).bind("id", id).mapTo(Long.class).one() > 0;
    }

    private CreatedToken insert(Handle handle, NewToken request, String createdBy) {
        String id = ids.next();
        String secret = PREFIX + id + "_" + randomPart();
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant expiresAt = request.validFor() == null ? null : now.plus(request.validFor());
        handle.createUpdate(INSERT)
                .bind("id", id)
                .bind("name", request.name())
                .bind("role", request.role().value())
                .bind("domain", request.domain())
                .bind("team", request.team())
                .bind("secretHash", hash(secret))
                .bind("createdAt", now.toEpochMilli())
                .bind("createdBy", createdBy)
                .bind("expiresAt", Rows.millis(expiresAt))
                .execute();
        ApiToken token = new ApiToken(id, request.name(), request.role(), request.domain(), request.team(), now,
                createdBy, expiresAt, null);
        return new CreatedToken(token, secret);
    }

    private ApiToken find(Handle handle, String id) {
        return handle.createQuery(SELECT).bind("id", id).map(TokenService::token).findOne()
                .orElseThrow(() -> new PolderException(ErrorCode.NOT_FOUND, "no token with id '" + id + "'"));
    }

    private String randomPart() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token id inside well-formed credentials; empty for anything else, without looking further. */
    static Optional<String> tokenId(String credentials) {
        if (credentials == null || credentials.length() > MAX_CREDENTIALS_LENGTH || !credentials.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int end = credentials.indexOf('_', PREFIX.length());
        if (end < 0) {
            return Optional.empty();
        }
        String id = credentials.substring(PREFIX.length(), end);
        return Ids.isId(id) ? Optional.of(id) : Optional.empty();
    }

    private static String requireTokenId(String tokenId) {
        if (!Ids.isId(tokenId)) {
            throw new PolderException(ErrorCode.INVALID_ARGUMENT, "not a valid token id " + Names.quoteForMessage(tokenId)
                    + ": a token id is 26 lowercase letters and digits, as the token list shows it");
        }
        return tokenId;
    }

    /** The SHA-256 of a secret, in hex: what the store keeps instead of the secret. */
    static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, String> describe(String operation, ApiToken token) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("operation", operation);
        details.put("name", token.name());
        details.put("role", token.role().value());
        if (token.domain() != null) {
            details.put("domain", token.domain());
        }
        if (token.team() != null) {
            details.put("team", token.team());
        }
        if (token.expiresAt() != null) {
            details.put("expiresAt", token.expiresAt().toString());
        }
        return details;
    }

    static ApiToken token(ResultSet row, StatementContext context) throws SQLException {
        return new ApiToken(row.getString("id"), row.getString("name"), Role.parse(row.getString("role")),
                row.getString("domain_id"), row.getString("team_id"), Rows.instant(row, "created_at"),
                row.getString("created_by"), Rows.instant(row, "expires_at"), Rows.instant(row, "revoked_at"));
    }

    private record StoredToken(ApiToken token, String secretHash) {
    }

}
