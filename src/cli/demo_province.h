// The demo province: deterministic from a seed and the day it is built.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/secrets.h"
#include "cli/demo_registry.h"
#include "core/common/time.h"
#include "store/store.h"

namespace jembatan::cli {

struct DemoLogin {
  std::string name;
  std::string role;
  std::string unit;
  std::string token;
};

struct DemoSummary {
  int communes = 0;
  int villages = 0;
  int merged_units = 0;
  int cases = 0;
  int forwarded_by_members = 0;
  DemoRegistrySummary registry;
  DemoAwardsSummary awards;
  std::vector<DemoLogin> logins;  // the few worth printing
};

// The web sign-in password of the printed demo users (documented; demo databases only).
inline constexpr std::string_view kDemoPassword = "jembatan-demo";

// Builds units, users and (`with_registry`) the registry's demo in one transaction, then a year
// of cases ending at `now` in transactions of 20,000 cases.
Result<DemoSummary> BuildDemoProvince(store::Store& store, uint64_t seed, int cases, Timestamp now,
                                      bool with_registry = true);

}  // namespace jembatan::cli
