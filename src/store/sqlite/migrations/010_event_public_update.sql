-- Two kinds of text on an event: `note` is internal (staff in scope only, core/access.h) and
-- `public_update` is shown on the public timeline and sent to the reporter. Every note written
-- before this migration was entered as "Note (optional)" without saying who would read it, so it
-- stays in `note` and becomes internal: nothing written before becomes public.
ALTER TABLE events ADD COLUMN public_update TEXT NOT NULL DEFAULT '';
