-- The mobilization figures kept in memory take what was confirmed since they were computed
-- instead of counting a million rows again (app/registry/campaigns.cpp): each confirmed
-- participation keeps the value its transaction moved the 'participations' counter to. Rows
-- confirmed before this migration (and rows copied by copy-store) keep NULL: counted in every
-- figure, never read as new.
ALTER TABLE participations ADD COLUMN confirmed_seq INTEGER;
CREATE INDEX participations_confirmed_seq ON participations(confirmed_seq)
  WHERE confirmed_seq IS NOT NULL;
INSERT INTO change_counters(name, n) VALUES ('participations', 0);
