-- The tamper-evident record (core/cases/event_chain.h): each event's hash chained to the case's
-- previous event and to the province's; the province's last one kept in event_chain, so that
-- removing the newest events shows too. Events recorded before this migration are outside the
-- record (their hashes stay empty); the chain begins with the first event after it.
ALTER TABLE events ADD COLUMN case_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN chain_hash TEXT NOT NULL DEFAULT '';
CREATE TABLE event_chain (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id  INTEGER NOT NULL,
  hash           TEXT NOT NULL
);
-- A database with events gets its head now; a new one gets it with its first event.
INSERT INTO event_chain(id, last_event_id, hash) SELECT 1, max(id), '' FROM events HAVING count(*) > 0;
