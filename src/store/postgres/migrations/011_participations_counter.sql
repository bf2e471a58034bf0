-- As SQLite's migration 023: each confirmed participation keeps the value its transaction moved
-- the 'participations' counter to, so that a figure kept in memory reads only what was confirmed
-- since it was computed. Rows confirmed before (and rows copied by copy-store) keep NULL.
ALTER TABLE participations ADD COLUMN confirmed_seq BIGINT;
CREATE INDEX participations_confirmed_seq ON participations(confirmed_seq)
  WHERE confirmed_seq IS NOT NULL;
INSERT INTO change_counters(name, n) VALUES ('participations', 0);
