-- As SQLite's migration 024: each post written keeps the value its transaction moved the
-- 'positions' counter to, so that a kept ranking reads only the people whose posts changed.
ALTER TABLE positions ADD COLUMN changed_seq BIGINT;
CREATE INDEX positions_changed_seq ON positions(changed_seq) WHERE changed_seq IS NOT NULL;
