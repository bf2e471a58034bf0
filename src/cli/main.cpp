// jembatan: the grassroots feedback and mobilization server and its admin commands.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "store/open.h"

namespace {

// --db of every command: a file path, sqlite:PATH or postgresql://… (store/open.h). Commands
// that need an existing database check that an SQLite file is there.
const CLI::Validator kExistingDatabase(
    [](std::string& value) -> std::string {
      auto url = jembatan::store::ParseStoreUrl(value);
      if (!url) return url.error().message;
      if (!jembatan::store::Exists(*url)) return "no database at " + url->target;
      return {};
    },
    "DATABASE");
const CLI::Validator kDatabaseUrl(
    [](std::string& value) -> std::string {
      auto url = jembatan::store::ParseStoreUrl(value);
      return url ? std::string() : url.error().message;
    },
    "DATABASE");
constexpr const char* kDbHelp = "database: a file path, sqlite:PATH or postgresql://...";

}  // namespace

int main(int argc, char** argv) {
  using namespace jembatan::cli;
  CLI::App app{"Jembatan: residents' reflections routed, handled on time, answered and counted"};
  app.require_subcommand(1);
  std::string log_level = "info";
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  std::string log_format = "text";
  app.add_option("--log-format", log_format,
                 "text, or json: one object per line with time, level, request_id, message")
      ->check(CLI::IsMember({"text", "json"}));

  std::string db;
  auto* init = app.add_subcommand("init", "Create a database with the schema and categories");
  init->add_option("--db", db, kDbHelp)->required()->check(kDatabaseUrl);

  DemoArgs demo;
  auto* demo_cmd = app.add_subcommand("demo", "Create a database with a demo province");
  demo_cmd->add_option("--db", demo.db, kDbHelp)->required()->check(kDatabaseUrl);
  demo_cmd->add_option("--seed", demo.seed, "random seed (same seed, same province)");
  demo_cmd->add_option("--cases", demo.cases, "cases over the past year")
      ->check(CLI::Range(0, 1000000));
  demo_cmd->add_flag("--keep-existing", demo.keep_existing,
                     "a database that already holds a province is left as it is (exit 0)");
  demo_cmd->add_flag("!--no-registry", demo.registry,
                     "leave out the registry's demo (organizations, people, posts): quicker, for "
                     "tests that do not read it");

  std::string csv;
  auto* import_units = app.add_subcommand("import-units", "Import or update units from CSV");
  import_units->add_option("--db", db, kDbHelp)->required()->check(kDatabaseUrl);
  import_units->add_option("file", csv, "CSV file (see docs/operations.md)")
      ->required()
      ->check(CLI::ExistingFile);

  auto* import_cases = app.add_subcommand(
      "import-cases", "Import paper forms from CSV, all or nothing (docs/channels.md)");
  import_cases->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  import_cases->add_option("file", csv, "CSV file")->required()->check(CLI::ExistingFile);

  std::string registry_table;
  auto* import_registry = app.add_subcommand(
      "import-registry",
      "Import organizations, households, people, positions, elections or participations from "
      "CSV, all or nothing (docs/registry.md)");
  import_registry->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  import_registry->add_option("--table", registry_table, "which registry table the file holds")
      ->required()
      ->check(CLI::IsMember(
          {"organizations", "households", "people", "positions", "elections", "participations"}));
  import_registry->add_option("file", csv, "CSV file")->required()->check(CLI::ExistingFile);

  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  std::string name, role, unit;
  auto* user_add = user->add_subcommand("add", "Add a user and print their API token once");
  user_add->add_option("--db", db, kDbHelp)->required()->check(kDatabaseUrl);
  user_add->add_option("--name", name, "user name (a-z 0-9 . _ -)")->required();
  user_add->add_option("--role", role, "admin, supervisor, officer or member")
      ->required()
      ->check(CLI::IsMember({"admin", "supervisor", "officer", "member"}));
  user_add->add_option("--unit", unit, "code of the unit the user works for")->required();
  std::string password;
  user_add->add_option("--password", password,
                       "also a password for the web sign-in (10+ bytes); - reads it from stdin");
  auto* user_password =
      user->add_subcommand("password", "Set a user's password for the web sign-in");
  user_password->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  user_password->add_option("--name", name, "user name")->required();
  user_password->add_option("--password", password, "the password; - reads it from stdin")
      ->required();

  // Revocation (docs/operations.md, "Revoking access"): each recorded with the actor "cli".
  std::string user_verb;
  std::vector<CLI::App*> user_revocations;
  for (const auto& [verb, help] : std::vector<std::pair<std::string, std::string>>{
           {"disable", "Disable a user: their token and sessions stop at once"},
           {"enable", "Enable a disabled user again"},
           {"rotate-token", "Give a user a new API token (printed once); the old one stops"},
           {"show", "Show a user's account: disabled, token expiry, sessions, what was done"}}) {
    auto* cmd = user->add_subcommand(verb, help);
    cmd->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
    cmd->add_option("--name", name, "user name")->required();
    user_revocations.push_back(cmd);
  }
  auto* user_sessions = user->add_subcommand("sessions", "A user's browser sessions");
  user_sessions->require_subcommand(1);
  auto* sessions_end = user_sessions->add_subcommand("end", "Sign a user out everywhere");
  sessions_end->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  sessions_end->add_option("--name", name, "user name")->required();

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand("serve", "Run the HTTP server");
  serve_cmd->add_option("--db", serve.db, kDbHelp)->required()->check(kExistingDatabase);
  serve_cmd->add_option("--node-name", serve.node_name,
                        "this node's name on its outbox claims (several nodes on one database: "
                        "one name each; default: the host name)");
  serve_cmd->add_flag("--allow-readable-db", serve.allow_readable_db,
                      "start even if other local users can read the database file");
  serve_cmd->add_option("--listen", serve.listen, "address:port (port 0 picks a free one)");
  serve_cmd->add_option("--threads", serve.threads, "I/O threads (0: one per core)")
      ->check(CLI::Range(0, 256));
  serve_cmd
      ->add_option("--max-connections", serve.max_connections,
                   "open connections at most (lowered, and said, when the open-file limit "
                   "cannot hold them); more are answered 503")
      ->check(CLI::Range(1, 1000000));
  serve_cmd
      ->add_option("--sweep-interval", serve.sweep_interval_seconds,
                   "seconds between deadline sweeps (0: off)")
      ->check(CLI::Range(0, 86400));
  serve_cmd->add_option("--body-limit", serve.body_limit, "largest request body in bytes")
      ->check(CLI::Range(1024, 64 * 1024 * 1024));

  serve_cmd
      ->add_option("--outbox-retry-base", serve.outbox_retry_base_seconds,
                   "seconds before the first retry of a failed delivery (doubles each time)")
      ->check(CLI::Range(0, 3600));
  serve_cmd
      ->add_option("--outbox-max-attempts", serve.outbox_max_attempts,
                   "deliveries tried before a message is dead")
      ->check(CLI::Range(1, 100));

  serve_cmd->add_option("--web", serve.web_dir,
                        "directory of the built browser app (web/dist); empty: API only");
  serve_cmd->add_option("--tile-url", serve.tile_url,
                        "map tile URL template for the dashboard, e.g. "
                        "https://tile.openstreetmap.org/{z}/{x}/{y}.png (empty: no tiles)");
  serve_cmd->add_option("--concurrency-target", serve.concurrency_target,
                        "the province's aim for villages whose cell secretary is also the head, "
                        "as PERCENT@DATE (default 100@2025-12-31)");

  serve_cmd->add_option("--rate-limit", serve.rate_limits,
                        "CLASS=PER_MINUTE[:BURST], repeatable; CLASS is public-write, sign-in, "
                        "pin-check, webhook or token-write; 0 turns one off (docs/operations.md)");
  serve_cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                        "ADDR[/BITS] of a reverse proxy whose X-Forwarded-For names the client, "
                        "repeatable");
  serve_cmd
      ->add_option("--pin-budget", serve.pin_budget_per_hour,
                   "wrong case PINs an hour in the whole province before PIN checks wait "
                   "(0: no budget)")
      ->check(CLI::Range(0, 1000000));

  serve_cmd
      ->add_option("--token-lifetime-days", serve.token_lifetime_days,
                   "days an API token works after it was issued (0: forever); answers warn "
                   "in the last 14")
      ->check(CLI::Range(0, 36500));

  serve_cmd->add_option("--backup-dir", serve.backup_dir,
                        "take a verified backup here at start and every --backup-interval-minutes");
  serve_cmd
      ->add_option("--backup-interval-minutes", serve.backup_interval_minutes,
                   "minutes between scheduled backups (default 1440: daily)")
      ->check(CLI::Range(1, 525600));
  serve_cmd
      ->add_option("--audit-key", serve.audit_key,
                   "the record's signing key (jembatan audit keygen): sign a digest daily")
      ->check(CLI::ExistingFile);
  serve_cmd
      ->add_option("--digest-dir", serve.digest_dir,
                   "append the daily signed digest to DIR/digests.jsonl")
      ->check(CLI::ExistingDirectory);
  serve_cmd
      ->add_option("--backup-keep", serve.backup_keep,
                   "scheduled backups kept in --backup-dir; older ones are deleted")
      ->check(CLI::Range(1, 10000));

  auto* channel = app.add_subcommand("channel", "Configure SMS, Telegram, Zalo and Open311");
  channel->require_subcommand(1);
  std::string channel_name, key, value;
  auto* channel_set = channel->add_subcommand("set", "Set one channel setting (docs/channels.md)");
  channel_set->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  channel_set->add_option("channel", channel_name, "sms, telegram, zalo or open311")->required();
  channel_set->add_option("key", key, "setting name, e.g. signing_key")->required();
  channel_set->add_option("value", value, "value; - reads it from stdin (for secrets)")->required();
  auto* channel_show =
      channel->add_subcommand("show", "Show channel settings (secrets masked) and the outbox");
  channel_show->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);

  auto* member = app.add_subcommand("member", "Manage members' phones and chat ids");
  member->require_subcommand(1);
  std::string address;
  auto* member_link = member->add_subcommand(
      "link", "Link a phone or chat id to a member, who may then forward for households");
  member_link->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  member_link->add_option("--user", name, "the member's user name")->required();
  member_link->add_option("--channel", channel_name, "sms, telegram or zalo")
      ->required()
      ->check(CLI::IsMember({"sms", "telegram", "zalo"}));
  member_link->add_option("--address", address, "phone number or chat id")->required();

  auto* open311 = app.add_subcommand("open311", "Manage Open311 client keys (api_key)");
  open311->require_subcommand(1);
  auto* open311_key = open311->add_subcommand("key", "Issue, list or revoke api_keys");
  open311_key->require_subcommand(1);
  auto* key_add = open311_key->add_subcommand("add", "Issue a key; it is printed once");
  key_add->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  key_add->add_option("--name", name, "who the key is for, e.g. the app's name")->required();
  auto* key_list = open311_key->add_subcommand("list", "List keys (never the keys themselves)");
  key_list->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  int64_t key_id = 0;
  auto* key_revoke = open311_key->add_subcommand("revoke", "Revoke a key at once");
  key_revoke->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  key_revoke->add_option("--id", key_id, "the key's number (from list)")->required();

  std::string at;
  auto* sweep =
      app.add_subcommand("sweep", "Record deadline warnings, overdue and escalations now");
  sweep->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  sweep->add_option("--at", at, "pretend the time is this RFC 3339 instant (for testing)");

  std::string backup_to, restore_from;
  auto* backup = app.add_subcommand(
      "backup", "Copy the database while it serves, with checksums in FILE.sums (verified)");
  backup->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  backup->add_option("--to", backup_to, "the backup file (must not exist)")->required();
  auto* restore = app.add_subcommand(
      "restore", "Restore a backup into a new database and verify it against FILE.sums");
  restore->add_option("--from", restore_from, "the backup file")
      ->required()
      ->check(CLI::ExistingFile);
  restore->add_option("--db", db, kDbHelp)->required()->check(kDatabaseUrl);

  std::string audit_key, audit_digest, audit_public;
  auto* audit = app.add_subcommand("audit", "The tamper-evident record of events");
  audit->require_subcommand(1);
  auto* audit_keygen =
      audit->add_subcommand("keygen", "Make the province's Ed25519 key for signing digests");
  audit_keygen->add_option("--key", audit_key, "the secret key file to write")->required();
  auto* audit_digest_cmd =
      audit->add_subcommand("digest", "Print the signed digest of the record's head now");
  audit_digest_cmd->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  audit_digest_cmd->add_option("--key", audit_key, "the secret key file")
      ->required()
      ->check(CLI::ExistingFile);
  auto* audit_verify = audit->add_subcommand(
      "verify", "Check every event against the record; exit 1 naming each changed one");
  audit_verify->add_option("--db", db, kDbHelp)->required()->check(kExistingDatabase);
  audit_verify->add_option("--digest", audit_digest, "also check a digest kept off the server")
      ->check(CLI::ExistingFile);
  audit_verify->add_option("--public-key", audit_public, "the digest's public key (hex)");

  std::string copy_from, copy_to;
  auto* copy_store = app.add_subcommand(
      "copy-store", "Copy a whole province into an empty database (SQLite or PostgreSQL)");
  copy_store->add_option("--from", copy_from, kDbHelp)->required()->check(kExistingDatabase);
  copy_store->add_option("--to", copy_to, kDbHelp)->required()->check(kDatabaseUrl);

  CLI11_PARSE(app, argc, argv);
  SetUpLogging(log_level, log_format);

  if (*init) return RunInit(db);
  if (*demo_cmd) return RunDemo(demo);
  if (*import_units) return RunImportUnits(db, csv);
  if (*import_cases) return RunImportCases(db, csv);
  if (*import_registry) return RunImportRegistry(db, registry_table, csv);
  if (*user_add) return RunUserAdd(db, name, role, unit, password);
  if (*user_password) return RunUserPassword(db, name, password);
  for (CLI::App* cmd : user_revocations) {
    if (*cmd) return RunUserRevocation(db, name, cmd->get_name());
  }
  if (*sessions_end) return RunUserRevocation(db, name, "sessions-end");
  if (*serve_cmd) return RunServe(serve);
  if (*sweep) return RunSweep(db, at);
  if (*copy_store) return RunCopyStore(copy_from, copy_to);
  if (*backup) return RunBackup(db, backup_to);
  if (*audit_keygen) return RunAuditKeygen(audit_key);
  if (*audit_digest_cmd) return RunAuditDigest(db, audit_key);
  if (*audit_verify) return RunAuditVerify(db, audit_digest, audit_public);
  if (*restore) return RunRestore(restore_from, db);
  if (*channel_set) return RunChannelSet(db, channel_name, key, value);
  if (*channel_show) return RunChannelShow(db);
  if (*member_link) return RunMemberLink(db, name, channel_name, address);
  if (*key_add) return RunOpen311KeyAdd(db, name);
  if (*key_list) return RunOpen311KeyList(db);
  if (*key_revoke) return RunOpen311KeyRevoke(db, key_id);
  return 1;
}
