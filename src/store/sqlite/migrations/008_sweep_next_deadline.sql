-- The deadline sweep reads only the open cases that can get a deadline event by now. For each
-- open case not yet overdue, the index holds the earliest instant of its next possible event
-- (src/core/deadlines.cpp, DeadlineEvents): the warning at warn_at until it is recorded, overdue
-- at resolve_due, or at ack_due while still received. It replaces cases_sweep (warn_at,
-- ack_due), with which every case already warned, or accepted after its acknowledge date, was
-- read again on every sweep until its resolve date (26,649 cases a minute on a 1M-case
-- database, docs/PERFORMANCE.md). SweepCandidates repeats this expression word for word.
DROP INDEX cases_sweep;
CREATE INDEX cases_next_deadline ON cases(
  min(CASE WHEN warned_at IS NULL THEN warn_at ELSE resolve_due END,
      CASE WHEN status = 'received' THEN ack_due ELSE resolve_due END,
      resolve_due))
  WHERE overdue_at IS NULL AND status IN ('received','accepted','in_progress');
