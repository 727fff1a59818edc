package io.polder.engine.duckdb;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a contract's {@code physicalType} to the DuckDB type it names, by asking DuckDB
 * ({@code varchar(100)} is {@code VARCHAR}, {@code timestamp with time zone} is
 * {@code TIMESTAMP WITH TIME ZONE}). Only text shaped like a type name reaches DuckDB; anything else
 * (a type of another database, or an attempt at SQL) resolves to nothing and the check falls back to the
 * logicalType.
 */
public final class DuckDbTypes {
    private static final Pattern TYPE_NAME = Pattern.compile(
            "^[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*){0,3}(\\(\\s*\\d{1,3}\\s*(,\\s*\\d{1,3}\\s*)?\\))?(\\[\\])?$");

    /** Type names kept by an engine at most: beyond, a name is asked again in each session. */
    static final int MAX_KEPT = 1_000;

    private final DuckDbSession session;
    private final Map<String, String> kept;
    private final Map<String, Optional<String>> asked = new HashMap<>();

    public DuckDbTypes(DuckDbSession session) {
        this(session, new HashMap<>());
    }

    /**
     * With the types found kept across sessions ({@code kept}, shared by an engine's runs): what a type name names
     * depends only on DuckDB, never on a session, whose SQL cannot create a type. A name that named no type is
     * asked again in the next session: a failure to answer is not kept beyond the session that saw it.
     */
    DuckDbTypes(DuckDbSession session, Map<String, String> kept) {
        this.session = session;
        this.kept = kept;
    }

    /** The DuckDB type, or null. */
    public String resolve(String physicalType) {
        if (physicalType == null || !TYPE_NAME.matcher(physicalType.trim()).matches()) {
            return null;
        }
        String key = physicalType.trim().toLowerCase(Locale.ROOT);
        String known = kept.get(key);
        if (known != null) {
            return known;
        }
        Optional<String> answer = asked.computeIfAbsent(key, this::ask);
        if (answer.isPresent() && kept.size() < MAX_KEPT) {
            kept.put(key, answer.get());
        }
        return answer.orElse(null);
    }

    private Optional<String> ask(String type) {
        try {
            return Optional.ofNullable(session.scalar("SELECT typeof(CAST(NULL AS " + type + "))"));
        } catch (SQLException notAType) {
            return Optional.empty();
        }
    }
}
