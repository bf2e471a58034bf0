// `jembatan demo`: a ready-to-query province in one command.
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/demo_province.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {

int RunDemo(const DemoArgs& args) {
  auto url = store::ParseStoreUrl(args.db);
  if (!url) return Fail(url.error());
  const std::string name = store::DisplayName(*url);
  const auto kept = [&name] {
    std::cout << "demo: " << name << " already holds a province; kept as it is\n";
    return 0;
  };
  if (url->engine == store::Engine::kSqlite && store::Exists(*url)) {
    if (args.keep_existing) return kept();
    return Fail(Error::Invalid(url->target + " exists; the demo builds a fresh database"));
  }
  auto store = store::Open(*url);
  if (!store) return Fail(store.error());
  // A server database is there before the demo: it must not hold a province yet.
  if (url->engine == store::Engine::kPostgres) {
    auto tx = (*store)->BeginRead();
    if (!tx) return Fail(tx.error());
    auto units = (*tx)->reference().LoadUnits();
    if (!units) return Fail(units.error());
    if (!units->empty()) {
      if (args.keep_existing) return kept();
      return Fail(Error::Invalid(name + " already holds units; the demo builds a fresh database"));
    }
  }
  const Timestamp now = SystemNow();
  auto summary = BuildDemoProvince(**store, args.seed, args.cases, now, args.registry);
  if (!summary) {
    store.value().reset();
    if (url->engine == store::Engine::kSqlite) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(url->target + suffix);
    }
    return Fail(summary.error());
  }
  auto swept = SweepAll(**store, now);
  if (!swept) return Fail(swept.error());
  std::cout << "demo province in " << store::DisplayName(*url) << ": " << summary->communes
            << " communes, " << summary->villages << " villages, " << summary->merged_units
            << " merged units with old codes, " << summary->cases << " cases ("
            << summary->forwarded_by_members << " forwarded by members), " << swept->events_recorded
            << " deadline events.\n"
            << "registry: " << summary->registry.organizations << " organizations, "
            << summary->registry.people << " people, " << summary->registry.positions
            << " positions, " << summary->registry.households << " households, "
            << summary->registry.elections << " village-head elections, "
            << summary->registry.village_facts << " village facts, " << summary->registry.campaigns
            << " campaigns with " << summary->registry.participations
            << " participations; award cycle THI-DUA-2025: " << summary->awards.ranked
            << " ranked, " << summary->awards.awarded << " awarded.\n\n"
            << "Demo sign-ins (demo only; docs/api.md lists every token). In the browser: user "
               "name and password \""
            << kDemoPassword << "\"; for the API: the bearer token.\n";
  for (const auto& l : summary->logins) {
    std::cout << "  " << l.role << " " << l.name << " @ " << l.unit << ":  Authorization: Bearer "
              << l.token << "\n";
  }
  return 0;
}

}  // namespace jembatan::cli
