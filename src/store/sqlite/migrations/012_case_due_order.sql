-- The deadline the responsible unit owes next (core/deadlines.h, OwedBy): the inbox lists open
-- cases by it, most overdue first. Written whenever a case is stored; the rows from before this
-- migration are filled once when the store opens (sqlite_store.cpp), since the rule is core's.
ALTER TABLE cases ADD COLUMN due_at INTEGER;
CREATE INDEX cases_due ON cases(due_at, id) WHERE due_at IS NOT NULL;
CREATE TABLE derived_fills (name TEXT PRIMARY KEY);
