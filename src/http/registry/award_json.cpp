#include "http/registry/award_json.h"

#include <boost/json.hpp>

#include "http/json_codec.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

json::object CountJson(const ReflectionCount& c) {
  return {{"forwarded", c.forwarded},
          {"resolved", c.resolved},
          {"on_time", c.on_time},
          {"confirmed", c.confirmed}};
}

json::object TallyJson(const ReflectionTally& t) {
  json::object out = CountJson(t.total);
  json::object by;
  for (const auto& [category, c] : t.by_category) by[category] = CountJson(c);
  out["by_category"] = std::move(by);
  return out;
}

json::value UnitOf(const app::Registry& reg, int64_t id) {
  return UnitRef(reg, id, json::storage_ptr());
}

json::value DecisionJson(const std::optional<AwardDecision>& d) {
  if (!d) return nullptr;
  return json::object{{"title", d->title}, {"number", d->number}, {"date", FormatDate(d->date)}};
}

// "&", "<", ">", quotes: what could end a text or an attribute.
std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

struct CertificateWords {
  const char* heading;
  const char* awarded_to;
  const char* for_cycle;
  const char* decision;
  const char* dated;
};

CertificateWords WordsFor(std::string_view lang) {
  if (lang == "id") {
    return {"Piagam Penghargaan", "Diberikan kepada", "atas prestasinya dalam", "Keputusan nomor",
            "tanggal"};
  }
  if (lang == "en") {
    return {"Certificate of Merit", "Awarded to", "for their part in", "Decision no.", "of"};
  }
  return {"Gi\u1ea5y khen", "T\u1eb7ng", "\u0111\u00e3 c\u00f3 th\u00e0nh t\u00edch trong",
          "Quy\u1ebft \u0111\u1ecbnh s\u1ed1", "ng\u00e0y"};
}

// 07/12/2026 in Indonesian and Vietnamese, as their documents write a day; 2026-12-07 in English.
std::string DateFor(Date d, std::string_view lang) {
  const std::string iso = FormatDate(d);
  if (lang == "en" || iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

}  // namespace

Result<app::AwardCycleDraft> ReadAwardCycleDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"code", "title", "unit", "from", "to", "kind", "criteria", "places"});
      !s) {
    return s.error();
  }
  app::AwardCycleDraft d;
  AwardCycle& c = d.cycle;
  if (auto s = RequireString(o, "code", c.code); !s) return s.error();
  if (auto s = RequireString(o, "title", c.title); !s) return s.error();
  if (auto s = RequireString(o, "unit", d.unit); !s) return s.error();
  std::optional<Date> from, to;
  if (auto s = ReadDate(o, "from", from); !s) return s.error();
  if (auto s = ReadDate(o, "to", to); !s) return s.error();
  if (!from || !to) return Error::Invalid("from and to are required", from ? "to" : "from");
  c.from = *from;
  c.to = *to;
  std::string kind;
  if (auto s = ReadString(o, "kind", kind); !s) return s.error();
  if (!kind.empty()) {
    c.kind = ParseOrganizationKind(kind);
    if (!c.kind) return Error::Invalid("unknown kind " + kind, "kind");
  }
  if (auto s = ReadInt(o, "places", c.places, 1, 10000); !s) return s.error();
  auto it = o.find("criteria");
  if (it == o.end() || !it->value().is_array() || it->value().get_array().empty() ||
      it->value().get_array().size() > 6) {
    return Error::Invalid("criteria: 1 to 6 {measure, weight}", "criteria");
  }
  for (const json::value& v : it->value().get_array()) {
    if (!v.is_object()) return Error::Invalid("criteria: {measure, weight}", "criteria");
    const json::object& k = v.get_object();
    if (auto s = OnlyFields(k, {"measure", "weight"}, "criteria"); !s) return s.error();
    std::string measure;
    if (auto s = RequireString(k, "measure", measure); !s) return s.error();
    auto m = ParseAwardMeasure(measure);
    if (!m) return Error::Invalid("unknown measure " + measure, "criteria.measure");
    std::optional<int64_t> weight;
    if (auto s = ReadInt(k, "weight", weight, 1, 1000, "criteria"); !s) return s.error();
    if (!weight) return Error::Invalid("a weight is required", "criteria.weight");
    c.criteria.push_back({*m, *weight});
  }
  return d;
}

Result<app::NominationDraft> ReadNominationDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"person", "reason"}); !s) return s.error();
  app::NominationDraft d;
  if (auto s = RequireString(o, "person", d.person); !s) return s.error();
  if (auto s = ReadString(o, "reason", d.reason); !s) return s.error();
  return d;
}

Result<DecisionDraft> ReadDecisionDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"title", "number", "date", "awardees"}); !s) return s.error();
  DecisionDraft d;
  if (auto s = RequireString(o, "title", d.decision.title); !s) return s.error();
  if (auto s = RequireString(o, "number", d.decision.number); !s) return s.error();
  std::optional<Date> date;
  if (auto s = ReadDate(o, "date", date); !s) return s.error();
  if (!date) return Error::Invalid("date is required", "date");
  d.decision.date = *date;
  constexpr size_t kMaxAwardees = 10000;
  if (auto s = ReadCodes(o, "awardees", 0, kMaxAwardees, d.awardees); !s) return s.error();
  return d;
}

Result<app::VillageFactDraft> ReadVillageFactDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"unit", "kind", "as_of", "value"}); !s) return s.error();
  app::VillageFactDraft d;
  if (auto s = RequireString(o, "unit", d.unit); !s) return s.error();
  std::string kind;
  if (auto s = RequireString(o, "kind", kind); !s) return s.error();
  auto k = ParseFactKind(kind);
  if (!k) return Error::Invalid("unknown kind " + kind, "kind");
  d.fact.kind = *k;
  std::optional<Date> as_of;
  if (auto s = ReadDate(o, "as_of", as_of); !s) return s.error();
  if (!as_of) return Error::Invalid("as_of is required", "as_of");
  d.fact.as_of = *as_of;
  std::optional<int64_t> value;
  if (auto s = ReadInt(o, "value", value, 0, 100000); !s) return s.error();
  if (!value) return Error::Invalid("value is required", "value");
  d.fact.value = *value;
  return d;
}

json::object VillageFactJson(const app::VillageFactView& v, const app::Registry& reg) {
  return {{"id", v.fact.id},
          {"unit", UnitOf(reg, v.fact.unit_id)},
          {"kind", ToString(v.fact.kind)},
          {"as_of", FormatDate(v.fact.as_of)},
          {"value", v.fact.value}};
}

json::object VillageFactsJson(const app::VillageFactsReport& r, const app::Registry& reg) {
  json::object facts;
  for (const auto& [kind, f] : r.figures) {
    json::object one{{"value", f.value}, {"villages", f.villages}};
    if (BaseOf(kind) != FactBase::kNone) {
      one["of"] = f.base;
      one["rate"] = f.rate ? json::value(FormatRate(*f.rate)) : json::value(nullptr);
    }
    if (f.from_records > 0) one["villages_from_household_records"] = f.from_records;
    facts[ToString(kind)] = std::move(one);
  }
  return {{"unit", UnitOf(reg, r.unit->id)},
          {"at", FormatDate(r.at)},
          {"villages", r.villages},
          {"facts", std::move(facts)}};
}

json::object ReflectionJson(const app::ReflectionReport& r) {
  json::object out{{"organization", json::object{{"code", r.organization_code},
                                                 {"name", r.organization_name},
                                                 {"kind", ToString(r.kind)},
                                                 {"unit", r.unit_code}}},
                   {"from", FormatDate(r.from)},
                   {"to", FormatDate(r.to)},
                   {"members", r.members},
                   {"prestigious", r.prestigious}};
  out["reflections"] = TallyJson(r.group);
  if (!r.by_member.empty()) {
    json::array members;
    for (const app::MemberReflections& m : r.by_member) {
      json::object row{
          {"person", m.person_code}, {"name", m.person_name}, {"prestigious", m.prestigious}};
      row["reflections"] = TallyJson(m.tally);
      members.push_back(std::move(row));
    }
    out["by_member"] = std::move(members);
  }
  return out;
}

json::object AwardCycleJson(const app::AwardCycleView& v, const app::Registry& reg) {
  const AwardCycle& c = v.cycle;
  json::array criteria;
  for (const AwardCriterion& k : c.criteria) {
    criteria.push_back(json::object{{"measure", ToString(k.measure)}, {"weight", k.weight}});
  }
  return {{"code", c.code},
          {"title", c.title},
          {"unit", UnitOf(reg, c.unit_id)},
          {"from", FormatDate(c.from)},
          {"to", FormatDate(c.to)},
          {"kind", c.kind ? json::value(ToString(*c.kind)) : json::value(nullptr)},
          {"criteria", std::move(criteria)},
          {"places", c.places ? json::value(*c.places) : json::value(nullptr)},
          {"decision", DecisionJson(c.decision)},
          {"nominated", v.nominated},
          {"awarded", v.awarded}};
}

json::object RankingRowJson(const app::RankingRow& row) {
  json::array lines;
  for (const ScoreLine& l : row.ranked.lines) {
    lines.push_back(json::object{{"measure", ToString(l.measure)},
                                 {"value", l.value},
                                 {"weight", l.weight},
                                 {"points", l.points}});
  }
  return {{"rank", row.ranked.rank > 0 ? json::value(row.ranked.rank) : json::value(nullptr)},
          {"tied", row.ranked.tied},
          {"person", row.person_code},
          {"name", row.person_name},
          {"unit", row.unit_code},
          {"score", row.ranked.score},
          {"explanation", std::move(lines)},
          {"nominated", row.nominated},
          {"awarded", row.awarded}};
}

json::object RankingJson(const app::AwardRanking& r, const app::Registry& reg) {
  json::array rows;
  for (const app::RankingRow& row : r.rows) rows.push_back(RankingRowJson(row));
  const int64_t next = r.offset + static_cast<int64_t>(r.rows.size());
  return {{"cycle", AwardCycleJson(r.cycle, reg)},
          {"unit", r.unit_code},
          {"kind", r.kind ? json::value(ToString(*r.kind)) : json::value(nullptr)},
          {"total", r.total},
          {"offset", r.offset},
          {"next_offset", next < r.total ? json::value(next) : json::value(nullptr)},
          {"ranking", std::move(rows)}};
}

json::object AwardeesJson(const app::AwardeeList& l, const app::Registry& reg) {
  json::array rows;
  for (const app::Awardee& a : l.awardees) {
    rows.push_back(
        json::object{{"person", a.person_code},
                     {"name", a.name},
                     {"unit", json::object{{"code", a.unit_code}, {"name", a.unit_name}}}});
  }
  return {{"cycle", AwardCycleJson(l.cycle, reg)}, {"awardees", std::move(rows)}};
}

Result<std::string> CertificateHtml(const app::AwardeeList& l, std::string_view person,
                                    std::string_view lang) {
  const app::Awardee* who = nullptr;
  for (const app::Awardee& a : l.awardees) {
    if (a.person_code == person) who = &a;
  }
  const AwardCycle& c = l.cycle.cycle;
  if (who == nullptr || !c.decision) {
    return Error::NotFound("no awardee " + std::string(person) + " in " + c.code);
  }
  const CertificateWords w = WordsFor(lang);
  std::string html =
      "<!doctype html><html lang=\"" + Escape(lang) + "\"><head><meta charset=\"utf-8\"><title>" +
      Escape(w.heading) + " - " + Escape(who->name) +
      "</title><style>"
      "body{font-family:serif;margin:0;display:flex;justify-content:center}"
      "main{border:6px double #8a1c1c;margin:2cm;padding:2cm;max-width:20cm;text-align:center}"
      "h1{color:#8a1c1c;text-transform:uppercase;letter-spacing:.1em}"
      ".name{font-size:2em;font-weight:bold;margin:.5em 0}"
      "@page{size:A4 landscape;margin:0}"
      "</style></head><body><main><h1>" +
      Escape(w.heading) + "</h1><p>" + Escape(w.awarded_to) + "</p><p class=\"name\">" +
      Escape(who->name) + "</p><p>" + Escape(who->unit_name) + "</p><p>" + Escape(w.for_cycle) +
      "</p><p><strong>" + Escape(c.title) + "</strong></p><p>" + Escape(c.decision->title) +
      "</p><p>" + Escape(w.decision) + " " + Escape(c.decision->number) + " " + Escape(w.dated) +
      " " + DateFor(c.decision->date, lang) + "</p></main></body></html>";
  return html;
}

}  // namespace jembatan::http
