-- "Due soon" lists (warned, not yet overdue, still open) across the whole province read this
-- partial index in id order, like cases_overdue, instead of every open case through
-- cases_status and a sort (135 ms for a page on a 1M-case database, docs/PERFORMANCE.md).
CREATE INDEX cases_due_soon ON cases(id)
  WHERE warned_at IS NOT NULL AND overdue_at IS NULL
    AND status IN ('received','accepted','in_progress');
