-- Several servers (runners, as runs.runner names them: host and data directory) may share one registry. A runner
-- that dies and never starts again cannot fail its own unfinished runs at its next start, so each runner records
-- here that it is alive, and any other fails the unfinished runs of a runner that stopped doing so.
-- heartbeat_at is the registry's time (the database's clock, read by each server: one clock for every replica,
-- whatever theirs say), in epoch milliseconds as in V1; silent_after_ms is how long the runner itself said it may
-- go without a heartbeat before its runs count as abandoned, so every replica judges it alike.
CREATE TABLE runners (
    runner          VARCHAR(300) NOT NULL PRIMARY KEY,
    heartbeat_at    BIGINT       NOT NULL,
    silent_after_ms BIGINT       NOT NULL
);

-- At most one build of a product queued or running, kept by the database: on PostgreSQL two replicas asked for a
-- build at the same instant could both pass RunService's look for an active one (read-committed transactions do
-- not serialise them), so the unique index decides, as in V6. A store written before may hold such duplicates:
-- the oldest (the smallest id: ids are time-ordered) is left as it is, each later one is failed at the moment it
-- was created, naming the one kept.
UPDATE runs
SET state = 'failed',
    finished_at = created_at,
    error_code = 'CONFLICT',
    error_message = 'a second build of the product while run ' || (
        SELECT MIN(earlier.id) FROM runs earlier
        WHERE earlier.run_kind = 'build' AND earlier.state IN ('queued', 'running')
          AND earlier.product_id = runs.product_id)
        || ' was queued or running; closed when the registry began to allow only one'
WHERE run_kind = 'build' AND state IN ('queued', 'running') AND EXISTS (
    SELECT 1 FROM runs earlier
    WHERE earlier.run_kind = 'build' AND earlier.state IN ('queued', 'running')
      AND earlier.product_id = runs.product_id AND earlier.id < runs.id);

CREATE UNIQUE INDEX runs_one_active_build ON runs (product_id) WHERE run_kind = 'build' AND state IN ('queued', 'running');
