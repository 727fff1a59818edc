package io.polder.model.source;

import static java.util.Objects.requireNonNull;

import io.polder.model.problem.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads YAML and JSON files into {@link Node} trees with positions. Never throws for bad input: every
 * way a file can be unreadable (missing, too large, binary, not UTF-8, malformed, too deep, an alias
 * bomb) comes back as a {@link Problem} on the {@link ParsedFile}.
 */
public final class DocumentReader {
    private static final int BINARY_SNIFF_BYTES = 8192;

    private final ReadLimits limits;

    public DocumentReader(ReadLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    public static DocumentReader withDefaults() {
        return new DocumentReader(ReadLimits.DEFAULT);
    }

    public ReadLimits limits() {
        return limits;
    }

    /** Reads {@code path}; problems name the file as {@code displayName}. */
    public ParsedFile read(Path path, String displayName) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > limits.maxBytes()) {
                return failed(displayName, "file is " + humanSize(size) + "; Polder reads documents of at most "
                        + humanSize(limits.maxBytes()));
            }
            bytes = readAtMost(path, limits.maxBytes());
        } catch (NoSuchFileException e) {
            return failed(displayName, "no such file");
        } catch (IOException e) {
            return failed(displayName, "cannot read file: " + e.getMessage());
        }
        return read(bytes, displayName, SourceFormat.ofFileName(path.getFileName().toString()));
    }

    public ParsedFile read(Path path) {
        return read(path, path.toString());
    }

    /** Reads a document held in memory, for example a request body. */
    public ParsedFile read(byte[] bytes, String displayName, SourceFormat format) {
        if (bytes.length > limits.maxBytes()) {
            return failed(displayName, "document is " + humanSize(bytes.length) + "; Polder reads documents of at most "
                    + humanSize(limits.maxBytes()));
        }
        if (looksBinary(bytes)) {
            return failed(displayName, "not a text file (it contains NUL bytes); expected YAML or JSON");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return failed(displayName, "not valid UTF-8 text; expected YAML or JSON");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return format == SourceFormat.JSON
                ? new JsonTreeBuilder(limits, displayName).build(text)
                : new YamlTreeBuilder(limits, displayName).build(text);
    }

    public ParsedFile read(String text, String displayName, SourceFormat format) {
        return read(text.getBytes(StandardCharsets.UTF_8), displayName, format);
    }

    private static byte[] readAtMost(Path path, long maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            // The size was checked, but the file may grow while we read: never read past the limit.
            return in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        }
    }

    private static boolean looksBinary(byte[] bytes) {
        int end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static ParsedFile failed(String file, String message) {
        return new ParsedFile(file, List.of(), List.of(Problem.error(file, Position.START, "", message)));
    }
}
