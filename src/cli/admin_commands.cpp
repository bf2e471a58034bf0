// init, import-units, user add, sweep: one-shot commands, each one transaction.
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/accounts/accounts.h"
#include "app/accounts/revocation.h"
#include "app/accounts/sessions.h"
#include "app/cases/deadline_sweep.h"
#include "app/reference/setup.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {

Timestamp SystemNow() {
  return Timestamp{std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count()};
}

Result<ImportSession> OpenImport(const std::string& db, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::Invalid("cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  ImportSession session;
  session.text = text.str();
  auto store = store::Open(db, {.create = false});
  if (!store) return store.error();
  session.store = std::move(store.value());
  auto tx = session.store->BeginWrite();
  if (!tx) return tx.error();
  session.tx = std::move(tx.value());
  auto reg = app::LoadRegistry(*session.tx);
  if (!reg) return reg.error();
  session.reg = std::move(reg.value());
  return session;
}

int Fail(const Error& e) {
  std::cerr << "error: " << e.message << "\n";
  return 1;
}

int RunInit(const std::string& db) {
  auto store = store::Open(db);
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  if (auto s = app::SeedCategories(**tx); !s) return Fail(s.error());
  if (auto s = app::SeedHolidays(**tx); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "initialised " << db << "\nnext: jembatan import-units --db " << db
            << " units.csv\n";
  return 0;
}

int RunImportUnits(const std::string& db, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::Invalid("cannot read " + file));
  std::stringstream text;
  text << in.rdbuf();
  auto store = store::Open(db);
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  auto report = app::ImportUnits(**tx, text.str());
  if (!report) {
    std::cerr << "nothing imported; fix these rows and run again:\n" << report.error().message;
    return 1;
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "imported " << report->inserted << " new units, updated " << report->updated << "\n";
  return 0;
}

namespace {

// "-" reads the password from stdin, so it stays out of the shell history.
Result<std::string> PasswordArgument(std::string value) {
  if (value == "-" && !std::getline(std::cin, value)) return Error::Invalid("no password on stdin");
  return value;
}

}  // namespace

int RunUserAdd(const std::string& db, const std::string& name, const std::string& role,
               const std::string& unit, std::string password) {
  if (!password.empty()) {
    auto p = PasswordArgument(std::move(password));
    if (!p) return Fail(p.error());
    password = std::move(p.value());
  }
  auto store = store::Open(db);
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  auto reg = app::LoadRegistry(**tx);
  if (!reg) return Fail(reg.error());
  app::SecureRandom random;
  auto created = app::CreateUser(**tx, **reg, {name, role, unit}, SystemNow(), random);
  if (!created) return Fail(created.error());
  if (!password.empty()) {
    if (auto s = app::SetUserPassword(**tx, name, password, SystemNow()); !s)
      return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "user " << name << " (" << role << " at " << unit << ") created"
            << (password.empty() ? "" : ", with a password for the web sign-in") << ".\n"
            << "API token (shown once, keep it secret):\n"
            << created->token << "\n";
  return 0;
}

int RunUserPassword(const std::string& db, const std::string& name, std::string password) {
  auto p = PasswordArgument(std::move(password));
  if (!p) return Fail(p.error());
  auto store = store::Open(db);
  if (!store) return Fail(store.error());
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  if (auto s = app::SetUserPassword(**tx, name, *p, SystemNow()); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << "password of " << name << " set.\n";
  return 0;
}

int RunUserRevocation(const std::string& db, const std::string& name, const std::string& verb) {
  auto store = store::Open(db);
  if (!store) return Fail(store.error());
  const Timestamp now = SystemNow();
  if (verb == "show") {
    auto tx = (*store)->BeginRead();
    if (!tx) return Fail(tx.error());
    // The lifetime a server started without --token-lifetime-days applies.
    auto v = app::GetAccount(**tx, name, kDefaultTokenLifetimeDays, now);
    if (!v) return Fail(v.error());
    std::cout << v->user.name << " (" << v->user.role << ")"
              << (v->user.disabled_at ? ", disabled since " + FormatTimestamp(*v->user.disabled_at)
                                      : std::string())
              << "\ntoken issued " << FormatTimestamp(v->user.token_issued_at) << ", expires "
              << FormatTimestamp(v->token.expires_at) << " (after " << kDefaultTokenLifetimeDays
              << " days)\n"
              << v->live_sessions << " live session(s)\n";
    for (const AccountEvent& e : v->events) {
      std::cout << FormatTimestamp(e.at) << "  " << e.kind << "  by " << e.actor << "\n";
    }
    return 0;
  }
  auto tx = (*store)->BeginWrite();
  if (!tx) return Fail(tx.error());
  std::string said;
  if (verb == "disable") {
    if (auto s = app::DisableUser(**tx, name, "cli", now); !s) return Fail(s.error());
    said = name + " is disabled: their token and sessions stop (a running server: within 5 s).";
  } else if (verb == "enable") {
    if (auto s = app::EnableUser(**tx, name, "cli", now); !s) return Fail(s.error());
    said = name + " is enabled.";
  } else if (verb == "rotate-token") {
    app::SecureRandom random;
    auto token = app::RotateToken(**tx, name, "cli", now, random);
    if (!token) return Fail(token.error());
    said =
        "new API token of " + name + " (shown once, keep it secret; the old one stops):\n" + *token;
  } else {
    auto n = app::EndSessions(**tx, name, "cli", now);
    if (!n) return Fail(n.error());
    said = std::to_string(*n) + " session(s) of " + name + " ended.";
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  std::cout << said << "\n";
  return 0;
}

int RunSweep(const std::string& db, const std::string& at) {
  Timestamp now = SystemNow();
  if (!at.empty()) {
    auto t = ParseTimestamp(at);
    if (!t) return Fail(Error::Invalid("--at must be an RFC 3339 time"));
    now = *t;
  }
  auto store = store::Open(db);
  if (!store) return Fail(store.error());
  auto result = SweepAll(**store, now);
  if (!result) return Fail(result.error());
  std::cout << "examined " << result->cases_examined << " cases, recorded "
            << result->events_recorded << " events\n";
  return 0;
}

Result<app::SweepResult> SweepAll(store::Store& store, Timestamp now) {
  app::SweepResult total;
  constexpr int kChunk = 2000;
  for (int64_t after = 0;;) {
    auto tx = store.BeginWrite();
    if (!tx) return tx.error();
    auto reg = app::LoadRegistry(**tx);
    if (!reg) return reg.error();
    auto r = app::SweepDeadlines(**tx, **reg, now, after, kChunk);
    if (!r) return r.error();
    if (auto s = (*tx)->Commit(); !s) return s.error();
    total.cases_examined += r->cases_examined;
    total.events_recorded += r->events_recorded;
    if (r->cases_examined < kChunk) break;
    after = r->last_id;
  }
  return total;
}

}  // namespace jembatan::cli
