-- As SQLite's migration 026: the events' hash chains and the province's chain head.
ALTER TABLE events ADD COLUMN case_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN chain_hash TEXT NOT NULL DEFAULT '';
CREATE TABLE event_chain (
  id             BIGINT PRIMARY KEY CHECK (id = 1),
  last_event_id  BIGINT NOT NULL,
  hash           TEXT NOT NULL
);
-- A database with events gets its head now; a new one gets it with its first event.
INSERT INTO event_chain(id, last_event_id, hash) SELECT 1, max(id), '' FROM events HAVING count(*) > 0;
