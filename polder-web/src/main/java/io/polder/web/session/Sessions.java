package io.polder.web.session;

import static java.util.Objects.requireNonNull;

import io.polder.registry.auth.Principal;
import io.polder.registry.auth.TokenService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's sessions, held in this process: a browser signs in with an API token once and then
 * carries only an opaque random session id. A session ends when the user signs out, after
 * {@code idleTimeout} without a request, after {@code maxAge} in any case, and as soon as the token it was
 * opened with is revoked or expires. The token's secret is never kept.
 */
public final class Sessions {
    private static final int RANDOM_BYTES = 32;

    private final TokenService tokens;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final int maxSessions;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    public Sessions(TokenService tokens, Clock clock, Duration idleTimeout, Duration maxAge, int maxSessions) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.maxAge = requireNonNull(maxAge, "maxAge is null");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || maxAge.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("need 0 < idleTimeout <= maxAge, found " + idleTimeout + " and " + maxAge);
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be positive, found " + maxSessions);
        }
        this.maxSessions = maxSessions;
    }

    /**
     * Signs in with API token {@code credentials}: a new session for its principal, or empty when the token
     * is not valid (unknown, malformed, expired or revoked).
     */
    public Optional<Session> signIn(String credentials) {
        Optional<String> tokenId = TokenService.idOf(credentials);
        Optional<Principal> principal = tokens.authenticate(credentials);
        if (tokenId.isEmpty() || principal.isEmpty()) {
            return Optional.empty();
        }
        makeRoom();
        Session session = new Session(randomToken(), principal.get(), tokenId.get(), randomToken(), clock.instant());
        sessions.put(session.id(), session);
        return Optional.of(session);
    }

    /** The live session with cookie value {@code id}, marked as used now; empty when there is none (any more). */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now) || !tokens.isActive(session.tokenId())) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.seen(now);
        return Optional.of(session);
    }

    public void end(Session session) {
        sessions.remove(session.id());
    }

    /** The cookie value of {@code session}: for the response that opens it, nowhere else. */
    public String cookieValue(Session session) {
        return session.id();
    }

    /** How long a browser should keep the cookie: the session's longest possible life. */
    public Duration maxAge() {
        return maxAge;
    }

    /** Whether {@code submitted} is the session's form token, compared in constant time. */
    public static boolean sameToken(String expected, String submitted) {
        return submitted != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }

    /** 32 random bytes, base64url: a session id, a form token. */
    public String randomToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    int size() {
        return sessions.size();
    }

    private boolean expired(Session session, Instant now) {
        return !now.isBefore(session.lastSeen().plus(idleTimeout)) || !now.isBefore(session.openedAt().plus(maxAge));
    }

    /** Drops expired sessions; when still full, the least recently used one. */
    private void makeRoom() {
        if (sessions.size() < maxSessions) {
            return;
        }
        Instant now = clock.instant();
        sessions.values().removeIf(session -> expired(session, now));
        while (sessions.size() >= maxSessions) {
            sessions.values().stream().min(Comparator.comparing(Session::lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
    }
}
