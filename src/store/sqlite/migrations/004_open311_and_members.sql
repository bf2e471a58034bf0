-- Open311 and members' own lists.
--
-- updated_at: when the case last changed (its newest event); Open311's updated_datetime.
-- Filled from the event log for cases that already exist.
ALTER TABLE cases ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE cases SET updated_at =
  COALESCE((SELECT MAX(e.at) FROM events e WHERE e.case_id = cases.id), created_at);

-- "The cases I forwarded": a member's list, newest first.
CREATE INDEX cases_submitted_by ON cases(submitted_by_user_id, id)
  WHERE submitted_by_user_id IS NOT NULL;

-- Keys of Open311 client applications (the spec's api_key). Only a hash is stored; a revoked
-- key is kept so that its name stays on record.
CREATE TABLE api_keys (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  key_hash    TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
