// `jembatan audit keygen|digest|verify` (app/cases/event_chain.h; docs/operations.md, "The
// record"): the province's signing key, the signed digest of the record's head, and the check
// of the whole record (and of a digest kept off the server).
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cases/event_chain.h"
#include "cli/audit.h"
#include "cli/commands.h"
#include "cli/support.h"
#include "store/open.h"

namespace jembatan::cli {
namespace {

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Invalid("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

Result<std::string> MakeDigest(store::Store& db, const std::string& db_name,
                               const std::string& key_file, Timestamp now) {
  auto secret = ReadText(key_file);
  if (!secret) return secret.error();
  auto tx = db.BeginRead();
  if (!tx) return tx.error();
  auto report = app::VerifyRecord(**tx);
  if (!report) return report.error();
  if (!report->problems.empty()) {
    return Error::Conflict("the record does not verify (" + report->problems.front() +
                           "); no digest is signed for it");
  }
  return app::SignDigest(
      app::Digest{db_name, now, report->last_event_id, report->head_hash, report->events}, *secret);
}

int RunAuditKeygen(const std::string& key_file) {
  auto [secret, pub] = app::NewSigningKey();
  const mode_t old = ::umask(077);
  std::ofstream out(key_file, std::ios::binary | std::ios::trunc);
  out << secret << "\n";
  out.close();
  ::umask(old);
  if (!out) return Fail(Error::Internal("cannot write " + key_file));
  std::cout << "secret key written to " << key_file << " (keep it on the server, mode 0600)\n"
            << "public key (give it to the supervisors who keep the digests):\n"
            << pub << "\n";
  return 0;
}

int RunAuditDigest(const std::string& db_url, const std::string& key_file) {
  auto url = store::ParseStoreUrl(db_url);
  if (!url) return Fail(url.error());
  auto db = store::Open(*url, {.create = false});
  if (!db) return Fail(db.error());
  auto line = MakeDigest(**db, store::DisplayName(*url), key_file, SystemNow());
  if (!line) return Fail(line.error());
  std::cout << *line << "\n";
  return 0;
}

int RunAuditVerify(const std::string& db_url, const std::string& digest_file,
                   const std::string& public_key) {
  auto url = store::ParseStoreUrl(db_url);
  if (!url) return Fail(url.error());
  auto db = store::Open(*url, {.create = false});
  if (!db) return Fail(db.error());
  auto tx = (*db)->BeginRead();
  if (!tx) return Fail(tx.error());
  auto report = app::VerifyRecord(**tx);
  if (!report) return Fail(report.error());
  for (const std::string& p : report->problems) std::cout << "TAMPERED: " << p << "\n";
  bool ok = report->problems.empty();
  if (!digest_file.empty()) {
    auto line = ReadText(digest_file);
    if (!line) return Fail(line.error());
    auto digest = app::CheckDigest(*line, public_key);
    if (!digest) return Fail(digest.error());
    // The digest's head must still be in the record, with the hash it had then.
    bool found = false;
    auto walked = (*tx)->cases().ForEachStoredEvent([&](const store::StoredEvent& e) {
      if (e.id == digest->last_event_id) found = e.chain_hash == digest->chain_hash;
      return Status::Ok();
    });
    if (!walked) return Fail(walked.error());
    if (!found && digest->last_event_id != 0) {
      std::cout << "TAMPERED: the digest of " << FormatTimestamp(digest->at) << " ends at event "
                << digest->last_event_id << ", which is no longer in the record as it was\n";
      ok = false;
    } else {
      std::cout << "the digest of " << FormatTimestamp(digest->at) << " (event "
                << digest->last_event_id << ") is signed by that key and still in the record\n";
    }
  }
  std::cout << report->events << " events read, " << report->chained
            << " in the record; head: event " << report->last_event_id << " " << report->head_hash
            << "\n"
            << (ok ? "the record is intact\n" : "the record was changed\n");
  return ok ? 0 : 1;
}

}  // namespace jembatan::cli
