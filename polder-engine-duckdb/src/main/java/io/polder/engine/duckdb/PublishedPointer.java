package io.polder.engine.duckdb;

import java.time.Instant;

/**
 * {@code published.json} of a port: the pointer consumers follow. Publishing replaces this one small file
 * with an atomic rename, so a reader sees the old snapshot or the new one, and a crash leaves one of them.
 *
 * @param previous the snapshot published before, or null
 */
record PublishedPointer(String snapshot, Instant publishedAt, String previous, String runId) {
}
