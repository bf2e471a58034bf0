// The deadline sweep: records warnings, overdue marks and escalations that have come due.
// Idempotent (a case is warned, marked overdue and escalated once), so it can run on a
// schedule inside `serve`, from `jembatan sweep`, or both.
#pragma once

#include "app/common/tx.h"
#include "app/reference/registry.h"

namespace jembatan::app {

struct SweepResult {
  int cases_examined = 0;
  int events_recorded = 0;
  int64_t last_id = 0;  // pass as after_id to continue
};

// Looks at no more than `max_cases` candidates with id > after_id, so one call holds the write
// lock briefly; call again with after_id = last_id while cases_examined == max_cases.
Result<SweepResult> SweepDeadlines(WriteTx& tx, const Registry& reg, Timestamp now,
                                   int64_t after_id = 0, int max_cases = 2000);

}  // namespace jembatan::app
