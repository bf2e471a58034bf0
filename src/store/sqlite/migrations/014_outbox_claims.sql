-- Who claimed a pending outbox message for sending (issue 15: several `serve` processes on one
-- database): the sender's node name, so that a node restarting after a crash sends what it had
-- claimed at once instead of waiting for the lease to end. '' when nobody holds it.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_claimed ON outbox(claimed_by) WHERE claimed_by <> '';
