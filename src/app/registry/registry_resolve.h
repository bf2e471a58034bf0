// Internal to app/registry: a draft (references by code) checked and turned into the record it
// stands for, within the caller's scope, without storing it. Creating a record and importing a
// CSV row share these, so a row is held to the same rules as an API call.
#pragma once

#include "app/registry/registry_records.h"

namespace jembatan::app {

Result<Organization> ResolveOrganization(ReadTx& tx, const Registry& reg, const Principal* who,
                                         const OrganizationDraft& draft);
Result<Household> ResolveHousehold(const Registry& reg, const Principal* who,
                                   const HouseholdDraft& draft, Date today);
Result<Person> ResolvePerson(ReadTx& tx, const Registry& reg, const Principal* who,
                             const PersonDraft& draft, Date today);

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
