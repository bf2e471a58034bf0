// `jembatan import-registry`: organizations, households, people or positions from CSV, all or
// nothing in one transaction (app/registry/registry_csv.h has the columns and the rules).
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/reference/registry.h"
#include "app/registry/registry_csv.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {

int RunImportRegistry(const std::string& db, const std::string& table, const std::string& file) {
  auto which = app::ParseRegistryTable(table);
  if (!which) return Fail(Error::Invalid("no registry table " + table));
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::Invalid("cannot read " + file));
  std::stringstream text;
  text << in.rdbuf();
  auto store = store::Open(db, {.create = false});
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  auto reg = app::LoadRegistry(**tx);
  if (!reg) return Fail(reg.error());
  auto report = app::ImportRegistry(**tx, **reg, nullptr, *which, text.str(),
                                    (*reg)->calendar.LocalDate(SystemNow()));
  if (!report) return Fail(report.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << table << ": " << report->created << " created, " << report->updated << " updated, "
            << report->unchanged << " unchanged\n";
  return 0;
}

}  // namespace jembatan::cli
