-- Lists and figures filter by unit scope (core/access.h: ScopeOf). Storing the commune of the
-- location turns "located in the commune's subtree" into one equality, and indexes ending in
-- id let newest-first pages be read in index order, stopping at the page size.
ALTER TABLE cases ADD COLUMN commune_id INTEGER REFERENCES units(id);
UPDATE cases SET commune_id = (
  SELECT CASE WHEN u.level = 'commune' THEN u.id ELSE u.parent_id END
  FROM units u WHERE u.id = cases.location_unit_id);

DROP INDEX cases_location;
DROP INDEX cases_assigned;
CREATE INDEX cases_commune ON cases(commune_id, id);
CREATE INDEX cases_commune_status ON cases(commune_id, status, id);
-- Most cases are handled by the commune they are located in; only the others (department
-- cases, transfers) need the handler's own index, which keeps inserts cheaper.
CREATE INDEX cases_assigned ON cases(assigned_unit_id, id)
  WHERE assigned_unit_id IS NOT commune_id;
CREATE INDEX cases_assigned_status ON cases(assigned_unit_id, status, id)
  WHERE assigned_unit_id IS NOT commune_id;
-- Category with status: the newest cases are mostly open, so "closed in category X" would
-- otherwise walk thousands of open cases first.
CREATE INDEX cases_category_status ON cases(category, status, id);

-- Only the reopen count reads events by kind and time; index just those events.
DROP INDEX events_kind_at;
CREATE INDEX events_reopened_at ON events(at) WHERE kind = 'reopened';
