// The registry's indicators (issue 16), computed from records at a date, never typed in.
// Aggregates only: no names, no contacts. Public.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "app/registry/figure_cache.h"
#include "core/registry/concurrency.h"

namespace jembatan::app {

// The province's aim for "two shoulders": `rate` by `by` (issue 16: 100 % by 2025).
struct ConcurrencyTarget {
  Rate rate{10000};
  Date by = DateFromYmd(2025, 12, 31);
};

// "100@2025-12-31" (a percentage with up to two decimals, '@', a date).
Result<ConcurrencyTarget> ParseConcurrencyTarget(std::string_view text);

struct ConcurrencyMonth {
  Date at;  // the month's last day, or the day asked about for its own month
  ConcurrencyFigure figure;
};

// The figure of one unit just below the report's unit (a commune of the province, a village of
// a commune): what the dashboard's map colours and its table lists.
struct ConcurrencyPart {
  const Unit* unit = nullptr;
  ConcurrencyFigure figure;  // `without` left empty
};

struct ConcurrencyReport {
  const Unit* unit = nullptr;
  Date at;
  ConcurrencyFigure figure;  // `without` holds village ids
  ConcurrencyTarget target;
  std::optional<Rate> gap;               // target − rate, never below 0; none without villages
  std::vector<ConcurrencyMonth> trend;   // the 12 months up to `at`, oldest first
  std::vector<const Unit*> without;      // the villages without it, as units
  std::vector<ConcurrencyPart> by_unit;  // the units just below with villages that day
};

using ConcurrencyCache = FigureCache<ConcurrencyReport>;

// "Two shoulders" for the live villages (and residential groups) below `unit` on day `at`.
// `cache` (may be null) keeps the report until a post or an organization is written; it must
// live no longer than `reg`, whose units the report points to.
Result<ConcurrencyReport> ConcurrencyIndicator(ReadTx& tx, const Registry& reg, const Unit& unit,
                                               Date at, const ConcurrencyTarget& target,
                                               ConcurrencyCache* cache = nullptr);

}  // namespace jembatan::app
