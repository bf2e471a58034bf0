-- Village-head elections (issue 16): the plan, its candidates in the order given, and once
-- held the day, the households voting, the votes, the winner and the head's position it made.

CREATE TABLE elections (
  id                 INTEGER PRIMARY KEY,
  code               TEXT NOT NULL UNIQUE,
  unit_id            INTEGER NOT NULL REFERENCES units(id),
  term_from          INTEGER NOT NULL,
  term_to            INTEGER NOT NULL,
  planned_on         INTEGER NOT NULL,
  held_on            INTEGER,
  households_voting  INTEGER,
  winner_person_id   INTEGER REFERENCES people(id),
  position_id        INTEGER REFERENCES positions(id)
);
CREATE INDEX elections_unit ON elections(unit_id);

CREATE TABLE election_candidates (
  election_id  INTEGER NOT NULL REFERENCES elections(id),
  seq          INTEGER NOT NULL,
  person_id    INTEGER NOT NULL REFERENCES people(id),
  votes        INTEGER,
  PRIMARY KEY (election_id, seq)
);
