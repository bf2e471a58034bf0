#include "http/cases/case_json.h"

#include <boost/json.hpp>

#include "core/cases/case_state.h"
#include "core/cases/deadlines.h"

namespace jembatan::http {
namespace json = boost::json;

namespace {

json::value ContactJson(const std::optional<Contact>& c, const json::storage_ptr& sp,
                        bool with_consent = false) {
  if (!c) return json::value(nullptr, sp);
  json::object o(sp);
  o.emplace("name", c->name);
  o.emplace("phone", c->phone);
  if (with_consent) o.emplace("consent", c->consent);
  return o;
}

Status ReadContact(const json::object& o, std::string_view key, std::optional<Contact>& out) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_object()) {
    return Error::Invalid(std::string(key) + " must be an object {name, phone}", std::string(key));
  }
  const auto& c = it->value().get_object();
  // consent: for the household, that it agreed to the report and to being contacted; for the
  // reporter, that they want SMS updates at the phone given (app/channels/outbox.h,
  // QueueSmsUpdates).
  if (auto s = OnlyFields(c, {"name", "phone", "consent"}, key); !s) return s;
  Contact contact;
  if (auto s = ReadString(c, "name", contact.name, key); !s) return s;
  if (auto s = ReadString(c, "phone", contact.phone, key); !s) return s;
  if (auto it = c.find("consent"); it != c.end() && !it->value().is_null()) {
    if (!it->value().is_bool()) {
      return Error::Invalid(std::string(key) + ".consent must be true or false",
                            std::string(key) + ".consent");
    }
    contact.consent = it->value().get_bool();
  }
  out = contact;
  return Status::Ok();
}

}  // namespace

Result<SubmitRequest> ReadSubmitRequest(const json::object& o) {
  if (auto s = OnlyFields(o, {"body", "title", "category", "unit", "addressed_to", "location",
                              "reporter", "on_behalf_of", "channel", "visibility", "language"});
      !s) {
    return s.error();
  }
  SubmitRequest r;
  if (!o.contains("body")) return Error::Invalid("body is required", "body");
  if (!o.contains("unit")) return Error::Invalid("unit is required", "unit");
  for (auto [key, field] : {std::pair<std::string_view, std::string*>{"body", &r.body},
                            {"title", &r.title},
                            {"category", &r.category},
                            {"unit", &r.unit},
                            {"addressed_to", &r.addressed_to},
                            {"channel", &r.channel},
                            {"visibility", &r.visibility},
                            {"language", &r.language}}) {
    if (auto s = ReadString(o, key, *field); !s) return s.error();
  }
  if (auto it = o.find("location"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_object()) return Error::Invalid("location must be {lat, lon}", "location");
    const auto& loc = it->value().get_object();
    if (auto s = OnlyFields(loc, {"lat", "lon"}, "location"); !s) return s.error();
    auto lat = loc.find("lat");
    auto lon = loc.find("lon");
    if (lat == loc.end() || lon == loc.end() || !lat->value().is_number() ||
        !lon->value().is_number()) {
      return Error::Invalid("location.lat and location.lon must be numbers", "location");
    }
    r.lat = lat->value().to_number<double>();
    r.lon = lon->value().to_number<double>();
  }
  if (auto s = ReadContact(o, "reporter", r.reporter); !s) return s.error();
  if (auto s = ReadContact(o, "on_behalf_of", r.on_behalf_of); !s) return s.error();
  return r;
}

json::array MediaToJson(const std::string& case_code, const std::vector<CaseMedia>& media,
                        json::storage_ptr sp) {
  json::array out(sp);
  for (const CaseMedia& m : media) {
    json::object o(sp);
    o.emplace("id", m.id);
    o.emplace("channel", m.channel);
    o.emplace("status", ToString(m.status));
    if (m.status == MediaStatus::kStored) {
      o.emplace("content_type", m.content_type);
      o.emplace("bytes", m.bytes);
      o.emplace("url", "/api/v1/cases/" + case_code + "/media/" + std::to_string(m.id));
    }
    out.emplace_back(std::move(o));
  }
  return out;
}

json::object CaseToJson(const Case& c, const app::Registry& reg, CaseAccess access,
                        const json::storage_ptr& sp) {
  json::object o(sp);
  o.reserve(32);
  o.emplace("code", c.code);
  o.emplace("status", ToString(c.status));
  o.emplace("category", c.category);
  if (const Category* cat = reg.FindCategory(c.category)) {
    o.emplace("category_name", cat->Name(c.language));
  }
  o.emplace("unit", UnitRef(reg, c.location_unit_id, sp));
  o.emplace("assigned_unit", UnitRef(reg, c.assigned_unit_id, sp));
  o.emplace("title", c.title);
  o.emplace("body", c.body);
  if (c.lat && c.lon) {
    json::object loc(sp);
    loc.emplace("lat", *c.lat);
    loc.emplace("lon", *c.lon);
    o.emplace("location", std::move(loc));
  } else {
    o.emplace("location", nullptr);
  }
  o.emplace("channel", c.channel);
  o.emplace("visibility", ToString(c.visibility));
  o.emplace("language", c.language);
  o.emplace("beyond_level", c.beyond_level);
  o.emplace("created_at", FormatTimestamp(c.created_at));
  json::object due(sp);
  due.reserve(3);
  due.emplace("acknowledge", FormatTimestamp(c.deadlines.ack_due));
  due.emplace("resolve", FormatTimestamp(c.deadlines.resolve_due));
  due.emplace("warning", FormatTimestamp(c.deadlines.warn_at));
  o.emplace("due", std::move(due));
  o.emplace("overdue", IsMarkedOverdue(c));
  o.emplace("escalated_to", UnitRef(reg, c.escalated_to_unit_id, sp));
  o.emplace("accepted_at", OptTime(c.accepted_at, sp));
  o.emplace("resolved_at", OptTime(c.resolved_at, sp));
  o.emplace("closed_at", OptTime(c.closed_at, sp));
  o.emplace("answer", c.answer);
  o.emplace("reject_reason", c.reject_reason);
  if (c.merged_into.empty()) {
    o.emplace("merged_into", nullptr);
  } else {
    o.emplace("merged_into", c.merged_into);
  }
  o.emplace("reopen_count", c.reopen_count);
  o.emplace("access", ToString(access));
  if (SeesContacts(access)) {
    o.emplace("reporter", ContactJson(c.reporter, sp));
    o.emplace("on_behalf_of", ContactJson(c.on_behalf_of, sp, true));
  }
  if (access == CaseAccess::kHandler || access == CaseAccess::kObserver) {
    json::array actions(sp);
    for (CaseAction a : ActionsFor(access, c.status)) actions.emplace_back(ToString(a));
    o.emplace("allowed_actions", std::move(actions));
  }
  return o;
}

json::object EventToJson(const Event& e, const app::Registry& reg, const json::storage_ptr& sp) {
  json::object o(sp);
  o.reserve(12);
  o.emplace("id", e.id);
  o.emplace("at", FormatTimestamp(e.at));
  o.emplace("kind", ToString(e.kind));
  o.emplace("from", ToString(e.from));
  o.emplace("to", ToString(e.to));
  o.emplace("actor", e.actor.label);
  o.emplace("update", e.update);
  o.emplace("note", e.note);
  if (!e.answer.empty()) o.emplace("answer", e.answer);
  if (!e.reason.empty()) o.emplace("reason", e.reason);
  if (e.unit_id) o.emplace("unit", UnitRef(reg, e.unit_id, sp));
  if (!e.into.empty()) o.emplace("into", e.into);
  return o;
}

json::object SummaryToJson(const app::Summary& s) {
  json::object by_status, by_category;
  for (const auto& [k, v] : s.by_status) by_status[k] = v;
  for (const auto& [k, v] : s.by_category) by_category[k] = v;
  json::object o;
  o["unit"] = s.unit;
  o["from"] = FormatTimestamp(s.from);
  o["to"] = FormatTimestamp(s.to);
  o["received"] = s.received;
  o["resolved"] = s.resolved;
  o["on_time_rate"] = s.on_time_rate ? json::value(*s.on_time_rate) : json::value(nullptr);
  o["median_working_days_to_resolve"] =
      s.median_days_to_resolve ? json::value(*s.median_days_to_resolve) : json::value(nullptr);
  o["overdue_now"] = s.overdue_now;
  o["beyond_level"] = s.beyond_level;
  o["reopened"] = s.reopened;
  o["confirmed"] = s.confirmed;
  o["disputed"] = s.disputed;
  o["satisfaction"] = s.satisfaction ? json::value(*s.satisfaction) : json::value(nullptr);
  o["by_status"] = std::move(by_status);
  o["by_category"] = std::move(by_category);
  return o;
}

}  // namespace jembatan::http
