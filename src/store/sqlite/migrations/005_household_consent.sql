-- Whether the household a member filed for agreed to the report and to being contacted about
-- it (personal data, like the rest of case_contacts). Existing rows: unknown, so 0.
ALTER TABLE case_contacts ADD COLUMN obo_consent INTEGER NOT NULL DEFAULT 0;
