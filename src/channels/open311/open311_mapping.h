// How our records look through GeoReport v2: categories are services, cases are service
// requests identified by their tracking code. Pure functions, unit-tested.
//
//   our status                          Open311 status   status_notes
//   received, accepted, in_progress     open             the status in words
//   resolved, closed                    closed           the public answer
//   rejected                            closed           the reason
//   merged                              closed           "merged into <code>"
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/reference/registry.h"
#include "core/cases/case.h"
#include "core/common/result.h"

namespace jembatan::channels::open311 {

std::string_view OpenOrClosed(CaseStatus s);
// "open" / "closed" → our statuses; an error names any other word.
Result<std::vector<CaseStatus>> StatusesFor(std::string_view comma_list);

boost::json::object ServiceToJson(const Category& c, const app::Registry& reg,
                                  std::string_view language);
boost::json::object ServiceDefinitionToJson(const Category& c, std::string_view language);
// Public fields only: the caller passes a case already stripped of private data.
boost::json::object RequestToJson(const Case& c, const app::Registry& reg,
                                  std::string_view language);

// The attribute codes a POST may carry (ServiceDefinitionToJson lists them).
inline constexpr std::string_view kUnitAttribute = "unit";
inline constexpr std::string_view kVisibilityAttribute = "visibility";
inline constexpr std::string_view kTitleAttribute = "title";
// "yes": the reporter agrees to SMS updates at `phone` (receipt, acceptance, answer, delay).
inline constexpr std::string_view kSmsUpdatesAttribute = "sms_updates";

}  // namespace jembatan::channels::open311
