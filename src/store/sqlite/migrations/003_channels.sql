-- Channels (SMS, chat apps): settings, inbound de-duplication, where a reporter hears back,
-- and the transactional outbox. Addresses (phone numbers, chat ids) are personal data: they
-- live only here and in case_contacts, and are never exported or logged.

CREATE TABLE channel_settings (
  channel  TEXT NOT NULL,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (channel, key)
) WITHOUT ROWID;

-- One row per delivery a provider made; a webhook retried ten times finds its row and makes
-- nothing new.
CREATE TABLE inbound_messages (
  channel      TEXT NOT NULL,
  provider_id  TEXT NOT NULL,
  received_at  INTEGER NOT NULL,
  PRIMARY KEY (channel, provider_id)
) WITHOUT ROWID;

-- Where a case's reporter (or the member who forwarded it) hears back.
CREATE TABLE reply_routes (
  case_id   INTEGER NOT NULL REFERENCES cases(id),
  channel   TEXT NOT NULL,
  address   TEXT NOT NULL,
  language  TEXT NOT NULL,
  PRIMARY KEY (case_id, channel, address)
) WITHOUT ROWID;

-- Written in the same transaction as the event it reports; delivered by the outbox sender.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  channel          TEXT NOT NULL,
  address          TEXT NOT NULL,
  body             TEXT NOT NULL,
  case_id          INTEGER REFERENCES cases(id),
  status           TEXT NOT NULL CHECK (status IN ('pending','sent','dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL,
  sent_at          INTEGER
);
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_status ON outbox(status, id);

-- Phones and chat ids of registered members, who may file on behalf of households.
CREATE TABLE member_addresses (
  channel  TEXT NOT NULL,
  address  TEXT NOT NULL,
  user_id  INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (channel, address)
) WITHOUT ROWID;

-- Conversation mode: a sender who wrote free text is asked for the village, then to confirm.
CREATE TABLE conversations (
  channel     TEXT NOT NULL,
  address     TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('ask_village','ask_confirm')),
  language    TEXT NOT NULL,
  text        TEXT NOT NULL,
  unit_id     INTEGER REFERENCES units(id),
  lat         REAL,
  lon         REAL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (channel, address)
) WITHOUT ROWID;
