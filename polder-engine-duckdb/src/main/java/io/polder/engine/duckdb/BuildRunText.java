package io.polder.engine.duckdb;

import io.polder.spi.settings.FileSource;
import io.polder.spi.settings.JdbcSource;

/** How sources are named in messages. */
final class BuildRunText {
    private BuildRunText() {
    }

    static String describe(ResolvedSource source) {
        return switch (source.definition()) {
            case FileSource file -> file.format().value() + " " + file.path();
            case JdbcSource jdbc -> "jdbc " + JdbcSourceLoader.redact(jdbc.url());
        };
    }
}
