-- At most one pending access request per grantee and port, kept by the database: on PostgreSQL two requests
-- made at the same instant could both pass AccessService's look for a pending one (SQLite serialises writes,
-- PostgreSQL's read-committed transactions do not), so the unique index decides, as primary keys do for
-- publications. Portable SQL only, as in V1: both databases have partial indexes.

-- A store written before this migration may hold such duplicates. The oldest (the smallest id: ids are
-- time-ordered) stays pending; each later one is rejected by polder at the moment it was made, with a reason
-- naming the request that stays. The oldest is never touched, so the result does not depend on the order in
-- which the database visits the rows.
UPDATE access_requests
SET state = 'rejected',
    decided_by = 'polder',
    decided_at = requested_at,
    decision_reason = 'a duplicate of pending request ' || (
        SELECT MIN(earlier.id) FROM access_requests earlier
        WHERE earlier.state = 'pending' AND earlier.product_id = access_requests.product_id
          AND earlier.port_name = access_requests.port_name AND earlier.grantee_kind = access_requests.grantee_kind
          AND earlier.grantee = access_requests.grantee)
        || ' for the same grantee and port, closed when the registry began to allow only one'
WHERE state = 'pending' AND EXISTS (
    SELECT 1 FROM access_requests earlier
    WHERE earlier.state = 'pending' AND earlier.product_id = access_requests.product_id
      AND earlier.port_name = access_requests.port_name AND earlier.grantee_kind = access_requests.grantee_kind
      AND earlier.grantee = access_requests.grantee AND earlier.id < access_requests.id);

CREATE UNIQUE INDEX access_requests_one_pending
    ON access_requests (product_id, port_name, grantee_kind, grantee)
    WHERE state = 'pending';
