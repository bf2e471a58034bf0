-- Emulation and awards (issue 16, point 5): a cycle weighs measured contributions by its
-- criteria (core/registry/award.h); staff nominate from the computed ranking and the decision
-- marks the awardees. Scores are never stored: they are computed from records when asked.

CREATE TABLE award_cycles (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,
  title            TEXT NOT NULL,
  unit_id          INTEGER NOT NULL REFERENCES units(id),
  date_from        INTEGER NOT NULL,
  date_to          INTEGER NOT NULL,
  kind             TEXT,
  places           INTEGER,
  decision_title   TEXT,
  decision_number  TEXT,
  decision_date    INTEGER
);
CREATE INDEX award_cycles_unit ON award_cycles(unit_id);

CREATE TABLE award_criteria (
  cycle_id  INTEGER NOT NULL REFERENCES award_cycles(id),
  seq       INTEGER NOT NULL,
  measure   TEXT NOT NULL,
  weight    INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, seq)
);

CREATE TABLE award_nominations (
  id         INTEGER PRIMARY KEY,
  cycle_id   INTEGER NOT NULL REFERENCES award_cycles(id),
  person_id  INTEGER NOT NULL REFERENCES people(id),
  reason     TEXT NOT NULL DEFAULT '',
  awarded    INTEGER NOT NULL DEFAULT 0,
  UNIQUE (cycle_id, person_id)
);

-- Members' reflections: a person's linked account finds the cases it forwarded.
CREATE INDEX people_user ON people(user_id) WHERE user_id IS NOT NULL;
