-- Who claimed a pending outbox message for sending (as SQLite's migration 014): the sender's
-- node name, so that a node restarting after a crash sends what it had claimed at once. ''
-- when nobody holds it.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_claimed ON outbox(claimed_by) WHERE claimed_by <> '';
