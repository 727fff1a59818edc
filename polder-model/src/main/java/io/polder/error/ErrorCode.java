package io.polder.error;

/**
 * The single source of truth for how a failure is reported: each code binds an HTTP status and a CLI
 * exit code. Every {@link PolderException} carries one.
 */
public enum ErrorCode {
    /** The request or command line itself is wrong (unknown option, missing argument, malformed body). */
    INVALID_ARGUMENT(400, 2),
    /** No valid credentials were presented. */
    UNAUTHENTICATED(401, 5),
    /** The caller is known but lacks the role for this action. */
    FORBIDDEN(403, 5),
    /** The named thing does not exist. */
    NOT_FOUND(404, 3),
    /** The resource exists but does not answer this HTTP method. */
    METHOD_NOT_ALLOWED(405, 2),
    /** The change collides with the current state (immutable version, concurrent update). */
    CONFLICT(409, 4),
    /** The input is well-formed but breaks the standard, a policy or the mesh's rules. */
    INVALID_DOCUMENT(422, 1),
    /** An input is larger than Polder accepts. */
    TOO_LARGE(413, 1),
    /**
     * A change that must name the version it was based on (an HTTP {@code If-Match}) did not: optimistic
     * concurrency is required, not optional.
     */
    PRECONDITION_REQUIRED(428, 2),
    /** Something failed inside Polder or a system it depends on. */
    INTERNAL(500, 10),
    /** The server is too busy to take the request now (every query slot is taken); try again shortly. */
    UNAVAILABLE(503, 6);

    private final int httpStatus;
    private final int exitCode;

    ErrorCode(int httpStatus, int exitCode) {
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }
}
