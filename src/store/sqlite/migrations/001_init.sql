-- Jembatan schema, version 1. Times are INTEGER seconds since the Unix epoch (UTC), dates
-- INTEGER days since 1970-01-01. Personal data lives in case_contacts only.

CREATE TABLE units (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  level            TEXT NOT NULL CHECK (level IN ('province','department','commune','village')),
  parent_id        INTEGER REFERENCES units(id),
  remote           INTEGER NOT NULL DEFAULT 0,
  ethnic_minority  INTEGER NOT NULL DEFAULT 0,
  valid_from       INTEGER,
  valid_to         INTEGER,
  merged_into_id   INTEGER REFERENCES units(id),
  lat              REAL,
  lon              REAL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE categories (
  code               TEXT PRIMARY KEY,
  name_id            TEXT NOT NULL,
  name_vi            TEXT NOT NULL,
  name_en            TEXT NOT NULL,
  handling_unit_code TEXT NOT NULL DEFAULT '',
  ack_days           INTEGER NOT NULL CHECK (ack_days >= 0),
  resolve_days       INTEGER NOT NULL CHECK (resolve_days >= 0),
  remote_extra_days  INTEGER NOT NULL CHECK (remote_extra_days >= 0)
);

CREATE TABLE holidays (
  day   INTEGER PRIMARY KEY,
  name  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL CHECK (role IN ('admin','supervisor','officer','member')),
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
);

CREATE TABLE cases (
  id                    INTEGER PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  status                TEXT NOT NULL,
  category              TEXT NOT NULL REFERENCES categories(code),
  location_unit_id      INTEGER NOT NULL REFERENCES units(id),
  assigned_unit_id      INTEGER NOT NULL REFERENCES units(id),
  assignee_user_id      INTEGER REFERENCES users(id),
  title                 TEXT NOT NULL DEFAULT '',
  body                  TEXT NOT NULL,
  lat                   REAL,
  lon                   REAL,
  channel               TEXT NOT NULL,
  visibility            TEXT NOT NULL,
  language              TEXT NOT NULL,
  beyond_level          INTEGER NOT NULL DEFAULT 0,
  created_at            INTEGER NOT NULL,
  ack_due               INTEGER NOT NULL,
  resolve_due           INTEGER NOT NULL,
  warn_at               INTEGER NOT NULL,
  accepted_at           INTEGER,
  resolved_at           INTEGER,
  first_resolved_at     INTEGER,
  closed_at             INTEGER,
  warned_at             INTEGER,
  overdue_at            INTEGER,
  escalated_to_unit_id  INTEGER REFERENCES units(id),
  reopen_count          INTEGER NOT NULL DEFAULT 0,
  answer                TEXT NOT NULL DEFAULT '',
  reject_reason         TEXT NOT NULL DEFAULT '',
  merged_into           TEXT NOT NULL DEFAULT '',
  pin_hash              TEXT NOT NULL,
  submitted_by_user_id  INTEGER REFERENCES users(id)
);
CREATE INDEX cases_status ON cases(status, id);
CREATE INDEX cases_category ON cases(category, id);
CREATE INDEX cases_location ON cases(location_unit_id, id);
CREATE INDEX cases_assigned ON cases(assigned_unit_id, id);
CREATE INDEX cases_created ON cases(created_at);
CREATE INDEX cases_resolved ON cases(first_resolved_at) WHERE first_resolved_at IS NOT NULL;
CREATE INDEX cases_sweep ON cases(warn_at, ack_due)
  WHERE overdue_at IS NULL AND status IN ('received','accepted','in_progress');
CREATE INDEX cases_overdue ON cases(id)
  WHERE overdue_at IS NOT NULL AND status IN ('received','accepted','in_progress');
CREATE INDEX cases_beyond ON cases(id) WHERE beyond_level = 1;

-- Personal data: only the handling unit or the PIN holder sees it; never exported or logged.
CREATE TABLE case_contacts (
  case_id        INTEGER PRIMARY KEY REFERENCES cases(id),
  reporter_name  TEXT NOT NULL DEFAULT '',
  reporter_phone TEXT NOT NULL DEFAULT '',
  obo_name       TEXT NOT NULL DEFAULT '',
  obo_phone      TEXT NOT NULL DEFAULT ''
);

-- Append-only: rows are inserted, never updated or deleted (enforced below).
CREATE TABLE events (
  id             INTEGER PRIMARY KEY,
  case_id        INTEGER NOT NULL REFERENCES cases(id),
  at             INTEGER NOT NULL,
  actor_user_id  INTEGER REFERENCES users(id),
  actor          TEXT NOT NULL,
  kind           TEXT NOT NULL,
  from_status    TEXT NOT NULL,
  to_status      TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  answer         TEXT NOT NULL DEFAULT '',
  reason         TEXT NOT NULL DEFAULT '',
  unit_id        INTEGER REFERENCES units(id),
  into_code      TEXT NOT NULL DEFAULT '',
  assignee_user_id INTEGER REFERENCES users(id),
  ack_due        INTEGER
);
CREATE INDEX events_case ON events(case_id, id);
CREATE INDEX events_kind_at ON events(kind, at);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Replies to writes made with an Idempotency-Key, kept for 24 hours.
CREATE TABLE idempotency (
  key           TEXT PRIMARY KEY,
  request_hash  TEXT NOT NULL,
  status        INTEGER NOT NULL,
  response      TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
CREATE INDEX idempotency_created ON idempotency(created_at);
