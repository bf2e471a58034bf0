// Paper forms typed in later: a CSV of cases, imported all or nothing. Every row is validated
// first and every bad row reported with its line number; nothing is stored unless all rows
// are good. Each row is recorded by a key (its form_id, or a hash of its fields and its
// occurrence in the file), so importing the same file again creates nothing new.
//
// Columns (header required, any order): unit, body (required); form_id, title, category,
// reporter_name, reporter_phone, on_behalf_name, on_behalf_phone, on_behalf_consent (yes|no),
// lat, lon, language, visibility.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/secrets.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/cases/access.h"

namespace jembatan::app {

struct ImportedCase {
  int line = 0;
  std::string code;
  std::string pin;  // for the slip handed back to the resident
};

// A row recorded by an earlier import: its form (form_id, within the row's commune) or, without
// one, the same fields at the same occurrence in the file.
struct AlreadyImported {
  int line = 0;
  std::string form_id;  // empty: the row had none
};

struct CaseImportReport {
  std::vector<ImportedCase> imported;
  int already_imported = 0;
  std::vector<AlreadyImported> already;  // which rows, in file order
};

// Invalid input → kInvalid whose message lists every bad line ("line 7: unit: unknown unit").
// `submitter` (an API upload; null from the command line) must cover every row's unit, and is
// recorded as the filer, so a member finds the forms in their own list (`mine=true`).
Result<CaseImportReport> ImportCases(WriteTx& tx, const Registry& reg, std::string_view csv_text,
                                     Timestamp now, Random& random,
                                     const Principal* submitter = nullptr);

}  // namespace jembatan::app
