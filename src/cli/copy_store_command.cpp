// `jembatan copy-store --from URL --to URL`: a province moved between databases (SQLite ⇄
// PostgreSQL), verified table by table (app/operations/copy_store.h).
#include <iostream>

#include "app/operations/copy_store.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {

int RunCopyStore(const std::string& from_url, const std::string& to_url) {
  auto from_parsed = store::ParseStoreUrl(from_url);
  if (!from_parsed) return Fail(from_parsed.error());
  auto from = store::Open(*from_parsed, {.create = false});
  if (!from) return Fail(from.error());
  auto to = store::Open(to_url);  // made, with the schema, when it does not exist
  if (!to) return Fail(to.error());
  auto copied = app::CopyStore(**from, **to);
  if (!copied) return Fail(copied.error());
  int64_t rows = 0;
  for (const app::TableCopy& t : *copied) {
    std::cout << t.table << "\t" << t.rows << " rows\t" << t.checksum << "\n";
    rows += t.rows;
  }
  std::cout << "copied " << rows << " rows in " << copied->size() << " tables from "
            << store::DisplayName(*from_parsed) << "; counts and checksums match\n";
  return 0;
}

}  // namespace jembatan::cli
