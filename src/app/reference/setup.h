// Setting up a database: seeded reference data and the unit import.
#pragma once

#include <string_view>

#include "app/common/tx.h"

namespace jembatan::app {

// Upserts the default categories (core/reference/category.cpp). Idempotent.
Status SeedCategories(WriteTx& tx);
// Vietnam's public holidays 2025–2027 (Tet and Hung Kings dates follow the lunar calendar and
// the government's yearly decision; edit the holidays table for later years).
Status SeedHolidays(WriteTx& tx);

struct ImportReport {
  int inserted = 0;
  int updated = 0;
};

// Imports units from CSV with the header
//   code,name,level,parent,remote,ethnic_minority,merged_into,valid_from,valid_to,lat,lon
// (level: province|department|commune|ward|special_zone|village|residential_group; parent and
// merged_into are codes, in this file or already stored; flags 0/1 or true/false; dates
// YYYY-MM-DD). Every row is checked first and every bad row reported with its line number;
// the import is all or nothing, and importing the same file again changes nothing.
Result<ImportReport> ImportUnits(WriteTx& tx, std::string_view csv_text);

}  // namespace jembatan::app
