-- The registry (issue 16): organizations, households, people and the posts they hold.
-- Personal data: people.name/phone and households.head_name/phone (docs/registry.md, "Privacy").
-- A position's place_unit_id is the unit of its post (the unit itself, or the organization's
-- unit), so that a unit's subtree finds its posts without a join.

CREATE TABLE organizations (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL,
  name        TEXT NOT NULL,
  unit_id     INTEGER NOT NULL REFERENCES units(id),
  parent_id   INTEGER REFERENCES organizations(id),
  valid_from  INTEGER,
  valid_to    INTEGER
);
CREATE INDEX organizations_unit ON organizations(unit_id);

CREATE TABLE households (
  id                INTEGER PRIMARY KEY,
  code              TEXT NOT NULL UNIQUE,
  unit_id           INTEGER NOT NULL REFERENCES units(id),
  head_name         TEXT NOT NULL,
  size              INTEGER NOT NULL CHECK (size >= 1),
  phone             TEXT NOT NULL DEFAULT '',
  poverty           TEXT NOT NULL DEFAULT 'none',
  poverty_assessed  INTEGER
);
CREATE INDEX households_unit ON households(unit_id);

CREATE TABLE people (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  sex           TEXT,
  birth_year    INTEGER,
  ethnic_group  TEXT NOT NULL DEFAULT '',
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  household_id  INTEGER REFERENCES households(id),
  phone         TEXT NOT NULL DEFAULT '',
  party_member  INTEGER NOT NULL DEFAULT 0,
  prestigious   INTEGER NOT NULL DEFAULT 0,
  user_id       INTEGER REFERENCES users(id)
);
CREATE INDEX people_unit ON people(unit_id);

CREATE TABLE positions (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES people(id),
  title            TEXT NOT NULL,
  organization_id  INTEGER REFERENCES organizations(id),
  unit_id          INTEGER REFERENCES units(id),
  place_unit_id    INTEGER NOT NULL REFERENCES units(id),
  date_from        INTEGER NOT NULL,
  date_to          INTEGER,
  elected          INTEGER NOT NULL DEFAULT 0,
  CHECK ((organization_id IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX positions_person ON positions(person_id);
CREATE INDEX positions_organization ON positions(organization_id);
CREATE INDEX positions_unit ON positions(unit_id);
CREATE INDEX positions_place ON positions(place_unit_id, title);
