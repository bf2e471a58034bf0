#include "http/registry/registry_json.h"

#include "http/json_codec.h"

namespace jembatan::http {
namespace json = boost::json;
namespace {

json::value DateOrNull(const std::optional<Date>& d) {
  return d ? json::value(FormatDate(*d)) : json::value(nullptr);
}

json::value UnitOf(const app::Registry& reg, int64_t id) {
  return UnitRef(reg, id, json::storage_ptr());
}

json::value RateOrNull(const std::optional<Rate>& r) {
  return r ? json::value(FormatRate(*r)) : json::value(nullptr);
}

}  // namespace

Result<app::OrganizationDraft> ReadOrganizationDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"code", "kind", "name", "unit", "parent", "valid_from", "valid_to"});
      !s) {
    return s.error();
  }
  app::OrganizationDraft d;
  std::string kind;
  if (auto s = RequireString(o, "code", d.organization.code); !s) return s.error();
  if (auto s = RequireString(o, "kind", kind); !s) return s.error();
  auto k = ParseOrganizationKind(kind);
  if (!k) return Error::Invalid("unknown kind " + kind, "kind");
  d.organization.kind = *k;
  if (auto s = RequireString(o, "name", d.organization.name); !s) return s.error();
  if (auto s = RequireString(o, "unit", d.unit); !s) return s.error();
  if (auto s = ReadString(o, "parent", d.parent); !s) return s.error();
  if (auto s = ReadDate(o, "valid_from", d.organization.valid_from); !s) return s.error();
  if (auto s = ReadDate(o, "valid_to", d.organization.valid_to); !s) return s.error();
  return d;
}

Result<app::PersonDraft> ReadPersonDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"code", "name", "sex", "birth_year", "ethnic_group", "unit",
                              "household", "phone", "party_member", "prestigious", "user"});
      !s) {
    return s.error();
  }
  app::PersonDraft d;
  Person& p = d.person;
  if (auto s = RequireString(o, "code", p.code); !s) return s.error();
  if (auto s = RequireString(o, "name", p.name); !s) return s.error();
  std::string sex;
  if (auto s = ReadString(o, "sex", sex); !s) return s.error();
  if (!sex.empty()) {
    p.sex = ParseSex(sex);
    if (!p.sex) return Error::Invalid("sex is female, male or other", "sex");
  }
  std::optional<int64_t> year;
  if (auto s = ReadInt(o, "birth_year", year, 1900, 2100); !s) return s.error();
  if (year) p.birth_year = static_cast<int>(*year);
  if (auto s = ReadString(o, "ethnic_group", p.ethnic_group); !s) return s.error();
  if (auto s = RequireString(o, "unit", d.unit); !s) return s.error();
  if (auto s = ReadString(o, "household", d.household); !s) return s.error();
  if (auto s = ReadString(o, "phone", p.phone); !s) return s.error();
  if (auto s = ReadBool(o, "party_member", p.party_member); !s) return s.error();
  if (auto s = ReadBool(o, "prestigious", p.prestigious); !s) return s.error();
  if (auto s = ReadString(o, "user", d.user); !s) return s.error();
  return d;
}

Result<app::HouseholdDraft> ReadHouseholdDraft(const json::object& o) {
  if (auto s = OnlyFields(
          o, {"code", "unit", "head_name", "size", "phone", "poverty", "poverty_assessed"});
      !s) {
    return s.error();
  }
  app::HouseholdDraft d;
  Household& h = d.household;
  if (auto s = RequireString(o, "code", h.code); !s) return s.error();
  if (auto s = RequireString(o, "unit", d.unit); !s) return s.error();
  if (auto s = RequireString(o, "head_name", h.head_name); !s) return s.error();
  std::optional<int64_t> size;
  if (auto s = ReadInt(o, "size", size, 1, 60); !s) return s.error();
  if (!size) return Error::Invalid("size is required", "size");
  h.size = static_cast<int>(*size);
  if (auto s = ReadString(o, "phone", h.phone); !s) return s.error();
  std::string poverty;
  if (auto s = ReadString(o, "poverty", poverty); !s) return s.error();
  if (!poverty.empty()) {
    auto pv = ParsePoverty(poverty);
    if (!pv) return Error::Invalid("poverty is none, near_poor or poor", "poverty");
    h.poverty = *pv;
  }
  if (auto s = ReadDate(o, "poverty_assessed", h.poverty_assessed); !s) return s.error();
  return d;
}

Result<app::PositionDraft> ReadPositionDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"person", "title", "organization", "unit", "from", "to", "elected"});
      !s) {
    return s.error();
  }
  app::PositionDraft d;
  if (auto s = RequireString(o, "person", d.person); !s) return s.error();
  std::string title;
  if (auto s = RequireString(o, "title", title); !s) return s.error();
  auto t = ParseTitle(title);
  if (!t) return Error::Invalid("unknown title " + title, "title");
  d.position.title = *t;
  if (auto s = ReadString(o, "organization", d.organization); !s) return s.error();
  if (auto s = ReadString(o, "unit", d.unit); !s) return s.error();
  std::optional<Date> from;
  if (auto s = ReadDate(o, "from", from); !s) return s.error();
  if (!from) return Error::Invalid("from is required", "from");
  d.position.from = *from;
  if (auto s = ReadDate(o, "to", d.position.to); !s) return s.error();
  if (auto s = ReadBool(o, "elected", d.position.elected); !s) return s.error();
  return d;
}

Result<app::ElectionDraft> ReadElectionDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"code", "unit", "term_from", "term_to", "planned_on", "candidates"});
      !s) {
    return s.error();
  }
  app::ElectionDraft d;
  if (auto s = RequireString(o, "code", d.election.code); !s) return s.error();
  if (auto s = RequireString(o, "unit", d.unit); !s) return s.error();
  for (const char* key : {"term_from", "term_to", "planned_on"}) {
    std::optional<Date> day;
    if (auto s = ReadDate(o, key, day); !s) return s.error();
    if (!day) return Error::Invalid(std::string(key) + " is required", key);
    Date& into = std::string_view(key) == "term_from" ? d.election.term_from
                 : std::string_view(key) == "term_to" ? d.election.term_to
                                                      : d.election.planned_on;
    into = *day;
  }
  constexpr size_t kMaxCandidates = 20;
  if (auto s = ReadCodes(o, "candidates", 1, kMaxCandidates, d.candidates); !s) return s.error();
  return d;
}

Result<app::ElectionResultDraft> ReadElectionResult(const json::object& o) {
  if (auto s = OnlyFields(o, {"held_on", "households_voting", "votes"}); !s) return s.error();
  app::ElectionResultDraft r;
  std::optional<Date> held;
  if (auto s = ReadDate(o, "held_on", held); !s) return s.error();
  if (!held) return Error::Invalid("held_on is required", "held_on");
  r.held_on = *held;
  std::optional<int64_t> households;
  if (auto s = ReadInt(o, "households_voting", households, 1, 1000000); !s) return s.error();
  if (!households) return Error::Invalid("households_voting is required", "households_voting");
  r.households_voting = *households;
  auto it = o.find("votes");
  if (it == o.end() || !it->value().is_object()) {
    return Error::Invalid("votes: {person code: number of votes}", "votes");
  }
  for (const auto& [code, n] : it->value().get_object()) {
    if (!n.is_int64() || n.get_int64() < 0 || n.get_int64() > 10000000) {
      return Error::Invalid("votes: whole numbers of 0 or more", "votes");
    }
    r.votes[std::string(code)] = n.get_int64();
  }
  return r;
}

json::object ElectionJson(const app::ElectionView& v, const app::Registry&) {
  const Election& e = v.election;
  json::array candidates;
  for (const auto& c : v.candidates) {
    candidates.push_back(json::object{
        {"code", c.code}, {"name", c.name}, {"votes", c.votes ? json::value(*c.votes) : nullptr}});
  }
  return {{"code", e.code},
          {"unit", v.unit_code},
          {"term_from", FormatDate(e.term_from)},
          {"term_to", FormatDate(e.term_to)},
          {"planned_on", FormatDate(e.planned_on)},
          {"held_on", DateOrNull(e.held_on)},
          {"households_voting",
           e.households_voting ? json::value(*e.households_voting) : json::value(nullptr)},
          {"candidates", std::move(candidates)},
          {"winner", v.winner_code.empty() ? json::value(nullptr) : json::value(v.winner_code)},
          {"position_id", e.position_id ? json::value(*e.position_id) : json::value(nullptr)}};
}

Result<app::CampaignDraft> ReadCampaignDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"code", "kind", "title", "unit", "from", "to", "goal_people",
                              "goal_workdays", "organizers"});
      !s) {
    return s.error();
  }
  app::CampaignDraft d;
  Campaign& c = d.campaign;
  if (auto s = RequireString(o, "code", c.code); !s) return s.error();
  std::string kind;
  if (auto s = RequireString(o, "kind", kind); !s) return s.error();
  auto k = ParseCampaignKind(kind);
  if (!k) return Error::Invalid("unknown kind " + kind, "kind");
  c.kind = *k;
  if (auto s = RequireString(o, "title", c.title); !s) return s.error();
  if (auto s = RequireString(o, "unit", d.unit); !s) return s.error();
  std::optional<Date> from, to;
  if (auto s = ReadDate(o, "from", from); !s) return s.error();
  if (auto s = ReadDate(o, "to", to); !s) return s.error();
  if (!from || !to) return Error::Invalid("from and to are required", from ? "to" : "from");
  c.from = *from;
  c.to = *to;
  constexpr int64_t kMaxGoal = 100000000;
  if (auto s = ReadInt(o, "goal_people", c.goal_people, 1, kMaxGoal); !s) return s.error();
  if (auto s = ReadInt(o, "goal_workdays", c.goal_workdays, 1, kMaxGoal); !s) return s.error();
  constexpr size_t kMaxOrganizers = 20;
  if (auto s = ReadCodes(o, "organizers", 0, kMaxOrganizers, d.organizers); !s) return s.error();
  return d;
}

Result<app::ParticipationDraft> ReadParticipationDraft(const json::object& o) {
  if (auto s = OnlyFields(o, {"person", "unit", "headcount", "from", "to", "days", "role"}); !s) {
    return s.error();
  }
  app::ParticipationDraft d;
  if (auto s = ReadString(o, "person", d.person); !s) return s.error();
  if (auto s = ReadString(o, "unit", d.unit); !s) return s.error();
  if (d.person.empty() == d.unit.empty()) {
    return Error::Invalid("a person, or a unit with a headcount", "person");
  }
  std::optional<int64_t> headcount;
  if (auto s = ReadInt(o, "headcount", headcount, 1, 100000); !s) return s.error();
  d.attendance.headcount = headcount.value_or(1);
  if (auto s = ReadDate(o, "from", d.attendance.from); !s) return s.error();
  if (auto s = ReadDate(o, "to", d.attendance.to); !s) return s.error();
  if (auto s = ReadInt(o, "days", d.attendance.days, 1, 100000); !s) return s.error();
  if (auto s = ReadString(o, "role", d.role); !s) return s.error();
  return d;
}

json::object CampaignJson(const app::CampaignView& v, const app::Registry&) {
  const Campaign& c = v.campaign;
  json::array organizers;
  for (const std::string& code : v.organizer_codes) organizers.push_back(json::value(code));
  return {{"code", c.code},
          {"kind", ToString(c.kind)},
          {"title", c.title},
          {"unit", v.unit_code},
          {"from", FormatDate(c.from)},
          {"to", FormatDate(c.to)},
          {"goal_people", c.goal_people ? json::value(*c.goal_people) : json::value(nullptr)},
          {"goal_workdays", c.goal_workdays ? json::value(*c.goal_workdays) : json::value(nullptr)},
          {"organizers", std::move(organizers)}};
}

json::object ParticipationJson(const app::ParticipationView& v, const app::Registry&) {
  const Participation& p = v.participation;
  json::value person = nullptr;
  if (p.person_id) person = json::object{{"code", v.person_code}, {"name", v.person_name}};
  return {{"id", p.id},
          {"person", person},
          {"unit", v.unit_code},
          {"headcount", p.attendance.headcount},
          {"from", DateOrNull(p.attendance.from)},
          {"to", DateOrNull(p.attendance.to)},
          {"days", p.attendance.days ? json::value(*p.attendance.days) : json::value(nullptr)},
          {"workdays", p.workdays},
          {"role", p.role},
          {"confirmed", p.confirmed},
          {"source", p.source}};
}

namespace {
json::object CountJson(const MobilizationCount& c) {
  return {{"people", c.people()},
          {"named", c.named},
          {"headcount", c.headcount},
          {"workdays", c.workdays}};
}
json::object CountsJson(const std::map<std::string, MobilizationCount>& by) {
  json::object out;
  for (const auto& [k, c] : by) out[k] = CountJson(c);
  return out;
}
}  // namespace

json::object MobilizationJson(const app::MobilizationReport& r, const app::Registry& reg) {
  return {{"unit", UnitOf(reg, r.unit->id)},
          {"from", FormatDate(r.from)},
          {"to", FormatDate(r.to)},
          {"campaign", r.campaign.empty() ? json::value(nullptr) : json::value(r.campaign)},
          {"total", CountJson(r.totals.total)},
          {"by_campaign_kind", CountsJson(r.totals.by_campaign_kind)},
          {"by_organization_kind", CountsJson(r.totals.by_organization_kind)}};
}

json::object OrganizationJson(const Organization& o, const app::Registry& reg) {
  return {{"code", o.code},
          {"kind", ToString(o.kind)},
          {"name", o.name},
          {"unit", UnitOf(reg, o.unit_id)},
          {"valid_from", DateOrNull(o.valid_from)},
          {"valid_to", DateOrNull(o.valid_to)}};
}

json::object PersonJson(const Person& p, const app::Registry& reg) {
  return {{"code", p.code},
          {"name", p.name},
          {"sex", p.sex ? json::value(ToString(*p.sex)) : json::value(nullptr)},
          {"birth_year", p.birth_year ? json::value(*p.birth_year) : json::value(nullptr)},
          {"ethnic_group", p.ethnic_group},
          {"unit", UnitOf(reg, p.unit_id)},
          {"phone", p.phone},
          {"party_member", p.party_member},
          {"prestigious", p.prestigious},
          {"has_account", p.user_id.has_value()}};
}

json::object PersonViewJson(const app::PersonView& v, const app::Registry& reg) {
  json::object o = PersonJson(v.person, reg);
  o["household"] = v.household_code.empty() ? json::value(nullptr) : json::value(v.household_code);
  json::array positions;
  for (const Position& p : v.positions) {
    positions.push_back(json::object{{"id", p.id},
                                     {"title", ToString(p.title)},
                                     {"from", FormatDate(p.from)},
                                     {"to", DateOrNull(p.to)},
                                     {"elected", p.elected}});
  }
  o["positions"] = std::move(positions);
  return o;
}

json::object HouseholdJson(const Household& h, const app::Registry& reg) {
  return {{"code", h.code},
          {"unit", UnitOf(reg, h.unit_id)},
          {"head_name", h.head_name},
          {"size", h.size},
          {"phone", h.phone},
          {"poverty", ToString(h.poverty)},
          {"poverty_assessed", DateOrNull(h.poverty_assessed)}};
}

json::object PositionJson(const app::PositionView& v) {
  const Position& p = v.position;
  return {{"id", p.id},
          {"person", json::object{{"code", v.person_code}, {"name", v.person_name}}},
          {"title", ToString(p.title)},
          {"organization",
           v.organization_code.empty() ? json::value(nullptr) : json::value(v.organization_code)},
          {"unit", v.unit_code},
          {"from", FormatDate(p.from)},
          {"to", DateOrNull(p.to)},
          {"elected", p.elected}};
}

json::object ConcurrencyJson(const app::ConcurrencyReport& r, const app::Registry& reg) {
  json::array without;
  for (const Unit* u : r.without) {
    if (u != nullptr) without.push_back(UnitOf(reg, u->id));
  }
  json::array trend;
  for (const auto& m : r.trend) {
    trend.push_back(json::object{{"at", FormatDate(m.at)},
                                 {"concurrent", m.figure.concurrent},
                                 {"villages", m.figure.villages},
                                 {"rate", RateOrNull(m.figure.rate)}});
  }
  json::array parts;
  for (const auto& p : r.by_unit) {
    parts.push_back(json::object{{"unit", UnitOf(reg, p.unit->id)},
                                 {"concurrent", p.figure.concurrent},
                                 {"villages", p.figure.villages},
                                 {"rate", RateOrNull(p.figure.rate)}});
  }
  return {{"unit", UnitOf(reg, r.unit->id)},
          {"at", FormatDate(r.at)},
          {"concurrent", r.figure.concurrent},
          {"villages", r.figure.villages},
          {"rate", RateOrNull(r.figure.rate)},
          {"target",
           json::object{{"rate", FormatRate(r.target.rate)}, {"by", FormatDate(r.target.by)}}},
          {"gap", RateOrNull(r.gap)},
          {"without", std::move(without)},
          {"trend", std::move(trend)},
          {"by_unit", std::move(parts)}};
}

}  // namespace jembatan::http
