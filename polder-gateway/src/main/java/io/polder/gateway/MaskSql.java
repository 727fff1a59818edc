package io.polder.gateway;

import io.polder.engine.duckdb.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SQL of each mask, as the expression a governed relation selects in place of the column. The hash is
 * HMAC-SHA-256 computed by DuckDB from two session variables (the key XOR the inner and the outer pad), so
 * the key appears in no view definition and no error message; a consumer's query may not read variables.
 */
final class MaskSql {
    static final String INNER_PAD = "polder_mask_ipad";
    static final String OUTER_PAD = "polder_mask_opad";
    private static final int BLOCK = 64;

    private MaskSql() {
    }

    static String expression(GrantedColumn column) {
        String value = Sql.identifier(column.name());
        return switch (column.mask()) {
            case NONE -> value;
            case HASH -> "sha256(getvariable('" + OUTER_PAD + "') || unhex(sha256(getvariable('" + INNER_PAD
                    + "') || encode(CAST(" + value + " AS VARCHAR)))))";
            case REDACT -> "CASE WHEN " + value + " IS NULL THEN NULL ELSE '****' END";
            case NULL -> nullOf(value);
            case PARTIAL -> partial(value, column.type());
        };
    }

    private static String nullOf(String value) {
        return "CASE WHEN false THEN " + value + " END";
    }

    private static String partial(String value, String type) {
        String upper = type.strip().toUpperCase(Locale.ROOT);
        if (upper.startsWith("VARCHAR") || upper.startsWith("TEXT") || upper.startsWith("STRING")
                || upper.startsWith("CHAR") || upper.startsWith("BPCHAR")) {
            return "CASE WHEN " + value + " IS NULL THEN NULL ELSE '****' || right(" + value + ", least(4, length("
                    + value + ") // 4)) END";
        }
        if (upper.equals("DATE")) {
            return "make_date(year(" + value + "), 1, 1)";
        }
        if (upper.startsWith("TIMESTAMP")) {
            return "date_trunc('year', " + value + ")";
        }
        return nullOf(value);
    }

    /** {@code SET VARIABLE} statements for the two pads of {@code key}. */
    static String[] padStatements(byte[] key) {
        byte[] block = new byte[BLOCK];
        byte[] material = key.length > BLOCK ? sha256(key) : key;
        System.arraycopy(material, 0, block, 0, material.length);
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            inner[i] = (byte) (block[i] ^ 0x36);
            outer[i] = (byte) (block[i] ^ 0x5c);
        }
        HexFormat hex = HexFormat.of();
        return new String[] {
            "SET VARIABLE " + INNER_PAD + " = unhex(" + Sql.literal(hex.formatHex(inner)) + ")",
            "SET VARIABLE " + OUTER_PAD + " = unhex(" + Sql.literal(hex.formatHex(outer)) + ")"
        };
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }
}
