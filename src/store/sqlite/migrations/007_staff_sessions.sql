-- Staff sign-in from the browser. A password is optional (API tokens keep working); it is
-- stored only as an Argon2id hash string (libsodium's crypto_pwhash_str format). A session is
-- known by the hash of its cookie value, so a copy of the database does not hold live
-- sessions; its CSRF token is sent back by the app in a header on every write.
ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  csrf_token  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions(expires_at);

-- Satisfaction on the dashboard: answers the reporter confirmed (a close by "reporter").
CREATE INDEX events_closed_at ON events(at) WHERE kind = 'closed';
