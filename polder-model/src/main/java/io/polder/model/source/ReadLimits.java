package io.polder.model.source;

/**
 * What a single file may cost to read. The defaults are far beyond any real contract or product and
 * far below what would hurt the process: a 50 MB file, an alias bomb or 20,000 levels of nesting get a
 * clear problem instead of an out-of-memory error or a stack overflow.
 *
 * @param maxBytes largest file read at all
 * @param maxDepth deepest nesting of objects and lists
 * @param maxAliases most YAML aliases to collections in one file (billion-laughs guard)
 * @param maxNodes most values in one file after aliases are expanded
 */
public record ReadLimits(long maxBytes, int maxDepth, int maxAliases, int maxNodes) {
    public static final ReadLimits DEFAULT = new ReadLimits(16L * 1024 * 1024, 200, 100, 2_000_000);

    public ReadLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxAliases < 0 || maxNodes < 1) {
            throw new IllegalArgumentException("read limits must be positive");
        }
    }
}
