-- Revocation (docs/operations.md, "Revoking access"): a user can be disabled (every token and
-- session stops at once); a token is issued at a time and expires `serve --token-lifetime-days`
-- later (tokens that exist now count from now, so that none expires on upgrade); what was done
-- to an account, by whom and when, is recorded.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
ALTER TABLE users ADD COLUMN token_issued_at INTEGER NOT NULL DEFAULT 0;
UPDATE users SET token_issued_at = CAST(strftime('%s', 'now') AS INTEGER);

CREATE TABLE account_events (
  id       INTEGER PRIMARY KEY,
  user_id  INTEGER NOT NULL REFERENCES users(id),
  kind     TEXT NOT NULL,
  actor    TEXT NOT NULL,
  at       INTEGER NOT NULL
);
CREATE INDEX account_events_user ON account_events(user_id, id);
CREATE INDEX sessions_user ON sessions(user_id);
