#include "cli/demo_province.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "app/accounts/accounts.h"
#include "app/accounts/sessions.h"
#include "app/cases/answer_feedback.h"
#include "app/cases/case_commands.h"
#include "app/reference/registry.h"
#include "app/reference/setup.h"
#include "cli/demo_registry.h"
#include "core/reference/category.h"
#include "core/reference/unit.h"

namespace jembatan::cli {
namespace {

constexpr int kCommunes = 99;
constexpr int kVillages = 1731;
constexpr int kMembers = 75;
constexpr int kForwarded = 1122;

// Commune names from the source articles first, then names made of common syllables.
const std::array<const char*, 13> kSeedCommunes = {
    "Bien Son",   "Son Hai", "Bao Dai",   "Truong Son", "Yen The",  "Sa Ly",    "Son Dong",
    "Khang Nhat", "Tu Quan", "Muong Nha", "Nam Po",     "Phuc Tho", "Nghia Tru"};
const std::array<const char*, 20> kFirst = {
    "Hong",  "Minh",  "Tan",  "Phu", "Thanh", "Dong",   "Xuan", "Hoa",  "Lam",  "Kim",
    "Quang", "Trung", "Vinh", "An",  "Ngoc",  "Thuong", "Ha",   "Tien", "Lung", "Na"};
const std::array<const char*, 12> kSecond = {"Thai", "Quang", "Son",  "Lac",   "Binh", "Phong",
                                             "Loc",  "Hung",  "Tien", "Giang", "Cam",  "Yen"};
const std::array<const char*, 12> kVillagePrefix = {"Ban", "Thon", "Na", "Khuoi", "Lung", "Coc",
                                                    "Pac", "Nam",  "Ta", "Ban",   "Thon", "Xom"};

// Category mix as the seeds describe it: land and site clearance, water, forest land, storm
// damage, irrigation, donated land most of all.
const std::vector<std::pair<const char*, int>> kCategoryWeights = {{"land_dispute", 14},
                                                                   {"site_clearance", 9},
                                                                   {"water_pollution", 8},
                                                                   {"forest_land_dispute", 7},
                                                                   {"disaster_damage", 10},
                                                                   {"irrigation_works", 8},
                                                                   {"land_donation_support", 7},
                                                                   {"security_order", 6},
                                                                   {"roads_bridges", 9},
                                                                   {"social_welfare", 8},
                                                                   {"culture_customs", 3},
                                                                   {"ethnic_religious", 2},
                                                                   {"health", 4},
                                                                   {"admin_procedures", 3},
                                                                   {"other", 2}};

const std::map<std::string, std::vector<const char*>> kBodies = {
    {"land_dispute",
     {"Two households dispute the boundary of a rice field next to the stream.",
      "Sengketa batas tanah antara dua keluarga belum diselesaikan."}},
    {"site_clearance",
     {"Compensation for land cleared for the provincial road has not been paid.",
      "Pembersihan lahan untuk jalan provinsi belum mendapat kompensasi."}},
    {"water_pollution",
     {"The stream that feeds the village water tank smells and is cloudy.",
      "Nguồn nước suối đầu bản bị ô nhiễm, bà con không dùng được."}},
    {"forest_land_dispute",
     {"Forest plots allocated to households overlap with the protection forest.",
      "Tranh chấp đất rừng giữa hai thôn chưa được giải quyết."}},
    {"disaster_damage",
     {"Landslide after the storm blocked the path and damaged two houses.",
      "Longsor setelah badai menutup jalan desa dan merusak rumah."}},
    {"irrigation_works",
     {"The irrigation canal repair promised last season has not started.",
      "Công trình thủy lợi chậm tiến độ, ruộng thiếu nước."}},
    {"land_donation_support",
     {"Households donated land for the road but have not received the promised support.",
      "Warga menghibahkan tanah untuk jalan tetapi belum menerima dukungan."}},
    {"security_order",
     {"Strangers cut timber at night near the border path.",
      "Gangguan keamanan di dekat jalur perbatasan pada malam hari."}},
    {"roads_bridges",
     {"The suspension bridge to the hamlet has broken planks.",
      "Cầu treo vào bản bị hỏng ván, đi lại nguy hiểm."}},
    {"social_welfare",
     {"A poor household was left off the support list.",
      "Keluarga miskin tidak masuk daftar bantuan sosial."}},
    {"culture_customs",
     {"The village asks for support to restore the communal house.",
      "Bản đề nghị hỗ trợ sửa nhà văn hóa."}},
    {"ethnic_religious",
     {"Request for guidance on a new religious gathering in the hamlet.",
      "Permohonan penjelasan kebijakan untuk masyarakat etnis minoritas."}},
    {"health",
     {"The commune health station has had no doctor for two weeks.",
      "Trạm y tế xã thiếu thuốc cho trẻ em."}},
    {"admin_procedures",
     {"Land-use certificate application has waited three months.",
      "Pengurusan akta kelahiran di komune terlalu lama."}},
    {"other",
     {"Residents ask when the mobile phone signal will reach the upper hamlet.",
      "Warga menanyakan jadwal pertemuan dengan pemerintah komune."}}};

std::string Slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (c >= 'a' && c <= 'z')
      out.push_back(c);
  }
  return out;
}

std::string Pad(int n, int width) {
  std::string s = std::to_string(n);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

double Uniform(app::SeededRandom& r) { return static_cast<double>(r.Next() >> 11) * 0x1.0p-53; }

// An office-hours instant on the local day `days_ago` before `now` (Vietnam, UTC+7).
Timestamp OfficeTime(Timestamp now, double days_ago, app::SeededRandom& r) {
  const int64_t day = (now.seconds + 7 * 3600) / kSecondsPerDay - static_cast<int64_t>(days_ago);
  const int64_t local_hour = 7 + static_cast<int64_t>(r.Below(10));
  const Timestamp t{day * kSecondsPerDay - 7 * 3600 + local_hour * 3600 +
                    static_cast<int64_t>(r.Below(3600))};
  return t < now ? t : Timestamp{t.seconds - kSecondsPerDay};  // never in the future
}

Timestamp After(Timestamp t, double days, app::SeededRandom& r) {
  return Timestamp{t.seconds + static_cast<int64_t>(days * kSecondsPerDay) +
                   static_cast<int64_t>(r.Below(4 * 3600))};
}

std::string PickCategory(app::SeededRandom& r) {
  int total = 0;
  for (const auto& [c, w] : kCategoryWeights) total += w;
  int pick = static_cast<int>(r.Below(static_cast<uint64_t>(total)));
  for (const auto& [c, w] : kCategoryWeights) {
    if (pick < w) return c;
    pick -= w;
  }
  return "other";
}

std::string Csv(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

Result<DemoSummary> BuildDemoProvince(store::Store& store, uint64_t seed, int case_count,
                                      Timestamp now, bool with_registry) {
  app::SeededRandom rng(seed);
  DemoSummary summary;

  // Units, written as the CSV an operator would import, so the demo exercises the importer.
  std::string csv =
      "code,name,level,parent,remote,ethnic_minority,merged_into,valid_from,valid_to,lat,lon\n";
  csv += "P01,Demo Province,province,,0,0,,2025-07-01,,22.15,105.20\n";
  for (const auto& d : DefaultDepartments()) {
    csv += d.code + "," + Csv(d.name) + ",department,P01,0,0,,2025-07-01,,,\n";
  }
  std::set<std::string> used_names;
  std::vector<std::string> commune_names;
  for (const char* n : kSeedCommunes) {
    commune_names.push_back(n);
    used_names.insert(n);
  }
  while (static_cast<int>(commune_names.size()) < kCommunes) {
    std::string n =
        std::string(kFirst[rng.Below(kFirst.size())]) + " " + kSecond[rng.Below(kSecond.size())];
    if (used_names.insert(n).second) commune_names.push_back(n);
  }
  std::vector<bool> commune_remote(kCommunes);
  int village_total = 0;
  for (int i = 0; i < kCommunes; ++i) {
    const std::string code = "C" + Pad(i + 1, 3);
    const bool remote = rng.Below(100) < 30;
    const bool ethnic = remote || rng.Below(100) < 25;
    commune_remote[static_cast<size_t>(i)] = remote;
    const double lat = 21.6 + Uniform(rng) * 1.2;
    const double lon = 104.6 + Uniform(rng) * 1.3;
    csv += code + "," + Csv(commune_names[static_cast<size_t>(i)]) + ",commune,P01," +
           (remote ? "1" : "0") + "," + (ethnic ? "1" : "0") + ",,2025-07-01,," +
           std::to_string(lat) + "," + std::to_string(lon) + "\n";
    const int villages = kVillages / kCommunes + (i < kVillages % kCommunes ? 1 : 0);
    for (int v = 0; v < villages; ++v) {
      std::string vname = std::string(kVillagePrefix[rng.Below(kVillagePrefix.size())]) + " " +
                          kFirst[rng.Below(kFirst.size())] + " " + std::to_string(v + 1);
      // Two villages the seeds name (Cong Lau in Bien Son, 001; Lem, 003): the registry's demo
      // (cli/demo_registry.cpp) gives them their team and their households.
      if (i == 0 && v == 2) vname = "Cong Lau";
      if (i == 2 && v == 2) vname = "Lem";
      // Village centres on a spiral around the commune's (no random draw, so the rest of
      // the demo stays as it was): the maps and the pin picker have dots to show.
      const double angle = v * 2.39996;  // golden angle, radians
      const double radius = 0.012 + 0.006 * std::sqrt(double(v));
      csv += code + "-V" + Pad(v + 1, 2) + "," + Csv(vname) + ",village," + code + "," +
             (remote ? "1" : "0") + "," + (ethnic ? "1" : "0") + ",,2025-07-01,," +
             std::to_string(lat + radius * std::cos(angle)) + "," +
             std::to_string(lon + radius * std::sin(angle)) + "\n";
      ++village_total;
    }
  }
  // Units merged in 2025: old codes that must still resolve to the new unit.
  // Names as such communes had (the web names them "… (now part of …)" in the reader's language).
  struct OldCommune {
    const char* code;
    const char* name;
    const char* into;
  };
  const std::vector<OldCommune> old_communes = {
      {"OLD-BS1", "Tan Lap", "C001"},   {"OLD-BS2", "Dong Tien", "C001"},
      {"OLD-SH1", "Hop Thanh", "C002"}, {"OLD-KN1", "Quyet Tien", "C008"},
      {"OLD-MN1", "Binh Minh", "C010"}, {"OLD-NP1", "Thanh Cong", "C011"}};
  for (const OldCommune& o : old_communes) {
    csv += std::string(o.code) + "," + o.name + ",commune,P01,0,0," + o.into +
           ",2010-01-01,2025-06-30,,\n";
    csv += std::string(o.code) + "-V01,Ban " + o.name + ",village," + o.code + ",0,0," + o.into +
           "-V01,2010-01-01,2025-06-30,,\n";
  }
  summary.communes = kCommunes;
  summary.villages = village_total;
  summary.merged_units = static_cast<int>(old_communes.size() * 2);

  auto tx = store.BeginWrite();
  if (!tx) return tx.error();
  if (auto s = app::SeedCategories(**tx); !s) return s.error();
  if (auto s = app::SeedHolidays(**tx); !s) return s.error();
  if (auto r = app::ImportUnits(**tx, csv); !r) return r.error();
  auto reg_result = app::LoadRegistry(**tx);
  if (!reg_result) return reg_result.error();
  const app::Registry& reg = **reg_result;

  // Users. Demo tokens are fixed and documented (docs/api.md); never use them in production.
  std::map<int64_t, Principal> officer_of;  // responsible unit id → officer
  auto add_user = [&](const std::string& name, const std::string& role, const std::string& unit,
                      bool print) -> Result<Principal> {
    const std::string token = "jbt_demo_" + name;
    auto u = app::CreateUserWithToken(**tx, reg, {name, role, unit}, token, now);
    if (!u) return u.error();
    if (print) {
      // The users worth printing also get the documented web sign-in password.
      if (auto s = app::SetUserPassword(**tx, name, kDemoPassword, now); !s) return s.error();
      summary.logins.push_back({name, role, unit, token});
    }
    return Principal{u->user.id, name, *ParseRole(role), reg.units.FindById(u->user.unit_id)};
  };
  if (auto r = add_user("admin", "admin", "P01", true); !r) return r.error();
  if (auto r = add_user("supervisor", "supervisor", "P01", true); !r) return r.error();
  for (const auto& d : DefaultDepartments()) {
    auto p = add_user("officer." + Slug(d.code), "officer", d.code, d.code == "DEPT-NRE");
    if (!p) return p.error();
    officer_of[p->unit->id] = *p;
  }
  for (int i = 0; i < kCommunes; ++i) {
    const std::string code = "C" + Pad(i + 1, 3);
    auto p =
        add_user("officer." + Slug(commune_names[static_cast<size_t>(i)]), "officer", code, i < 2);
    if (!p) return p.error();
    officer_of[p->unit->id] = *p;
  }
  std::vector<Principal> members;
  for (int m = 0; m < kMembers; ++m) {
    const std::string commune = "C" + Pad(static_cast<int>(rng.Below(kCommunes)) + 1, 3);
    auto p = add_user("member" + Pad(m + 1, 2), "member", commune, m == 0);
    if (!p) return p.error();
    members.push_back(*p);
  }
  if (with_registry) {
    std::vector<std::string> member_names;
    for (const Principal& m : members) member_names.push_back(m.name);
    auto registry = BuildDemoRegistry(**tx, reg, member_names, reg.calendar.LocalDate(now));
    if (!registry) return registry.error();
    summary.registry = *registry;
  }

  // A year of cases, oldest first so that ids follow time.
  std::vector<double> ages;
  for (int i = 0; i < case_count; ++i) ages.push_back(Uniform(rng) * 365.0);
  std::sort(ages.begin(), ages.end(), std::greater<>());
  const double forward_share = case_count > 0 ? std::min(1.0, double(kForwarded) / case_count) : 0;
  std::map<int64_t, std::string> last_code_in_commune;
  app::GuessGuard attempts("case");  // the demo's PINs are right: it never counts a failure
  constexpr int kCasesPerTransaction = 20000;  // bounded WAL growth for a million-case fill
  for (int i = 0; i < case_count; ++i) {
    if (i > 0 && i % kCasesPerTransaction == 0) {
      if (auto s = (*tx)->Commit(); !s) return s.error();
      tx.value().reset();
      tx = store.BeginWrite();
      if (!tx) return tx.error();
    }
    const Timestamp created = OfficeTime(now, ages[static_cast<size_t>(i)], rng);
    SubmitRequest req;
    req.category = PickCategory(rng);
    const auto& bodies = kBodies.at(req.category);
    req.body = bodies[rng.Below(bodies.size())];
    const int ci = static_cast<int>(rng.Below(kCommunes));
    const int villages = kVillages / kCommunes + (ci < kVillages % kCommunes ? 1 : 0);
    req.unit = "C" + Pad(ci + 1, 3) + "-V" + Pad(static_cast<int>(rng.Below(villages)) + 1, 2);
    if (rng.Below(100) < 3)
      req.unit = std::string(old_communes[rng.Below(old_communes.size())].code) + "-V01";
    req.language = rng.Below(100) < 60 ? "vi" : "id";
    req.visibility = rng.Below(100) < 12 ? "private" : "public";
    if (rng.Below(100) < 5) req.addressed_to = "P01";  // skipped the commune
    const Principal* submitter = nullptr;
    if (Uniform(rng) < forward_share && summary.forwarded_by_members < kForwarded) {
      submitter = &members[rng.Below(members.size())];
      req.channel = "member";
      req.on_behalf_of = Contact{"Household " + Pad(static_cast<int>(rng.Below(9000)) + 1000, 4),
                                 "+8497" + Pad(static_cast<int>(rng.Below(10000000)), 7), true};
      ++summary.forwarded_by_members;
    } else {
      static const std::array<const char*, 4> kChannels = {"web", "sms", "zalo", "walk_in"};
      req.channel = kChannels[rng.Below(kChannels.size())];
      if (rng.Below(100) < 70) {
        req.reporter = Contact{"Resident " + Pad(static_cast<int>(rng.Below(9000)) + 1000, 4),
                               "+8498" + Pad(static_cast<int>(rng.Below(10000000)), 7)};
      }
    }
    // A third of the web and member reports carry a pin near the village centre (the web form's
    // pin picker); from i, not from the generator, so the other figures do not move.
    if ((req.channel == "web" || req.channel == "member") && i % 3 == 0) {
      const Unit* village = reg.units.FindByCode(req.unit);
      if (village && village->lat && village->lon) {
        req.lat = *village->lat + ((i * 7919) % 1000 - 500) * 0.00001;
        req.lon = *village->lon + ((i * 104729) % 1000 - 500) * 0.00001;
      }
    }
    auto receipt = app::SubmitCase(**tx, reg, req, submitter, created, rng);
    if (!receipt) return receipt.error();
    ++summary.cases;
    Case c = receipt->c;

    // Its life so far: each step happens only if its time has come.
    Timestamp t = created;
    auto act = [&](CaseAction a, double after_days, app::ActionCommand extra = {}) -> Result<bool> {
      const Timestamp when = After(t, after_days, rng);
      if (when > now) return false;
      extra.code = c.code;
      extra.action = a;
      auto done = app::PerformAction(**tx, reg, officer_of.at(c.assigned_unit_id), extra, when);
      if (!done) return done.error();
      c = done->c;
      t = when;
      return true;
    };
    const double fate = Uniform(rng);
    const auto commune_key = c.assigned_unit_id;
    Result<bool> step = true;
    if (fate < 0.03) {
      step = act(CaseAction::kReject, 1 + Uniform(rng) * 2,
                 {.reason = "Outside the commune's competence; the reporter was guided to court."});
    } else if (fate < 0.05 && last_code_in_commune.contains(commune_key)) {
      step = act(CaseAction::kMerge, 1, {.into = last_code_in_commune[commune_key]});
    } else if (fate < 0.09) {
      // Neglected: never accepted, will be overdue and escalated.
    } else {
      if (fate < 0.12 && reg.units.FindById(c.assigned_unit_id)->level == UnitLevel::kCommune) {
        const std::string other = "C" + Pad(static_cast<int>(rng.Below(kCommunes)) + 1, 3);
        if (reg.units.FindByCode(other)->id != c.assigned_unit_id) {
          step = act(CaseAction::kTransfer, 1,
                     {.note = "The site is in the neighbouring commune.", .unit = other});
        }
      }
      const double slow = Uniform(rng) < 0.15 ? 2.5 : 1.0;
      const int resolve_days = reg.FindCategory(c.category)->resolve_days;
      if (step && *step) step = act(CaseAction::kAccept, Uniform(rng) * 3 * slow);
      if (step && *step) {
        step = act(CaseAction::kStart, Uniform(rng) * 2,
                   {.update = "An officer will visit the site this week.",
                    .note = "Village head informed by phone."});
      }
      if (step && *step && rng.Below(100) < 40) {
        step = act(CaseAction::kAssign, 0.1, {.assignee = officer_of.at(c.assigned_unit_id).name});
      }
      if (step && *step) {
        step = act(CaseAction::kResolve, (0.2 + Uniform(rng) * 0.9) * resolve_days * slow,
                   {.answer = "The commune inspected the site with the village head and agreed a "
                              "solution with the households; work is scheduled."});
      }
      if (step && *step && rng.Below(100) < 5) {
        step = act(CaseAction::kReopen, 2, {.note = "The household says the work was not done."});
        if (step && *step) {
          step = act(CaseAction::kResolve, 5, {.answer = "Work completed and checked on site."});
        }
      }
      if (step && *step && rng.Below(100) < 80) {
        if (c.channel == "member") {
          // The household a member forwarded for confirms the answer itself (with the PIN its
          // member passed on): the confirmations the members' reflections count.
          const Timestamp when = After(t, 1 + Uniform(rng) * 6, rng);
          if (when <= now) {
            auto done = app::RespondToAnswer(**tx, reg, c.code, receipt->pin, true, attempts,
                                             app::Guesser{"demo"}, when);
            if (!done) return done.error();
            c = *done;
            t = when;
          }
        } else {
          step = act(CaseAction::kClose, 1 + Uniform(rng) * 6);
        }
      }
    }
    if (!step) return step.error();
    if (IsOpen(c.status) || c.status == CaseStatus::kResolved)
      last_code_in_commune[commune_key] = c.code;
  }
  if (with_registry) {
    auto awards = BuildDemoAwards(**tx, reg, reg.calendar.LocalDate(now));
    if (!awards) return awards.error();
    summary.awards = *awards;
  }
  if (auto s = (*tx)->Commit(); !s) return s.error();
  return summary;
}

}  // namespace jembatan::cli
