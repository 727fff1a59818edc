package io.polder.model.bind;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Suggestions for near-misses: fields the standards renamed, and spelling mistakes close to an allowed
 * name. A hint is a sentence fragment appended to an "unknown field" or "not one of" message.
 */
public final class Hints {
    /** Fields renamed or moved between versions of the standards, and what to write instead. */
    private static final Map<String, String> RENAMED = Map.ofEntries(
            Map.entry("isNullable", "ODCS v3 renamed this to `required` (inverted: isNullable: true is required: false)"),
            Map.entry("isUnique", "ODCS v3 renamed this to `unique`"),
            Map.entry("isPrimaryKey", "ODCS v3 renamed this to `primaryKey`"),
            Map.entry("column", "ODCS v3 has no `column`: describe columns as `properties` of a schema object"),
            Map.entry("columns", "ODCS v3 calls columns `properties`"),
            Map.entry("table", "ODCS v3 has no `table`: a table is a schema object (`schema:` list with `name`)"),
            Map.entry("dataset", "ODCS v3 replaced the v2 `dataset` with `schema`"),
            Map.entry("datasetName", "ODCS v3 replaced `datasetName` with the schema object's `name`"),
            Map.entry("uuid", "ODCS v3 calls the contract identifier `id`"),
            Map.entry("quantumName", "ODCS v3 calls this `name`"),
            Map.entry("datasetDomain", "ODCS v3 calls this `domain`"),
            Map.entry("dataProductName", "ODPS calls the product's name `name`"),
            Map.entry("type_", "did you mean `type`?"),
            Map.entry("models", "`models` is Data Contract Specification (DCS) syntax: run `polder convert --to odcs-v3.1.0`"),
            Map.entry("fields", "`fields` is Data Contract Specification (DCS) syntax; ODCS calls them `properties`"),
            Map.entry("servicelevels", "`servicelevels` is DCS syntax; ODCS uses `slaProperties`"),
            Map.entry("rule_", "did you mean `rule`?"));

    private Hints() {
    }

    /** A hint for an unknown field, or "" when none fits. */
    public static String forUnknownField(String field, Collection<String> allowed) {
        String renamed = RENAMED.get(field);
        if (renamed != null && !allowed.contains(field)) {
            return "; " + renamed;
        }
        String nearest = nearest(field, allowed);
        return nearest == null ? "" : "; did you mean `" + nearest + "`?";
    }

    /** The allowed name closest to {@code given}, if it is close enough to be a typo. */
    public static String nearest(String given, Collection<String> allowed) {
        String lower = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        int tolerance = Math.max(1, Math.min(3, given.length() / 4));
        return best != null && bestDistance <= tolerance ? best : null;
    }

    /**
     * Edit distance counting an insertion, a deletion, a substitution or a swap of two neighbours as one
     * edit (optimal string alignment), so that "nmae" is one edit from "name".
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
