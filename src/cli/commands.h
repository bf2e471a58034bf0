// Sub-commands of the `jembatan` binary. Each returns a process exit code.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jembatan::cli {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  int max_connections = 10000;  // lowered at start when the open-file limit cannot hold it
  int sweep_interval_seconds = 60;
  size_t body_limit = 1024 * 1024;
  int outbox_retry_base_seconds = 30;  // first retry of a failed delivery; doubles each time
  int outbox_max_attempts = 10;
  std::string web_dir;             // the built browser app (web/dist); empty: API only
  std::string tile_url;            // map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
  bool allow_readable_db = false;  // start although other local users can read the database
  std::string node_name;           // this node's name on its outbox claims; empty: the host name
  std::string concurrency_target = "100@2025-12-31";  // "two shoulders": RATE@DATE
  // Abuse limits (http/rate_limits.h, app/accounts/guess_guard.h).
  std::vector<std::string> rate_limits;      // CLASS=PER_MINUTE[:BURST]
  std::vector<std::string> trusted_proxies;  // ADDR[/BITS]
  int pin_budget_per_hour = 600;             // wrong PINs in the whole province; 0: none
  int token_lifetime_days = 180;             // API tokens expire after; 0: never
  std::string backup_dir;                    // scheduled backups go here; empty: none
  int backup_interval_minutes = 1440;
  int backup_keep = 7;
  std::string audit_key;   // signs the daily digest of the record (`jembatan audit keygen`)
  std::string digest_dir;  // where the daily digests are appended
};

struct DemoArgs {
  std::string db;
  uint64_t seed = 2025;
  int cases = 6000;
  bool keep_existing = false;  // a database that already holds a province is served, not refused
  bool registry = true;        // the registry's demo (cli/demo_registry.h)
};

// Log level and shape for every command (cli/logging.cpp).
void SetUpLogging(const std::string& level, const std::string& format);

int RunInit(const std::string& db);
int RunBackup(const std::string& db, const std::string& file);
int RunAuditKeygen(const std::string& key_file);
int RunAuditDigest(const std::string& db, const std::string& key_file);
// Exit 1 when the record (or the digest) shows a change.
int RunAuditVerify(const std::string& db, const std::string& digest_file,
                   const std::string& public_key);
int RunRestore(const std::string& file, const std::string& db);
int RunDemo(const DemoArgs& args);
int RunImportUnits(const std::string& db, const std::string& file);
int RunUserAdd(const std::string& db, const std::string& name, const std::string& role,
               const std::string& unit, std::string password);
int RunUserPassword(const std::string& db, const std::string& name, std::string password);
// verb: disable, enable, rotate-token, show, sessions-end.
int RunUserRevocation(const std::string& db, const std::string& name, const std::string& verb);
int RunServe(const ServeArgs& args);
int RunSweep(const std::string& db, const std::string& at);
int RunChannelSet(const std::string& db, const std::string& channel, const std::string& key,
                  std::string value);
int RunChannelShow(const std::string& db);
int RunImportCases(const std::string& db, const std::string& file);
int RunImportRegistry(const std::string& db, const std::string& table, const std::string& file);
int RunOpen311KeyAdd(const std::string& db, const std::string& name);
int RunOpen311KeyList(const std::string& db);
int RunOpen311KeyRevoke(const std::string& db, int64_t id);
int RunCopyStore(const std::string& from_url, const std::string& to_url);
int RunMemberLink(const std::string& db, const std::string& user, const std::string& channel,
                  const std::string& address);

}  // namespace jembatan::cli
