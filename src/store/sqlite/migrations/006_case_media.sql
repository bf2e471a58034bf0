-- Photos that came with a report (a Telegram photo, a Zalo image). The provider's reference is
-- stored with the case, in the intake transaction; the media fetcher downloads the image later
-- (a Telegram download URL holds the bot token, so it never leaves the server) and keeps the
-- bytes here, at most 5 MiB each. Photos may show people: only the case's full view shows them.
CREATE TABLE case_media (
  id               INTEGER PRIMARY KEY,
  case_id          INTEGER NOT NULL REFERENCES cases(id),
  channel          TEXT NOT NULL,
  source           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending','stored','failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL,
  last_error       TEXT NOT NULL DEFAULT '',
  content_type     TEXT NOT NULL DEFAULT '',
  bytes            INTEGER NOT NULL DEFAULT 0,
  data             BLOB,
  created_at       INTEGER NOT NULL
);
CREATE INDEX case_media_case ON case_media(case_id);
CREATE INDEX case_media_due ON case_media(next_attempt_at, id) WHERE status = 'pending';

-- A conversation draft keeps the photo sent before the text or the village.
ALTER TABLE conversations ADD COLUMN photo TEXT NOT NULL DEFAULT '';
