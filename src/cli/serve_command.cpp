// `jembatan serve`: the HTTP server, the group-commit writer and the deadline sweep.
#include <malloc.h>
#include <pthread.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/accounts/accounts.h"
#include "app/accounts/sessions.h"
#include "app/cases/deadline_sweep.h"
#include "app/common/writer.h"
#include "app/operations/backup.h"
#include "channels/config.h"
#include "channels/media_fetcher.h"
#include "channels/open311/open311.h"
#include "channels/outbox_sender.h"
#include "channels/webhooks.h"
#include "cli/audit.h"
#include "cli/backup.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "http/api.h"
#include "http/server.h"
#include "store/open.h"
#include "store/sqlite/sqlite_store.h"  // FilesOpenToOthers: the SQLite file mode check

namespace jembatan::cli {
namespace {

constexpr int kSweepChunk = 2000;
constexpr int64_t kIdempotencyKeepSeconds = 24 * 3600;

// Runs the deadline sweep through the writer every `interval` until stopped; the first run
// happens at start-up so a server that was down catches up at once.
class SweepLoop {
 public:
  SweepLoop(app::Writer& writer, std::shared_ptr<const app::Registry> reg, int interval_seconds)
      : writer_(writer), reg_(std::move(reg)), interval_(interval_seconds) {
    if (interval_ > 0) {
      thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "jb-sweep");
        Run();
      });
    }
  }
  ~SweepLoop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void Run() {
    for (;;) {
      SweepOnce();
      std::unique_lock lock(mu_);
      if (cv_.wait_for(lock, std::chrono::seconds(interval_), [this] { return stop_; })) return;
    }
  }

  void SweepOnce() {
    int total = 0;
    for (int64_t after = 0;;) {
      auto result = std::make_shared<std::promise<std::optional<app::SweepResult>>>();
      auto future = result->get_future();
      auto outcome = std::make_shared<std::optional<app::SweepResult>>();
      const bool queued = writer_.Submit(
          [this, after, outcome](store::WriteTx& tx, Timestamp now) {
            if (after == 0) {
              (void)tx.idempotency().Purge(Timestamp{now.seconds - kIdempotencyKeepSeconds});
            }
            auto r = app::SweepDeadlines(tx, *reg_, now, after, kSweepChunk);
            if (!r) {
              spdlog::error("deadline sweep failed: {}", r.error().message);
              return false;
            }
            *outcome = *r;
            return true;
          },
          [result, outcome](bool committed) {
            result->set_value(committed ? *outcome : std::nullopt);
          });
      if (!queued) return;
      auto r = future.get();
      if (!r) return;
      total += r->events_recorded;
      if (r->cases_examined < kSweepChunk) break;
      after = r->last_id;
    }
    if (total > 0) spdlog::info("deadline sweep recorded {} events", total);
    last_done_.store(SystemNow().seconds);
  }

 public:
  int interval() const { return interval_; }
  // When the last whole sweep ended (Unix seconds; 0: none yet).
  int64_t last_done() const { return last_done_.load(); }

 private:
  std::atomic<int64_t> last_done_{0};

  app::Writer& writer_;
  std::shared_ptr<const app::Registry> reg_;
  int interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

bool SplitListen(const std::string& listen, std::string& host, unsigned short& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  try {
    const int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    port = static_cast<unsigned short>(p);
  } catch (const std::exception&) {
    return false;
  }
  return !host.empty();
}

// "https://tile.example.org/{z}/{x}/{y}.png" → "https://tile.example.org" (for the CSP).
std::string TileOrigin(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const auto slash = url.find('/', scheme + 3);
  return url.substr(0, slash);
}

}  // namespace

namespace {

// A task run on its own thread at start and then every `interval`, until destroyed.
class Periodic {
 public:
  Periodic(const char* thread_name, std::chrono::minutes interval, std::function<void()> task)
      : interval_(interval), task_(std::move(task)) {
    thread_ = std::thread([this, thread_name] {
      pthread_setname_np(pthread_self(), thread_name);
      for (;;) {
        task_();
        std::unique_lock lock(mu_);
        if (cv_.wait_for(lock, interval_, [this] { return stop_; })) return;
      }
    });
  }
  ~Periodic() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

 private:
  std::chrono::minutes interval_;
  std::function<void()> task_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Scheduled backups (`serve --backup-dir`): one at start, then one every interval, each
// verified (cli/backup.h); the oldest beyond `keep` are deleted with their checksums. A failure
// is logged and the next one is tried on time.
class BackupLoop {
 public:
  BackupLoop(store::Store& db, store::StoreUrl url, std::string dir, int interval_minutes, int keep)
      : db_(db), url_(std::move(url)), dir_(std::move(dir)), keep_(keep) {
    if (dir_.empty()) return;
    periodic_ = std::make_unique<Periodic>("jb-backup", std::chrono::minutes(interval_minutes),
                                           [this] { BackupOnce(); });
  }
  int64_t last_success() const { return last_success_.load(); }

 private:
  void BackupOnce() {
    const Timestamp now = SystemNow();
    const std::string ext = url_.engine == store::Engine::kSqlite ? "db" : "pgdump";
    const std::string file = (std::filesystem::path(dir_) / app::BackupFileName(now, ext)).string();
    auto sums = TakeBackup(db_, url_, file);
    if (!sums) {
      spdlog::error("scheduled backup to {} failed: {}", file, sums.error().message);
      return;
    }
    last_success_.store(now.seconds);
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir_, ec)) {
      names.push_back(e.path().filename().string());
    }
    for (const std::string& old : app::BackupsToDelete(names, keep_)) {
      std::filesystem::remove(std::filesystem::path(dir_) / old, ec);
      std::filesystem::remove(std::filesystem::path(dir_) / (old + ".sums"), ec);
    }
    spdlog::info("backed up to {} ({} tables verified)", file, sums->size());
  }

  store::Store& db_;
  store::StoreUrl url_;
  std::string dir_;
  int keep_;
  std::atomic<int64_t> last_success_{0};
  std::unique_ptr<Periodic> periodic_;  // last: stops before the members it uses go
};

// The daily digest of the record (`serve --audit-key K --digest-dir D`): at start and every 24
// hours, the signed head appended to D/digests.jsonl for a supervisor to copy off the server.
std::unique_ptr<Periodic> DigestLoop(store::Store& db, const std::string& db_name,
                                     const std::string& key, const std::string& dir) {
  if (key.empty() || dir.empty()) return nullptr;
  return std::make_unique<Periodic>("jb-digest", std::chrono::hours(24), [&db, db_name, key, dir] {
    auto line = MakeDigest(db, db_name, key, SystemNow());
    if (!line) {
      spdlog::error("the record's digest was not signed: {}", line.error().message);
      return;
    }
    const mode_t old = ::umask(077);
    std::ofstream out((std::filesystem::path(dir) / "digests.jsonl").string(), std::ios::app);
    out << *line << "\n";
    ::umask(old);
    if (!out) spdlog::error("cannot append the digest to {}/digests.jsonl", dir);
  });
}

// What the server adds to /metrics besides its requests (http/metrics.h).
void AddServerMetrics(http::Metrics& metrics, const app::Writer& writer,
                      const http::RequestLimiter& limiter, const app::GuessGuard& pins,
                      const app::GuessGuard& sign_ins) {
  metrics.AddSource([&writer](std::string& out) {
    const app::Writer::Figures f = writer.figures();
    http::MetricHeader(out, "jembatan_writer_batch_size", "histogram",
                       "Write jobs committed together in one transaction.");
    size_t cumulative = 0;
    for (size_t i = 0; i + 1 < app::Writer::kBatchBuckets; ++i) {
      cumulative += f.batches_by_size[i];
      http::MetricSample(out, "jembatan_writer_batch_size_bucket",
                         {{"le", std::to_string(size_t{1} << i)}}, static_cast<double>(cumulative));
    }
    http::MetricSample(out, "jembatan_writer_batch_size_bucket", {{"le", "+Inf"}},
                       static_cast<double>(f.batches));
    http::MetricSample(out, "jembatan_writer_batch_size_sum", {}, static_cast<double>(f.jobs));
    http::MetricSample(out, "jembatan_writer_batch_size_count", {}, static_cast<double>(f.batches));
    http::MetricHeader(out, "jembatan_writer_queue_depth", "gauge",
                       "Write jobs waiting for the writer.");
    http::MetricSample(out, "jembatan_writer_queue_depth", {}, static_cast<double>(f.queued));
    http::MetricHeader(out, "jembatan_writer_replays_total", "counter",
                       "Batches run again without a refused job that had changed rows.");
    http::MetricSample(out, "jembatan_writer_replays_total", {}, static_cast<double>(f.replays));
  });
  metrics.AddSource([&limiter, &pins, &sign_ins](std::string& out) {
    http::MetricHeader(out, "jembatan_rate_limited_total", "counter",
                       "Requests refused (429) by a rate limit, by class.");
    for (auto c :
         {http::LimitClass::kPublicWrite, http::LimitClass::kSignIn, http::LimitClass::kPinCheck,
          http::LimitClass::kWebhook, http::LimitClass::kTokenWrite}) {
      http::MetricSample(out, "jembatan_rate_limited_total",
                         {{"class", std::string(http::LimitClassName(c))}},
                         static_cast<double>(limiter.refusals(c)));
    }
    http::MetricHeader(out, "jembatan_guesses_refused_total", "counter",
                       "PIN checks and sign-ins refused (429) because the guesser must wait.");
    http::MetricSample(out, "jembatan_guesses_refused_total", {{"secret", "pin"}},
                       static_cast<double>(pins.refusals()));
    http::MetricSample(out, "jembatan_guesses_refused_total", {{"secret", "password"}},
                       static_cast<double>(sign_ins.refusals()));
  });
}

}  // namespace

int RunServe(const ServeArgs& args) {
  // glibc hands memory back to the kernel whenever more than 128 KiB lies free at the top of a
  // heap, and takes it back with fresh zeroed pages on the next allocation. Under load the
  // outbox sender's and the writer's heaps did that many times a second (3 in 4 page faults
  // of the server came from it); keeping up to 32 MiB free per heap ends the churn. Measured
  // in docs/PERFORMANCE.md ("Heap trimming").
  mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
  http::ServerOptions options;
  if (!SplitListen(args.listen, options.address, options.port)) {
    return Fail(Error::Invalid("--listen must be address:port, e.g. 127.0.0.1:8080"));
  }
  options.threads = args.threads;
  options.body_limit = args.body_limit;
  options.max_connections = args.max_connections;
  auto proxies = http::TrustedProxies::Parse(args.trusted_proxies);
  if (!proxies) return Fail(proxies.error());
  options.trusted_proxies = std::move(proxies.value());
  http::RequestLimits limits;
  for (const std::string& spec : args.rate_limits) {
    if (auto s = limits.Set(spec); !s) return Fail(s.error());
  }

  // The database holds reporters' contacts and channel secrets: a file other local users can
  // read is a leak waiting to happen, so serve refuses it unless told otherwise.
  auto url = store::ParseStoreUrl(args.db);
  if (!url) return Fail(url.error());
  auto open_files = url->engine == store::Engine::kSqlite
                        ? store::FilesOpenToOthers(url->target)
                        : Result<std::vector<std::string>>(std::vector<std::string>{});
  if (!open_files) return Fail(open_files.error());
  if (!open_files->empty() && !args.allow_readable_db) {
    std::string list;
    for (const std::string& f : *open_files) list += (list.empty() ? "" : ", ") + f;
    return Fail(Error::Invalid(
        "other local users can read the database (" + list +
        "); it holds personal data and channel secrets. Run `chmod 600` on those files, or "
        "start with --allow-readable-db to accept the risk"));
  }
  auto store = store::Open(*url, {.create = false});
  if (!store) return Fail(store.error());
  std::shared_ptr<const app::Registry> registry;
  channels::ChannelConfig channel_config;
  {
    auto tx = (*store)->BeginRead();
    if (!tx) return Fail(tx.error());
    auto reg = app::LoadRegistry(**tx);
    if (!reg) return Fail(reg.error());
    registry = std::move(reg.value());
    auto config = channels::ChannelConfig::Load(**tx);
    if (!config) return Fail(config.error());
    channel_config = std::move(config.value());
  }
  if (registry->units.Province() == nullptr) {
    spdlog::warn("the database has no province yet: run `jembatan import-units`");
  }

  app::Writer writer(**store, SystemNow);
  app::Authenticator auth(args.token_lifetime_days);
  app::SecureRandom random;
  app::GuessLimits pin_limits;
  pin_limits.province =
      RateRule{args.pin_budget_per_hour / 60.0, static_cast<double>(args.pin_budget_per_hour)};
  app::GuessGuard pin_guard("case", pin_limits);
  app::GuessGuard sign_in_guard("user");
  if (!args.tile_url.empty() &&
      (!(args.tile_url.starts_with("https://") || args.tile_url.starts_with("http://")) ||
       args.tile_url.find_first_of(" ;,'\"\\") != std::string::npos)) {
    return Fail(Error::Invalid("--tile-url must be an http(s) URL template without ; , or quotes"));
  }
  std::unique_ptr<http::StaticFiles> web;
  if (!args.web_dir.empty()) {
    auto files = http::StaticFiles::Load(args.web_dir, {TileOrigin(args.tile_url)});
    if (!files) return Fail(files.error());
    web = std::move(files.value());
    spdlog::info("serving the web app: {} files from {}", web->file_count(), args.web_dir);
  }
  auto target = app::ParseConcurrencyTarget(args.concurrency_target);
  if (!target) return Fail(target.error());
  http::ApiDeps deps{**store,       registry,  auth,      random,        pin_guard,
                     sign_in_guard, SystemNow, web.get(), args.tile_url, *target};
  auto limiter = std::make_shared<http::RequestLimiter>(limits);
  deps.limiter = limiter;
  http::Api api(std::move(deps));
  AddServerMetrics(api.metrics(), writer, *limiter, pin_guard, sign_in_guard);
  channels::SenderOptions sender_options;
  sender_options.retry.base_seconds = args.outbox_retry_base_seconds;
  sender_options.retry.max_attempts = args.outbox_max_attempts;
  sender_options.node = args.node_name;
  if (sender_options.node.empty()) {
    char host[256] = {};
    sender_options.node = ::gethostname(host, sizeof host - 1) == 0 && host[0] != '\0'
                              ? std::string(host)
                              : std::string("jembatan");
  }
  const channels::WebhookDeps webhooks{registry,  channel_config, random,
                                       pin_guard, SystemNow,      sender_options.retry};
  const channels::Open311Deps open311{**store, registry, channel_config, random, SystemNow};
  api.AddRoutes([&](http::Router& r) {
    channels::AddWebhookRoutes(r, webhooks);
    channels::AddOpen311Routes(r, open311);
  });
  int rc = 0;
  {
    SweepLoop sweep(writer, registry, args.sweep_interval_seconds);
    BackupLoop backups(**store, *url, args.backup_dir, args.backup_interval_minutes,
                       args.backup_keep);
    auto digests = DigestLoop(**store, store::DisplayName(*url), args.audit_key, args.digest_dir);
    api.metrics().AddSource([&backups](std::string& out) {
      http::MetricHeader(out, "jembatan_backup_last_success_timestamp_seconds", "gauge",
                         "When the last scheduled backup was taken and verified (0: none).");
      http::MetricSample(out, "jembatan_backup_last_success_timestamp_seconds", {},
                         static_cast<double>(backups.last_success()));
    });
    api.metrics().AddSource([&sweep](std::string& out) {
      http::MetricHeader(out, "jembatan_sweep_last_run_timestamp_seconds", "gauge",
                         "When the last deadline sweep ended (0: none yet, or sweeps are off).");
      http::MetricSample(out, "jembatan_sweep_last_run_timestamp_seconds", {},
                         static_cast<double>(sweep.last_done()));
      http::MetricHeader(out, "jembatan_sweep_lag_seconds", "gauge",
                         "Seconds since the last deadline sweep ended beyond its interval; "
                         "above 0, sweeps are late.");
      const int64_t since = SystemNow().seconds - sweep.last_done();
      http::MetricSample(out, "jembatan_sweep_lag_seconds", {},
                         sweep.interval() > 0 && sweep.last_done() > 0
                             ? static_cast<double>(std::max<int64_t>(0, since - sweep.interval()))
                             : 0.0);
    });
    channels::OutboxSender sender(**store, writer, channel_config, SystemNow, sender_options);
    channels::MediaFetcher media(**store, writer, channel_config, SystemNow,
                                 channels::MediaOptions{sender_options.retry});
    rc = http::RunServer(options, api, writer, [&](unsigned short port) {
      std::cout << "jembatan listening on http://" << options.address << ":" << port << std::endl;
    });
  }
  writer.Stop();
  spdlog::info("stopped");
  return rc;
}

}  // namespace jembatan::cli
