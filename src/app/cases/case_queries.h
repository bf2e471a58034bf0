// Read-only use cases: one case (public or full view), lists, events, summary statistics.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/guess_guard.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/cases/access.h"

namespace jembatan::app {

// A case with what its caller may not see already removed (core/cases/access.h: Disclose).
struct CaseView {
  Case c;
  CaseAccess access = CaseAccess::kPublic;
};

struct PinCheck {
  const std::string* pin = nullptr;  // null: no PIN offered
  GuessGuard* guard = nullptr;       // required when pin is set
  Guesser who;
};

// The caller's access (core/cases/access.h: AccessOf) decides what the view holds. A PIN is checked
// only when the caller would otherwise see the public view; a wrong PIN is refused (401) rather
// than silently ignored, and counted: too many make the guesser wait, 429 (guess_guard.h).
Result<CaseView> GetCase(ReadTx& tx, const Registry& reg, std::string_view raw_code,
                         const Principal* viewer, const PinCheck& pin = {});

struct ListQuery {
  std::optional<CaseStatus> status;
  std::string category;
  std::string unit;  // code; its whole subtree
  std::optional<bool> overdue;
  std::optional<bool> beyond_level;
  std::optional<Timestamp> created_from;
  std::optional<Timestamp> created_to;
  std::optional<int64_t> before_id;
  int limit = 20;
  std::vector<CaseStatus> statuses;     // any of these (Open311's status=open,closed)
  std::vector<std::string> categories;  // any of these codes
  // Only the cases the viewer filed (a member's "cases I forwarded"), private ones included;
  // needs a viewer. `unit` still narrows it.
  bool mine = false;
  bool due_soon = false;  // open, warned, not yet overdue
  // Open cases by the deadline owed next, most overdue first (core/cases/deadlines.h, OwedBy), with
  // after_due as the cursor; otherwise newest first with before_id.
  bool by_due = false;
  std::optional<std::pair<Timestamp, int64_t>> after_due;
  std::string text;  // a tracking code or words of the title/body; at most 100 bytes
};

struct CasePage {
  std::vector<CaseView> cases;
  std::optional<int64_t> next_before_id;                        // newest first
  std::optional<std::pair<Timestamp, int64_t>> next_after_due;  // by due date
};

// Anonymous callers and members see public cases only (except their own, with `mine`). Staff lists
// default to their own unit and include private cases there; another unit's list shows its public
// cases only. Each listed case is disclosed for the caller as GetCase would.
Result<CasePage> ListCases(ReadTx& tx, const Registry& reg, const ListQuery& q,
                           const Principal* viewer);

// The event log, disclosed for the caller: internal notes and staff names to staff in scope only,
// and for a private case the public updates, answer and reason only to the reporter and staff.
Result<std::vector<Event>> CaseEvents(ReadTx& tx, const Registry& reg, std::string_view raw_code,
                                      const Principal* viewer, const PinCheck& pin = {});

struct Summary {
  std::string unit;
  Timestamp from;
  Timestamp to;
  std::map<std::string, int64_t> by_status;
  std::map<std::string, int64_t> by_category;
  int64_t received = 0;
  int64_t resolved = 0;
  std::optional<double> on_time_rate;
  std::optional<double> median_days_to_resolve;
  int64_t overdue_now = 0;
  int64_t beyond_level = 0;
  int64_t reopened = 0;
  int64_t confirmed = 0;               // answers the reporter confirmed
  int64_t disputed = 0;                // answers the reporter disputed (reopened)
  std::optional<double> satisfaction;  // confirmed / (confirmed + disputed)
};

// Summaries of each child of `parent` (communes and departments of the province; villages of
// a commune) over one period: the dashboard's ranking table and map.
Result<std::vector<Summary>> SummarizeChildren(ReadTx& tx, const Registry& reg,
                                               std::string_view parent_code, Timestamp from,
                                               Timestamp to);

// Received and resolved per period bucket (a week or a month) between from and to. At most
// kMaxSeriesBuckets buckets.
constexpr int kMaxSeriesBuckets = 60;
enum class Bucket { kWeek, kMonth };
struct SeriesPoint {
  Timestamp from;
  Timestamp to;
  int64_t received = 0;
  int64_t resolved = 0;
};
Result<std::vector<SeriesPoint>> SummarizeSeries(ReadTx& tx, const Registry& reg,
                                                 std::string_view unit_code, Timestamp from,
                                                 Timestamp to, Bucket bucket);

Result<Summary> Summarize(ReadTx& tx, const Registry& reg, std::string_view unit_code,
                          Timestamp from, Timestamp to);

}  // namespace jembatan::app
