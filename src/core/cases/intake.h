// Intake: turns a submission (from the API, a channel or an import) into a new case record:
// validates every field, resolves old unit codes, routes and computes deadlines.
// The tracking code, PIN and id are added by the submit use case.
#pragma once

#include <optional>
#include <string>

#include "core/cases/access.h"
#include "core/cases/case.h"
#include "core/common/result.h"
#include "core/reference/category.h"
#include "core/reference/unit.h"
#include "core/reference/work_calendar.h"

namespace jembatan {

constexpr size_t kMaxBodyChars = 5000;
constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxNameChars = 200;

struct SubmitRequest {
  std::string body;          // required, 1–5000 characters
  std::string title;         // optional, up to 200
  std::string category;      // code; empty means "other"
  std::string unit;          // required: village or commune code (old codes resolve)
  std::string addressed_to;  // optional: the unit the reporter filed with
  std::optional<double> lat;
  std::optional<double> lon;
  std::optional<Contact> reporter;
  std::optional<Contact> on_behalf_of;
  std::string channel;     // empty means "api"
  std::string visibility;  // empty means "public"
  std::string language;    // empty means "id"
};

bool IsKnownChannel(std::string_view channel);

// Who may name a case's channel through the public API: anyone "web" or "api" (empty is "api");
// a signed-in account also "member" (a report forwarded for a household); staff also "phone" and
// "walk_in" (a call or a visit they write down). "sms", "telegram", "zalo", "open311" and "csv"
// are set by their adapters alone: a case that says it came by SMS came through the gateway.
// `role`: the caller's, none when anonymous.
Status CheckApiChannel(std::string_view channel, std::optional<Role> role);

// REQUIRES: nothing; every field of `req` may be hostile.
// GUARANTEES: on success the case has status received, a responsible unit, deadlines and
// created_at == now; id, code and PIN are left for the caller.
Result<Case> PrepareCase(const SubmitRequest& req, const UnitDirectory& units,
                         const CategoryMap& categories, const WorkCalendar& calendar,
                         Timestamp now);

}  // namespace jembatan
