// Internal to app/registry: a draft (references by code) checked and turned into the record it
// stands for, within the caller's scope, without storing it. Creating a record and importing a
// CSV row share these, so a row is held to the same rules as an API call.
#pragma once

#include <map>

#include "app/registry/elections.h"
#include "app/registry/registry_records.h"

namespace jembatan::app {

// Whether `who` manages the registry of the unit `unit_id` (core/registry/registry_access.h);
// `who` null is the command line, which manages every unit.
bool Manages(const Registry& reg, const Principal* who, int64_t unit_id);
// The same as a refusal: kForbidden ("unit … is outside your unit") unless `who` manages `unit`.
Status InScope(const Registry& reg, const Principal* who, const Unit& unit);
// The live unit `code` names (an old code resolves to its successor), for the draft's `field`:
// kUnknownReference for none.
Result<const Unit*> UnitNamed(const Registry& reg, const std::string& code, const char* field);
// Both: the live unit of a draft's "unit" field, managed by `who`.
Result<const Unit*> ManagedUnit(const Registry& reg, const Principal* who, const std::string& code);
// A unit's code; "" for none.
std::string UnitCode(const Registry& reg, int64_t id);
// The subtree a store query walks for `unit`: none for the province, which is everyone.
std::optional<int64_t> SubtreeOf(const Unit& unit);
// The root of a list: `unit`, or the caller's own unit when null; kForbidden outside it.
Result<const Unit*> ListRoot(const Registry& reg, const Principal& who, const Unit* unit);
// An election as replies and exports show it: unit and candidates by code and name.
Result<ElectionView> ElectionViewOf(ReadTx& tx, const Registry& reg, Election e);

Result<Organization> ResolveOrganization(ReadTx& tx, const Registry& reg, const Principal* who,
                                         const OrganizationDraft& draft);
Result<Household> ResolveHousehold(const Registry& reg, const Principal* who,
                                   const HouseholdDraft& draft, Date today);
// `households`: the file's households read beforehand by an import (by code); null: one query.
Result<Person> ResolvePerson(ReadTx& tx, const Registry& reg, const Principal* who,
                             const PersonDraft& draft, Date today,
                             const std::map<std::string, Household>* households = nullptr);

struct ResolvedPosition {
  Position position;
  int64_t place = 0;  // the unit of the post
  Person person;
};
Result<ResolvedPosition> ResolvePosition(ReadTx& tx, const Registry& reg, const Principal* who,
                                         const PositionDraft& draft);

// The new term may stand next to the post's stored terms (core/registry/position.h).
Status CheckAgainstStoredTerms(ReadTx& tx, const Position& p, int64_t place);

}  // namespace jembatan::app
