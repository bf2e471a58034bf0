#include "core/cases/intake.h"

#include <array>

#include "core/cases/deadlines.h"
#include "core/cases/routing.h"
#include "core/common/text_fold.h"
#include "core/common/validation.h"

namespace jembatan {
namespace {

constexpr std::array<std::string_view, 10> kChannels = {
    "api", "web", "sms", "telegram", "zalo", "open311", "csv", "member", "phone", "walk_in"};

Result<std::optional<Contact>> CheckContact(const std::optional<Contact>& in,
                                            const std::string& field) {
  if (!in || in->empty()) return std::optional<Contact>{};
  if (auto s = ValidateText(field + ".name", in->name, 0, kMaxNameChars); !s) return s.error();
  Contact out{in->name, {}, in->consent};
  if (!in->phone.empty()) {
    if (auto s = ValidatePhone(field + ".phone", in->phone); !s) return s.error();
    out.phone = NormalizePhone(in->phone);
  }
  return std::optional<Contact>{out};
}

}  // namespace

static int64_t CommuneIdOf(const UnitDirectory& units, const Unit& location) {
  const Unit* commune = units.CommuneOf(location);
  return commune != nullptr ? commune->id : location.id;
}

bool IsKnownChannel(std::string_view channel) {
  for (auto c : kChannels) {
    if (c == channel) return true;
  }
  return false;
}

Status CheckApiChannel(std::string_view channel, std::optional<Role> role) {
  if (channel.empty() || channel == "api" || channel == "web") return Status::Ok();
  const bool staff = role && *role != Role::kMember;
  if ((channel == "member" && role) || ((channel == "phone" || channel == "walk_in") && staff)) {
    return Status::Ok();
  }
  if (!IsKnownChannel(channel)) {
    return Error::Invalid("unknown channel " + std::string(channel), "channel");
  }
  return Error::Invalid("channel " + std::string(channel) + " is not one this caller may name",
                        "channel");
}

Result<Case> PrepareCase(const SubmitRequest& req, const UnitDirectory& units,
                         const CategoryMap& categories, const WorkCalendar& calendar,
                         Timestamp now) {
  if (auto s = ValidateText("body", req.body, 1, kMaxBodyChars); !s) return s.error();
  if (auto s = ValidateText("title", req.title, 0, kMaxTitleChars); !s) return s.error();

  const std::string category_code = req.category.empty() ? "other" : req.category;
  auto cat = categories.find(category_code);
  if (cat == categories.end()) {
    return Error::Unknown("unknown category " + category_code, "category");
  }

  if (req.unit.empty()) return Error::Invalid("unit is required", "unit");
  const Unit* location = units.ResolveLive(req.unit);
  if (location == nullptr) return Error::Unknown("unknown unit " + req.unit, "unit");
  if (location->level != UnitLevel::kVillage && location->level != UnitLevel::kCommune) {
    return Error::Invalid("unit must be a village or a commune", "unit");
  }
  const Unit* addressed = nullptr;
  if (!req.addressed_to.empty()) {
    addressed = units.ResolveLive(req.addressed_to);
    if (addressed == nullptr) {
      return Error::Unknown("unknown unit " + req.addressed_to, "addressed_to");
    }
  }

  if (req.lat.has_value() != req.lon.has_value()) {
    return Error::Invalid("location needs both lat and lon", "location");
  }
  if (req.lat) {
    if (auto s = ValidateLatLon(*req.lat, *req.lon); !s) return s.error();
  }

  auto reporter = CheckContact(req.reporter, "reporter");
  if (!reporter) return reporter.error();
  auto obo = CheckContact(req.on_behalf_of, "on_behalf_of");
  if (!obo) return obo.error();

  const std::string channel = req.channel.empty() ? "api" : req.channel;
  if (!IsKnownChannel(channel)) return Error::Invalid("unknown channel " + channel, "channel");
  auto visibility = ParseVisibility(req.visibility.empty() ? "public" : req.visibility);
  if (!visibility) return Error::Invalid("visibility must be public or private", "visibility");
  const std::string language = req.language.empty() ? "id" : req.language;
  if (!IsSupportedLanguage(language)) {
    return Error::Invalid("language must be id, vi or en", "language");
  }

  auto routing = RouteCase(units, cat->second, *location, addressed);
  if (!routing) return routing.error();

  Case c;
  c.status = CaseStatus::kReceived;
  c.category = cat->second.code;
  c.location_unit_id = location->id;
  c.commune_unit_id = CommuneIdOf(units, *location);
  c.assigned_unit_id = routing->assigned->id;
  c.title = req.title;
  c.body = req.body;
  // Folded here, on the caller's thread, so the writer only stores it.
  c.search_text = CaseSearchText(c.title, c.body);
  c.lat = req.lat;
  c.lon = req.lon;
  c.channel = channel;
  c.visibility = *visibility;
  c.language = language;
  c.beyond_level = routing->beyond_level;
  c.created_at = now;
  c.deadlines = ComputeDeadlines(calendar, cat->second, location->remote, now);
  c.reporter = *reporter;
  c.on_behalf_of = *obo;
  return c;
}

}  // namespace jembatan
