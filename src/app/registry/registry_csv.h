// The registry as CSV (issue 16): an import per table, all or nothing, and an export of a unit's
// subtree. Columns (a header row is required; any order; unknown columns are refused):
//
//   organizations  code,kind,name,unit,parent,valid_from,valid_to
//   households     code,unit,head_name,size,phone,poverty,poverty_assessed
//   people         code,name,sex,birth_year,ethnic_group,unit,household,phone,party_member,
//                  prestigious,user
//   positions      person,title,organization,unit,from,to,elected
//   elections      code,unit,term_from,term_to,planned_on,candidates,held_on,households_voting,
//                  votes   (candidates: person codes joined by ';'; votes: counts joined by ';'
//                  in the candidates' order, with held_on once the election was held)
//   participations campaign,person,unit,headcount,from,to,days,role   (a person, or a unit and a
//                  headcount; the dates within the campaign, or a number of days each)
//
// A row with a stored code updates that record, and a column left out of the file leaves its
// field as stored; a row equal to the stored record changes nothing, so importing a file again
// creates and changes nothing. A position is matched by person, title, place and first day: an
// open term may be ended by a row giving its last day; any other difference is refused (history
// is not rewritten). An election is matched by its code: a planned one may get its result from
// a row giving it, and any other difference is refused. A participation is matched by all it
// says: a row equal to a stored participation of its campaign changes nothing, any other is new
// (entered by staff: it counts at once). Every bad row is reported with its line
// number, and nothing is stored unless every row is good. Flags are 0/1, true/false or yes/no;
// dates YYYY-MM-DD.
//
// Exports leave out the phone columns (docs/registry.md, "Privacy": no contact leaves in a file);
// importing an export back therefore keeps the stored phones.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/cases/access.h"

namespace jembatan::app {

enum class RegistryTable {
  kOrganizations,
  kHouseholds,
  kPeople,
  kPositions,
  kElections,
  kParticipations
};
std::optional<RegistryTable> ParseRegistryTable(std::string_view name);
std::string_view ToString(RegistryTable t);

struct RegistryImportReport {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
};

// `who` null: the command line. Invalid input → kInvalidInput whose message has one line per bad
// row ("line 7: unit: unknown unit C9").
Result<RegistryImportReport> ImportRegistry(WriteTx& tx, const Registry& reg, const Principal* who,
                                            RegistryTable table, std::string_view csv, Date today);

// The rows of `table` in the subtree of `unit` (the caller's own unit when null), in id order.
Result<std::string> ExportRegistry(ReadTx& tx, const Registry& reg, const Principal& who,
                                   RegistryTable table, const Unit* unit);

}  // namespace jembatan::app
