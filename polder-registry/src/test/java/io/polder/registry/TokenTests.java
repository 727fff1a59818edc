package io.polder.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import io.polder.registry.apply.ApplyOptions;
import io.polder.registry.audit.AuditFilter;
import io.polder.registry.audit.AuditOutcome;
import io.polder.registry.auth.ApiToken;
import io.polder.registry.auth.CreatedToken;
import io.polder.registry.auth.NewToken;
import io.polder.registry.auth.Principal;
import io.polder.registry.auth.Role;
import io.polder.registry.auth.TokenService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** API tokens: secrets shown once and stored hashed, expiry, revocation, who may manage them. */
abstract class TokenTests extends RegistryTestBase {

    private CreatedToken create(NewToken request) {
        return registry.tokens().create(admin(), request);
    }

    /** The example mesh's domains and teams, which scoped tokens name. */
    private void applyExampleMesh() {
        registry.apply().apply(admin(), ExampleMesh.bundle(), ApplyOptions.defaults());
    }

    @Test
    void secretHasTheDocumentedShapeAndOnlyItsHashIsStored() throws Exception {
        applyExampleMesh();
        CreatedToken created = create(new NewToken("ci-sales", Role.DOMAIN_OWNER, "sales", null, null));
        assertThat(created.secret()).matches("pld_" + created.token().id() + "_[A-Za-z0-9_-]{43}");
        assertThat(created.toString()).doesNotContain(created.secret());
        Map<String, Object> row = registry.database().read(handle -> handle
                .createQuery("SELECT * FROM api_tokens WHERE id = :id").bind("id", created.token().id()).mapToMap().one());
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(created.secret().substring(31)));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(created.secret().getBytes(StandardCharsets.UTF_8)));
        assertThat(row.get("secret_hash")).isEqualTo(sha256);
    }

    @Test
    void aTokenAuthenticatesAsItsPrincipal() {
        applyExampleMesh();
        CreatedToken owner = create(new NewToken("ci-sales", Role.DOMAIN_OWNER, "sales", null, null));
        CreatedToken member = create(new NewToken("builder", Role.MEMBER, null, "sales-order-team", null));
        assertThat(registry.tokens().authenticate(owner.secret()))
                .contains(Principal.domainOwner("ci-sales", "sales"));
        assertThat(registry.tokens().authenticate(member.secret()))
                .contains(Principal.member("builder", "sales-order-team"));
    }

    @Test
    void wrongAndMalformedCredentialsAuthenticateNobody() {
        CreatedToken created = create(new NewToken("reader", Role.CONSUMER, null, null, null));
        String secret = created.secret();
        String flipped = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");
        for (String credentials : new String[] {null, "", "Bearer " + secret, secret + " ", flipped, "pld_",
                "pld_" + created.token().id(), "pld_x_y", "pld_' OR 1=1 --_x", "pld_" + "a".repeat(10_000),
                "\u0440" + secret.substring(1), secret.toUpperCase()}) {
            assertThat(registry.tokens().authenticate(credentials)).as(String.valueOf(credentials)).isEmpty();
        }
    }

    @Test
    void anExpiredTokenStopsWorking() {
        CreatedToken created = create(new NewToken("short", Role.CONSUMER, null, null, Duration.ofHours(1)));
        assertThat(created.token().expiresAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(registry.tokens().authenticate(created.secret())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        assertThat(registry.tokens().authenticate(created.secret())).isEmpty();
    }

    @Test
    void aRevokedTokenStopsWorkingAndRevokingAgainChangesNothing() {
        CreatedToken created = create(new NewToken("gone", Role.GOVERNANCE, null, null, null));
        ApiToken revoked = registry.tokens().revoke(admin(), created.token().id());
        assertThat(revoked.revokedAt()).isEqualTo(START);
        assertThat(registry.tokens().authenticate(created.secret())).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(registry.tokens().revoke(admin(), created.token().id()).revokedAt()).isEqualTo(START);
        long revocations = registry.audit().list(admin(), AuditFilter.all().withTarget("token/" + created.token().id()),
                PageRequest.first()).items().stream().filter(event -> "revoke".equals(event.details().get("operation")))
                .count();
        assertThat(revocations).isEqualTo(1);
    }

    @Test
    void revokingAnUnknownOrMalformedIdIsRefused() {
        assertThatThrownBy(() -> registry.tokens().revoke(admin(), "01jzzzzzzzzzzzzzzzzzzzzzzz"))
                .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.NOT_FOUND));
        for (String bad : new String[] {"'; DROP TABLE api_tokens; --", "../admin", "x".repeat(10_000)}) {
            assertThatThrownBy(() -> registry.tokens().revoke(admin(), bad))
                    .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void onlyAPlatformAdminManagesTokensAndRefusalsAreAudited() {
        NewToken request = new NewToken("sneaky", Role.PLATFORM_ADMIN, null, null, null);
        for (Principal principal : List.of(Principal.governance("gov"), Principal.domainOwner("own", "sales"),
                Principal.member("mem", "team-a"), Principal.consumer("con"))) {
            assertThatThrownBy(() -> registry.tokens().create(principal, request))
                    .isInstanceOf(PolderException.class)
                    .hasMessageContaining("manage-tokens needs platform-admin")
                    .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.FORBIDDEN));
        }
        assertThat(registry.tokens().list(admin(), PageRequest.first()).items()).isEmpty();
        assertThat(registry.audit().list(admin(), AuditFilter.all().withOutcome(AuditOutcome.DENIED),
                PageRequest.first()).items()).hasSize(4);
    }

    @Test
    void invalidRequestsAreRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> new NewToken("owner", Role.DOMAIN_OWNER, null, null, null))
                .hasMessageContaining("domain");
        assertThatThrownBy(() -> new NewToken("member", Role.MEMBER, null, null, null)).hasMessageContaining("team");
        assertThatThrownBy(() -> new NewToken("admin", Role.PLATFORM_ADMIN, "sales", null, null))
                .hasMessageContaining("only a domain-owner");
        assertThatThrownBy(() -> new NewToken("bad name'", Role.CONSUMER, null, null, null))
                .hasMessageContaining("token name");
        assertThatThrownBy(() -> new NewToken("neg", Role.CONSUMER, null, null, Duration.ofSeconds(-1)))
                .hasMessageContaining("positive");
    }

    @Test
    void aScopedTokenNeedsItsDomainOrTeamToExist() {
        for (NewToken request : List.of(new NewToken("ci-sales", Role.DOMAIN_OWNER, "sales", null, null),
                new NewToken("builder", Role.MEMBER, null, "sales-order-team", null))) {
            assertThatThrownBy(() -> create(request)).as("before the mesh is applied: " + request)
                    .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
        applyExampleMesh();
        assertThatThrownBy(() -> create(new NewToken("ci-sails", Role.DOMAIN_OWNER, "sails", null, null)))
                .hasMessageContaining("no domain 'sails'").hasMessageContaining("polder get domains")
                .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .satisfies(error -> assertThat(((PolderException) error).details()).containsEntry("domain", "sails"));
        assertThatThrownBy(() -> create(new NewToken("builder", Role.MEMBER, null, "sales-order-teem", null)))
                .hasMessageContaining("no team 'sales-order-teem'").hasMessageContaining("polder get teams")
                .satisfies(error -> assertThat(((PolderException) error).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(registry.tokens().list(admin(), PageRequest.first()).items()).isEmpty();
        assertThat(create(new NewToken("ci-sales", Role.DOMAIN_OWNER, "sales", null, null)).token().domain())
                .isEqualTo("sales");
        assertThat(create(new NewToken("builder", Role.MEMBER, null, "sales-order-team", null)).token().team())
                .isEqualTo("sales-order-team");
    }

    @Test
    void aTokenStoredForADomainTheRegistryDoesNotHoldIsStillReadAndStillAuthenticates() throws Exception {
        String id = "01jq3z8k6w2v0rsm4tcx9e5n7b";
        String secret = "pld_" + id + "_" + "x".repeat(43);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
        registry.database().writeVoid(handle -> handle.createUpdate("""
                INSERT INTO api_tokens (id, name, role, domain_id, team_id, secret_hash, created_at, created_by)
                VALUES (:id, 'old-owner', 'domain-owner', 'gone', NULL, :hash, :now, 'root-admin')""")
                .bind("id", id).bind("hash", hash).bind("now", START.toEpochMilli()).execute());
        assertThat(registry.tokens().get(admin(), id).domain()).isEqualTo("gone");
        assertThat(registry.tokens().list(admin(), PageRequest.first()).items()).extracting(ApiToken::id).containsExactly(id);
        assertThat(registry.tokens().authenticate(secret)).contains(Principal.domainOwner("old-owner", "gone"));
    }

    @Test
    void listingPagesThroughAllTokensOnce() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(create(new NewToken("token-" + i, Role.CONSUMER, null, null, null)).token().id());
        }
        Set<String> listed = new HashSet<>();
        PageRequest page = PageRequest.first(3);
        int pages = 0;
        while (true) {
            Page<ApiToken> result = registry.tokens().list(admin(), page);
            result.items().forEach(token -> assertThat(listed.add(token.id())).isTrue());
            pages++;
            if (result.nextCursor() == null) {
                break;
            }
            page = new PageRequest(result.nextCursor(), 3);
        }
        assertThat(listed).isEqualTo(created);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void bootstrapWritesAnOwnerOnlyAdminTokenOnceAndOnlyOnce() throws Exception {
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("polder-data");
        try {
            var first = registry.tokens().bootstrapAdmin(dataDir);
            assertThat(first.created()).isTrue();
            assertThat(first.tokenFile()).isEqualTo(dataDir.resolve(TokenService.ADMIN_TOKEN_FILE));
            assertThat(java.nio.file.Files.getPosixFilePermissions(first.tokenFile()))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            String secret = java.nio.file.Files.readString(first.tokenFile()).strip();
            assertThat(registry.tokens().authenticate(secret)).map(Principal::role).contains(Role.PLATFORM_ADMIN);
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dataDir)) {
                assertThat(files).as("no temporary file is left").hasSize(1);
            }

            var second = registry.tokens().bootstrapAdmin(dataDir);
            assertThat(second.created()).isFalse();
            assertThat(java.nio.file.Files.readString(first.tokenFile()).strip()).isEqualTo(secret);
            try (Registry replica = Registry.open(jdbcUrl, clock)) {
                assertThat(replica.tokens().bootstrapAdmin(dataDir).created()).isFalse();
            }
            assertThat(registry.tokens().list(admin(), PageRequest.first()).items()).hasSize(1);
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
