-- A kept award ranking reads only the people whose posts changed since it was ranked instead of
-- every post of the province (app/registry/awards.cpp): each post written (recorded, or its term
-- ended) keeps the value its transaction moved the 'positions' counter to. Posts written before
-- (and posts copied by copy-store) keep NULL: never read as changed.
ALTER TABLE positions ADD COLUMN changed_seq INTEGER;
CREATE INDEX positions_changed_seq ON positions(changed_seq) WHERE changed_seq IS NOT NULL;
