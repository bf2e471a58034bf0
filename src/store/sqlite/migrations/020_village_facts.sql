-- Village facts (issue 16, point 6): a value per village, kind and day it was recorded. History
-- is kept: a new value is a new row with a later date; figures read the latest on or before the
-- day asked about (core/registry/village_facts.h).

CREATE TABLE village_facts (
  id       INTEGER PRIMARY KEY,
  unit_id  INTEGER NOT NULL REFERENCES units(id),
  kind     TEXT NOT NULL,
  as_of    INTEGER NOT NULL,
  value    INTEGER NOT NULL,
  UNIQUE (unit_id, kind, as_of)
);
