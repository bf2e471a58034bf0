// `jembatan import-registry`: organizations, households, people, positions, elections or
// participations from CSV, all or nothing in one transaction (app/registry/registry_csv.h has the
// columns and the rules).
#include <iostream>

#include "app/reference/registry.h"
#include "app/registry/registry_csv.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {

int RunImportRegistry(const std::string& db, const std::string& table, const std::string& file) {
  auto which = app::ParseRegistryTable(table);
  if (!which) return Fail(Error::Invalid("no registry table " + table));
  auto session = OpenImport(db, file);
  if (!session) return Fail(session.error());
  auto report = app::ImportRegistry(*session->tx, *session->reg, nullptr, *which, session->text,
                                    session->reg->calendar.LocalDate(SystemNow()));
  if (!report) return Fail(report.error());
  if (auto s = session->tx->Commit(); !s) return Fail(s.error());
  std::cout << table << ": " << report->created << " created, " << report->updated << " updated, "
            << report->unchanged << " unchanged\n";
  return 0;
}

}  // namespace jembatan::cli
