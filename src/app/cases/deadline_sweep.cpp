#include "app/cases/deadline_sweep.h"

#include <algorithm>

#include "app/cases/event_chain.h"
#include "app/channels/outbox.h"
#include "core/cases/case_state.h"
#include "core/cases/deadlines.h"
#include "store/store.h"

namespace jembatan::app {

Result<SweepResult> SweepDeadlines(store::WriteTx& tx, const Registry& reg, Timestamp now,
                                   int64_t after_id, int max_cases) {
  SweepResult result;
  int64_t after = after_id;
  while (result.cases_examined < max_cases) {
    auto batch =
        tx.cases().SweepCandidates(now, after, std::min(500, max_cases - result.cases_examined));
    if (!batch) return batch.error();
    if (batch->empty()) break;
    for (Case& c : batch.value()) {
      ++result.cases_examined;
      after = c.id;
      auto events = DeadlineEvents(c, reg.units, now);
      for (Event& e : events) {
        if (auto r = AppendChainedEvent(tx, e); !r) return r.error();
        Apply(c, e);
        ++result.events_recorded;
        // An overdue case owes its reporter an apology (the other deadline events say nothing).
        if (auto s = QueueReporterNotices(tx, reg, c, e, now); !s) return s.error();
      }
      if (!events.empty()) {
        if (auto s = tx.cases().UpdateCase(c); !s) return s.error();
      }
    }
  }
  result.last_id = after;
  return result;
}

}  // namespace jembatan::app
