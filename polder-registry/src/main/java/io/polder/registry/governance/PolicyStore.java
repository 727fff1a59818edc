package io.polder.registry.governance;

import io.polder.error.ErrorCode;
import io.polder.error.PolderException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The policy files in force, in the {@code policy_files} table, and the revision of the set in the one row of
 * {@code policy_sets}. Replacing the set names the revision it was planned against, so of two applies that
 * planned against the same set, the second to write gets a conflict (across replicas too: the update
 * locks the row).
 */
final class PolicyStore {
    static final String SET = "SELECT revision, digest, applied_at, applied_by FROM policy_sets WHERE id = 1";
    static final String FILES = "SELECT path, document_text FROM policy_files ORDER BY path";
    static final String BUMP = """
            UPDATE policy_sets SET revision = :next, digest = :digest, applied_at = :now, applied_by = :principal
            WHERE id = 1 AND revision = :expected""";
    static final String DELETE_FILES = "DELETE FROM policy_files";
    static final String INSERT_FILE = """
            INSERT INTO policy_files (path, scope, digest, document_text, applied_at, applied_by)
            VALUES (:path, :scope, :digest, :text, :now, :principal)""";

    private PolicyStore() {
    }

    /** The policy set in force: its revision, digest and files. */
    record Stored(long revision, String digest, Instant appliedAt, String appliedBy, List<PolicyFile> files) {
        Stored {
            files = List.copyOf(files);
        }
    }

    static long revision(Handle handle) {
        return handle.createQuery("SELECT revision FROM policy_sets WHERE id = 1").mapTo(Long.class).one();
    }

    static Stored read(Handle handle) {
        List<PolicyFile> files = handle.createQuery(FILES)
                .map((row, context) -> new PolicyFile(row.getString("path"), row.getString("document_text"))).list();
        return handle.createQuery(SET).map((row, context) -> new Stored(row.getLong("revision"),
                row.getString("digest"), Instant.ofEpochMilli(row.getLong("applied_at")), row.getString("applied_by"),
                files)).one();
    }

    /**
     * Replaces the files in force with {@code files}, in the caller's transaction.
     *
     * @throws PolderException CONFLICT when the set is no longer at {@code expectedRevision}
     */
    static void replace(Handle handle, long expectedRevision, List<PolicyFile> files, long now, String principal) {
        int updated = handle.createUpdate(BUMP).bind("next", expectedRevision + 1).bind("digest", digest(files))
                .bind("now", now).bind("principal", principal).bind("expected", expectedRevision).execute();
        if (updated != 1) {
            throw new PolderException(ErrorCode.CONFLICT, "the policy set was changed by another apply at the same"
                    + " time; plan again");
        }
        handle.createUpdate(DELETE_FILES).execute();
        for (PolicyFile file : files) {
            handle.createUpdate(INSERT_FILE).bind("path", file.path()).bind("scope", file.location().toString())
                    .bind("digest", sha256(file.text())).bind("text", file.text()).bind("now", now)
                    .bind("principal", principal).execute();
        }
    }

    /** The digest of a set of files: of their paths and texts, in path order; "" for no files. */
    static String digest(List<PolicyFile> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        files.stream().sorted(Comparator.comparing(PolicyFile::path)).forEach(file -> all.append(file.path())
                .append('\u0000').append(sha256(file.text())).append('\n'));
        return sha256(all.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
