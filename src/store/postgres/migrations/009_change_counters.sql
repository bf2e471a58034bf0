-- As SQLite's migration 021: a counter per kind of record that figures are computed from, moved
-- in the transaction that changes such a record: a figure kept in memory (the mobilization over a
-- million participation rows) is valid while the counter has not moved, on every server of the
-- database.
CREATE TABLE change_counters (
  name  TEXT PRIMARY KEY,
  n     BIGINT NOT NULL
);
INSERT INTO change_counters(name, n) VALUES ('mobilization', 0);
