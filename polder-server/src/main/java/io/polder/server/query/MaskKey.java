package io.polder.server.query;

import io.polder.registry.auth.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The secret key of the gateway's hash mask, kept in the data directory like the admin token: made once (32
 * random bytes, hex), readable by the server's user only, and read again on every start, so a masked value
 * hashes alike across restarts and masked keys keep joining. Losing the file changes every hashed value.
 */
public final class MaskKey {
    /** The key's file in the data directory. */
    public static final String FILE_NAME = "gateway-mask.key";
    private static final int BYTES = 32;

    private MaskKey() {
    }

    /** The key in {@code dataDir}, made and written (mode 0600) when there is none yet. */
    public static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.isRegularFile(file)) {
                return parse(Files.readString(file).strip(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's mask key " + file, e);
        }
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        OwnerOnlyFiles.write(file, HexFormat.of().formatHex(key) + "\n");
        return key;
    }

    private static byte[] parse(String text, Path file) {
        try {
            byte[] key = HexFormat.of().parseHex(text);
            if (key.length < 16) {
                throw new IllegalStateException("the gateway's mask key " + file + " holds " + key.length
                        + " bytes; it needs at least 16 (delete it to make a new one, which changes every hashed value)");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the gateway's mask key " + file + " is not hexadecimal text", e);
        }
    }
}
