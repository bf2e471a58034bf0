// The registry's use cases (issue 16): recording and reading organizations, people, households
// and positions, each in one transaction, each within the caller's scope
// (core/registry/registry_access.h). References come in as codes (a unit's, a parent
// organization's, a household's, a person's) and are resolved here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/cases/access.h"
#include "core/registry/position.h"
#include "core/registry/registry_records.h"

namespace jembatan::app {

struct OrganizationDraft {
  Organization organization;  // ids are ignored: they come from the codes below
  std::string unit;
  std::string parent;  // "" for none
};
struct PersonDraft {
  Person person;
  std::string unit;
  std::string household;  // "" for none
  std::string user;       // the user account (its name) this person signs in with; "" for none
};
struct HouseholdDraft {
  Household household;
  std::string unit;
};
struct PositionDraft {
  Position position;
  std::string person;
  std::string organization;  // exactly one of organization and unit
  std::string unit;
};

// `who` null: the command line (every unit). kConflict for a code in use; kUnknownReference
// for a code that names nothing; kForbidden outside the caller's unit.
Result<Organization> CreateOrganization(WriteTx& tx, const Registry& reg, const Principal* who,
                                        const OrganizationDraft& draft, Date today);
Result<Person> CreatePerson(WriteTx& tx, const Registry& reg, const Principal* who,
                            const PersonDraft& draft, Date today);
Result<Household> CreateHousehold(WriteTx& tx, const Registry& reg, const Principal* who,
                                  const HouseholdDraft& draft, Date today);
struct PositionView;
// Refuses an overlapping term of a single-holder post (core/registry/position.h).
Result<PositionView> CreatePosition(WriteTx& tx, const Registry& reg, const Principal* who,
                                    const PositionDraft& draft);
// Ends an open term on `to` (its last day).
Result<Position> EndPosition(WriteTx& tx, const Registry& reg, const Principal* who, int64_t id,
                             Date to);

// Lists: the subtree of `unit` (the caller's own unit when null), which the caller must cover.
struct ListPage {
  int64_t after = 0;
  int limit = 20;
};
Result<std::vector<Organization>> ListOrganizations(ReadTx& tx, const Registry& reg,
                                                    const Principal& who, const Unit* unit,
                                                    std::optional<OrganizationKind> kind,
                                                    ListPage page);
Result<std::vector<Person>> ListPeople(ReadTx& tx, const Registry& reg, const Principal& who,
                                       const Unit* unit, ListPage page);
Result<std::vector<Household>> ListHouseholds(ReadTx& tx, const Registry& reg, const Principal& who,
                                              const Unit* unit, ListPage page);

// One record by its code, within the caller's scope (kNotFound otherwise, as if it did not
// exist: a code outside one's unit reveals nothing).
Result<Organization> GetOrganization(ReadTx& tx, const Registry& reg, const Principal& who,
                                     std::string_view code);
struct PersonView {
  Person person;
  std::string household_code;
  std::vector<Position> positions;  // every term, in id order
};
Result<PersonView> GetPerson(ReadTx& tx, const Registry& reg, const Principal& who,
                             std::string_view code);
Result<Household> GetHousehold(ReadTx& tx, const Registry& reg, const Principal& who,
                               std::string_view code);

// Positions in the subtree of `unit` (the caller's own when null), optionally one person's or
// one organization's, optionally those held on day `at`.
struct PositionQuery {
  const Unit* unit = nullptr;
  std::string person;
  std::string organization;
  std::optional<Date> at;
  ListPage page;
};
struct PositionView {
  Position position;
  std::string person_code;
  std::string person_name;
  std::string organization_code;  // "" for a unit's post
  std::string unit_code;          // the unit of the post
};
Result<std::vector<PositionView>> ListPositions(ReadTx& tx, const Registry& reg,
                                                const Principal& who, const PositionQuery& q);

}  // namespace jembatan::app
