-- Positions by title, as SQLite's migration 017: the province's indicators read every post of
-- a few titles, which the place index (per unit) would seek unit by unit.
CREATE INDEX positions_title ON positions(title);
