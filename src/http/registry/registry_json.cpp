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
  return {{"unit", UnitOf(reg, r.unit->id)},
          {"at", FormatDate(r.at)},
          {"concurrent", r.figure.concurrent},
          {"villages", r.figure.villages},
          {"rate", RateOrNull(r.figure.rate)},
          {"target",
           json::object{{"rate", FormatRate(r.target.rate)}, {"by", FormatDate(r.target.by)}}},
          {"gap", RateOrNull(r.gap)},
          {"without", std::move(without)},
          {"trend", std::move(trend)}};
}

}  // namespace jembatan::http
