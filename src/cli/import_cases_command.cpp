// `jembatan import-cases`: paper forms typed into a CSV, imported all or nothing in one
// transaction. Prints one receipt line (line, code, PIN) per new case for the slips handed
// back to residents.
#include <iostream>

#include "app/cases/case_import.h"
#include "app/reference/registry.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {

int RunImportCases(const std::string& db, const std::string& file) {
  auto session = OpenImport(db, file);
  if (!session) return Fail(session.error());
  app::SecureRandom random;
  auto report = app::ImportCases(*session->tx, *session->reg, session->text, SystemNow(), random);
  if (!report) return Fail(report.error());
  if (auto s = session->tx->Commit(); !s) return Fail(s.error());
  std::cout << "line,code,pin\n";
  for (const auto& c : report->imported) {
    std::cout << c.line << "," << c.code << "," << c.pin << "\n";
  }
  std::cerr << "imported " << report->imported.size() << " cases; " << report->already_imported
            << " rows were imported before\n";
  for (const auto& a : report->already) {
    std::cerr << "line " << a.line << ": imported before"
              << (a.form_id.empty() ? std::string() : " (form " + a.form_id + ")") << "\n";
  }
  return 0;
}

}  // namespace jembatan::cli
