-- Campaigns and participation (issue 16, point 3). A participation is a person (headcount 1)
-- or a headcount for a unit; its workdays are core's (core/registry/campaign.h, Workdays),
-- stored so that figures only add them up.

CREATE TABLE campaigns (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL,
  title          TEXT NOT NULL,
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  date_from      INTEGER NOT NULL,
  date_to        INTEGER NOT NULL,
  goal_people    INTEGER,
  goal_workdays  INTEGER
);
CREATE INDEX campaigns_unit ON campaigns(unit_id);

CREATE TABLE campaign_organizers (
  campaign_id      INTEGER NOT NULL REFERENCES campaigns(id),
  organization_id  INTEGER NOT NULL REFERENCES organizations(id),
  PRIMARY KEY (campaign_id, organization_id)
);

CREATE TABLE participations (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
  person_id    INTEGER REFERENCES people(id),
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  headcount    INTEGER NOT NULL CHECK (headcount >= 1),
  date_from    INTEGER,
  date_to      INTEGER,
  days         INTEGER,
  workdays     INTEGER NOT NULL,
  role         TEXT NOT NULL DEFAULT '',
  confirmed    INTEGER NOT NULL DEFAULT 0,
  source       TEXT NOT NULL,
  CHECK (person_id IS NULL OR headcount = 1)
);
CREATE INDEX participations_campaign ON participations(campaign_id, id);
CREATE INDEX participations_unit ON participations(unit_id, campaign_id);
CREATE INDEX participations_person ON participations(person_id);
