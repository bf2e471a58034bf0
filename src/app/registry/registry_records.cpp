#include "app/registry/registry_records.h"

#include "app/registry/registry_resolve.h"
#include "core/common/validation.h"
#include "core/registry/registry_access.h"
#include "store/store.h"

namespace jembatan::app {

Result<const Unit*> UnitNamed(const Registry& reg, const std::string& code, const char* field) {
  const Unit* u = reg.units.ResolveLive(code);
  if (u == nullptr) return Error::Unknown("unknown unit " + code, field);
  return u;
}

Status InScope(const Registry& reg, const Principal* who, const Unit& unit) {
  if (who == nullptr || MayManageRegistry(reg.units, *who, unit)) return Status::Ok();
  return Error::Forbidden("unit " + unit.code + " is outside your unit");
}

Result<const Unit*> ManagedUnit(const Registry& reg, const Principal* who,
                                const std::string& code) {
  auto unit = UnitNamed(reg, code, "unit");
  if (!unit) return unit.error();
  if (auto s = InScope(reg, who, **unit); !s) return s.error();
  return unit;
}

std::string UnitCode(const Registry& reg, int64_t id) {
  const Unit* u = reg.units.FindById(id);
  return u ? u->code : std::string();
}

std::optional<int64_t> SubtreeOf(const Unit& unit) {
  return unit.parent_id ? std::optional<int64_t>(unit.id) : std::nullopt;
}

namespace {

store::RegistryPage StorePage(ListPage p) { return {p.after, p.limit}; }

}  // namespace

bool Manages(const Registry& reg, const Principal* who, int64_t unit_id) {
  const Unit* u = reg.units.FindById(unit_id);
  return u != nullptr && (who == nullptr || MayManageRegistry(reg.units, *who, *u));
}

Result<const Unit*> ListRoot(const Registry& reg, const Principal& who, const Unit* unit) {
  const Unit* root = unit != nullptr ? unit : who.unit;
  if (root == nullptr) return Error::Forbidden("no unit");
  if (auto s = InScope(reg, &who, *root); !s) return s.error();
  return root;
}

Result<Organization> ResolveOrganization(ReadTx& tx, const Registry& reg, const Principal* who,
                                         const OrganizationDraft& draft) {
  Organization o = draft.organization;
  if (auto s = ValidateOrganization(o); !s) return s.error();
  auto unit = UnitNamed(reg, draft.unit, "unit");
  if (!unit) return unit.error();
  if (auto s = InScope(reg, who, **unit); !s) return s.error();
  o.unit_id = (*unit)->id;
  o.parent_id.reset();
  if (!draft.parent.empty()) {
    auto parent = tx.registry().FindOrganization(draft.parent);
    if (!parent) return parent.error();
    if (!*parent) return Error::Unknown("unknown organization " + draft.parent, "parent");
    o.parent_id = (*parent)->id;
  }
  return o;
}

Result<Organization> CreateOrganization(WriteTx& tx, const Registry& reg, const Principal* who,
                                        const OrganizationDraft& draft, Date) {
  auto resolved = ResolveOrganization(tx, reg, who, draft);
  if (!resolved) return resolved.error();
  Organization o = std::move(*resolved);
  auto id = tx.registry().InsertOrganization(o);
  if (!id) return id.error();
  o.id = *id;
  return o;
}

Result<Household> ResolveHousehold(const Registry& reg, const Principal* who,
                                   const HouseholdDraft& draft, Date today) {
  Household h = draft.household;
  if (!h.phone.empty()) h.phone = NormalizePhone(h.phone);
  if (auto s = ValidateHousehold(h, today); !s) return s.error();
  auto unit = UnitNamed(reg, draft.unit, "unit");
  if (!unit) return unit.error();
  if (auto s = InScope(reg, who, **unit); !s) return s.error();
  h.unit_id = (*unit)->id;
  return h;
}

Result<Household> CreateHousehold(WriteTx& tx, const Registry& reg, const Principal* who,
                                  const HouseholdDraft& draft, Date today) {
  auto resolved = ResolveHousehold(reg, who, draft, today);
  if (!resolved) return resolved.error();
  Household h = std::move(*resolved);
  auto id = tx.registry().InsertHousehold(h);
  if (!id) return id.error();
  h.id = *id;
  return h;
}

Result<Person> ResolvePerson(ReadTx& tx, const Registry& reg, const Principal* who,
                             const PersonDraft& draft, Date today,
                             const std::map<std::string, Household>* households) {
  Person p = draft.person;
  if (!p.phone.empty()) p.phone = NormalizePhone(p.phone);
  if (auto s = ValidatePerson(p, today); !s) return s.error();
  auto unit = UnitNamed(reg, draft.unit, "unit");
  if (!unit) return unit.error();
  if (auto s = InScope(reg, who, **unit); !s) return s.error();
  p.unit_id = (*unit)->id;
  p.household_id.reset();
  p.user_id.reset();
  if (!draft.household.empty()) {
    std::optional<Household> h;
    if (households != nullptr) {
      if (auto it = households->find(draft.household); it != households->end()) h = it->second;
    } else {
      auto found = tx.registry().FindHousehold(draft.household);
      if (!found) return found.error();
      h = std::move(*found);
    }
    if (!h || !Manages(reg, who, h->unit_id)) {
      return Error::Unknown("unknown household " + draft.household, "household");
    }
    p.household_id = h->id;
  }
  if (!draft.user.empty()) {
    auto u = tx.accounts().FindUserByName(draft.user);
    if (!u) return u.error();
    if (!*u || !Manages(reg, who, (*u)->unit_id)) {
      return Error::Unknown("unknown user " + draft.user, "user");
    }
    p.user_id = (*u)->id;
  }
  return p;
}

Result<Person> CreatePerson(WriteTx& tx, const Registry& reg, const Principal* who,
                            const PersonDraft& draft, Date today) {
  auto resolved = ResolvePerson(tx, reg, who, draft, today);
  if (!resolved) return resolved.error();
  Person p = std::move(*resolved);
  auto id = tx.registry().InsertPerson(p);
  if (!id) return id.error();
  p.id = *id;
  return p;
}

Result<ResolvedPosition> ResolvePosition(ReadTx& tx, const Registry& reg, const Principal* who,
                                         const PositionDraft& draft) {
  Position p = draft.position;
  auto person = tx.registry().FindPerson(draft.person);
  if (!person) return person.error();
  if (!*person || !Manages(reg, who, (*person)->unit_id)) {
    return Error::Unknown("unknown person " + draft.person, "person");
  }
  p.person_id = (*person)->id;
  p.organization_id.reset();
  p.unit_id.reset();
  if (draft.organization.empty() == draft.unit.empty()) {
    return Error::Invalid("a post is in one organization or in one unit", "organization");
  }
  int64_t place = 0;
  if (!draft.organization.empty()) {
    auto org = tx.registry().FindOrganization(draft.organization);
    if (!org) return org.error();
    if (!*org) return Error::Unknown("unknown organization " + draft.organization, "organization");
    p.organization_id = (*org)->id;
    place = (*org)->unit_id;
  } else {
    auto unit = UnitNamed(reg, draft.unit, "unit");
    if (!unit) return unit.error();
    p.unit_id = (*unit)->id;
    place = (*unit)->id;
  }
  if (auto s = InScope(reg, who, *reg.units.FindById(place)); !s) return s.error();
  return ResolvedPosition{p, place, **person};
}

Status CheckAgainstStoredTerms(ReadTx& tx, const Position& p, int64_t place) {
  store::PositionFilter same;
  if (p.organization_id) {
    same.organization_id = p.organization_id;
  } else {
    same.post_unit_id = place;
  }
  same.titles = {p.title};
  auto existing = tx.registry().ListPositions(same);
  if (!existing) return existing.error();
  return CheckNewPosition(p, *existing);
}

Result<PositionView> CreatePosition(WriteTx& tx, const Registry& reg, const Principal* who,
                                    const PositionDraft& draft) {
  auto resolved = ResolvePosition(tx, reg, who, draft);
  if (!resolved) return resolved.error();
  Position p = resolved->position;
  const int64_t place = resolved->place;
  if (auto s = CheckAgainstStoredTerms(tx, p, place); !s) return s.error();
  auto id = tx.registry().InsertPosition(p, place);
  if (!id) return id.error();
  p.id = *id;
  return PositionView{p, resolved->person.code, resolved->person.name, draft.organization,
                      reg.units.FindById(place)->code};
}

Result<Position> EndPosition(WriteTx& tx, const Registry& reg, const Principal* who, int64_t id,
                             Date to) {
  auto p = tx.registry().GetPosition(id);
  if (!p) return p.error();
  if (!*p) return Error::NotFound("no position " + std::to_string(id));
  Position pos = **p;
  int64_t place = pos.unit_id.value_or(0);
  if (pos.organization_id) {
    auto org = tx.registry().GetOrganization(*pos.organization_id);
    if (!org) return org.error();
    if (*org) place = (*org)->unit_id;
  }
  if (!Manages(reg, who, place)) {
    return Error::NotFound("no position " + std::to_string(id));
  }
  if (pos.to) return Error::Conflict("this term already ended on " + FormatDate(*pos.to));
  if (to < pos.from) return Error::Invalid("a term ends on or after the day it begins", "to");
  if (auto s = tx.registry().EndPosition(id, to); !s) return s.error();
  pos.to = to;
  return pos;
}

Result<std::vector<Organization>> ListOrganizations(ReadTx& tx, const Registry& reg,
                                                    const Principal& who, const Unit* unit,
                                                    std::optional<OrganizationKind> kind,
                                                    ListPage page) {
  auto root = ListRoot(reg, who, unit);
  if (!root) return root.error();
  return tx.registry().ListOrganizations((*root)->id, kind, StorePage(page));
}

Result<std::vector<Person>> ListPeople(ReadTx& tx, const Registry& reg, const Principal& who,
                                       const Unit* unit, ListPage page) {
  auto root = ListRoot(reg, who, unit);
  if (!root) return root.error();
  return tx.registry().ListPeople((*root)->id, StorePage(page));
}

Result<std::vector<Household>> ListHouseholds(ReadTx& tx, const Registry& reg, const Principal& who,
                                              const Unit* unit, ListPage page) {
  auto root = ListRoot(reg, who, unit);
  if (!root) return root.error();
  return tx.registry().ListHouseholds((*root)->id, StorePage(page));
}

Result<Organization> GetOrganization(ReadTx& tx, const Registry& reg, const Principal& who,
                                     std::string_view code) {
  auto o = tx.registry().FindOrganization(code);
  if (!o) return o.error();
  if (!*o || !Manages(reg, &who, (*o)->unit_id)) {
    return Error::NotFound("no organization " + std::string(code));
  }
  return **o;
}

Result<PersonView> GetPerson(ReadTx& tx, const Registry& reg, const Principal& who,
                             std::string_view code) {
  auto p = tx.registry().FindPerson(code);
  if (!p) return p.error();
  if (!*p || !Manages(reg, &who, (*p)->unit_id)) {
    return Error::NotFound("no person " + std::string(code));
  }
  PersonView view{**p, {}, {}};
  if (view.person.household_id) {
    auto h = tx.registry().GetHousehold(*view.person.household_id);
    if (!h) return h.error();
    if (*h) view.household_code = (*h)->code;
  }
  store::PositionFilter mine;
  mine.person_id = view.person.id;
  auto positions = tx.registry().ListPositions(mine);
  if (!positions) return positions.error();
  view.positions = std::move(*positions);
  return view;
}

Result<Household> GetHousehold(ReadTx& tx, const Registry& reg, const Principal& who,
                               std::string_view code) {
  auto h = tx.registry().FindHousehold(code);
  if (!h) return h.error();
  if (!*h || !Manages(reg, &who, (*h)->unit_id)) {
    return Error::NotFound("no household " + std::string(code));
  }
  return **h;
}

Result<std::vector<PositionView>> ListPositions(ReadTx& tx, const Registry& reg,
                                                const Principal& who, const PositionQuery& q) {
  auto root = ListRoot(reg, who, q.unit);
  if (!root) return root.error();
  store::PositionFilter f;
  f.unit_id = (*root)->id;
  if (!q.person.empty()) {
    auto p = tx.registry().FindPerson(q.person);
    if (!p) return p.error();
    if (!*p) return Error::Unknown("unknown person " + q.person, "person");
    f.person_id = (*p)->id;
  }
  if (!q.organization.empty()) {
    auto o = tx.registry().FindOrganization(q.organization);
    if (!o) return o.error();
    if (!*o) return Error::Unknown("unknown organization " + q.organization, "organization");
    f.organization_id = (*o)->id;
  }
  f.from = q.at;
  f.to = q.at;
  f.after = q.page.after;
  f.limit = q.page.limit;
  auto positions = tx.registry().ListPositions(f);
  if (!positions) return positions.error();
  std::vector<PositionView> out;
  out.reserve(positions->size());
  for (const Position& p : *positions) {
    PositionView v;
    auto person = tx.registry().GetPerson(p.person_id);
    if (!person) return person.error();
    if (*person) {
      v.person_code = (*person)->code;
      v.person_name = (*person)->name;
    }
    int64_t place = p.unit_id.value_or(0);
    if (p.organization_id) {
      auto org = tx.registry().GetOrganization(*p.organization_id);
      if (!org) return org.error();
      if (*org) {
        v.organization_code = (*org)->code;
        place = (*org)->unit_id;
      }
    }
    if (const Unit* u = reg.units.FindById(place)) v.unit_code = u->code;
    v.position = p;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace jembatan::app
