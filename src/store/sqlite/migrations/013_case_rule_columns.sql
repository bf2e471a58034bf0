-- Rules of core stored as columns whenever a case is stored, so that SQL compares stored values
-- and never repeats them (issue 15; core/cases/case.h IsOpen, core/cases/deadlines.h
-- IsMarkedOverdue, IsDueSoon, NextDeadlineAt). Before this, the open statuses were spelled out in
-- four queries and three indexes, and the sweep's next-deadline expression copied core's rule.
-- Rows from before this migration are filled once when the store opens (sqlite_store.cpp).
ALTER TABLE cases ADD COLUMN is_open INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN overdue_now INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN due_soon INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN next_deadline_at INTEGER;
DROP INDEX cases_next_deadline;
CREATE INDEX cases_next_deadline ON cases(next_deadline_at) WHERE next_deadline_at IS NOT NULL;
DROP INDEX cases_due_soon;
CREATE INDEX cases_due_soon ON cases(id) WHERE due_soon = 1;
DROP INDEX cases_overdue;
CREATE INDEX cases_overdue ON cases(id) WHERE overdue_now = 1;
