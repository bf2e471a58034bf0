#include "app/cases/event_chain.h"

#include <sodium.h>

#include <boost/json.hpp>
#include <map>

#include "core/cases/event_chain.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

std::string Hex(const unsigned char* b, size_t n) {
  std::string out(n * 2, '\0');
  sodium_bin2hex(out.data(), out.size() + 1, b, n);
  return out;
}

bool FromHex(std::string_view hex, unsigned char* out, size_t n) {
  size_t len = 0;
  return hex.size() == n * 2 &&
         sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

// The signed part of a digest: these fields in this order, compact JSON.
std::string DigestBody(const Digest& d) {
  boost::json::object o;
  o["database"] = d.database;
  o["at"] = FormatTimestamp(d.at);
  o["last_event_id"] = d.last_event_id;
  o["chain_hash"] = d.chain_hash;
  o["events"] = d.events;
  return boost::json::serialize(o);
}

}  // namespace

std::string ChainHash(std::string_view previous, std::string_view chain_text) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, nullptr, 0, 32);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(previous.data()),
                            previous.size());
  const unsigned char sep = '\n';
  crypto_generichash_update(&st, &sep, 1);
  crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(chain_text.data()),
                            chain_text.size());
  unsigned char out[32];
  crypto_generichash_final(&st, out, sizeof out);
  return Hex(out, sizeof out);
}

Result<int64_t> AppendChainedEvent(store::WriteTx& tx, Event& e) {
  auto tips = tx.cases().ChainTipsFor(e.case_id);
  if (!tips) return tips.error();
  const std::string text = EventChainText(EventChainValues(e));
  e.case_hash = ChainHash(tips->case_hash, text);
  e.chain_hash = ChainHash(tips->chain_hash, text);
  auto id = tx.cases().AppendEvent(e);
  if (id) e.id = *id;
  return id;
}

Result<AuditReport> VerifyRecord(store::ReadTx& tx) {
  AuditReport r;
  std::string province;                      // the last chained event's stored hash
  std::map<int64_t, std::string> case_tips;  // case id → its last event's stored case_hash
  int64_t previous_id = 0;
  auto problem = [&r](std::string text) {
    if (r.problems.size() < 100) r.problems.push_back(std::move(text));
  };
  auto walked = tx.cases().ForEachStoredEvent([&](const store::StoredEvent& e) {
    ++r.events;
    const bool in_record = !e.chain_hash.empty() || r.chained > 0;
    previous_id = e.id;
    if (!in_record) return Status::Ok();  // before the record began
    ++r.chained;
    const std::string text = EventChainText(e.values);
    const std::string name =
        "event " + std::to_string(e.id) + " of case id " + std::to_string(e.case_id);
    if (ChainHash(province, text) != e.chain_hash) {
      problem(name + " does not match the record: it was edited, or an event before it was " +
              "removed or moved");
    } else if (auto it = case_tips.find(e.case_id);
               ChainHash(it == case_tips.end() ? "" : it->second, text) != e.case_hash) {
      problem(name + " does not match its case's record: an event of that case before it was " +
              "removed, moved or edited");
    }
    // Go on from what is stored, so that each change is named once, where it is.
    province = e.chain_hash;
    case_tips[e.case_id] = e.case_hash;
    return Status::Ok();
  });
  if (!walked) return walked.error();
  auto head = tx.cases().ChainHead();
  if (!head) return head.error();
  r.last_event_id = head->last_event_id;
  r.head_hash = head->hash;
  if (r.chained > 0 && (head->last_event_id != previous_id || head->hash != province)) {
    problem("the record's head is event " + std::to_string(head->last_event_id) +
            " but the last event is " + std::to_string(previous_id) +
            ": events at the end were removed, or one was added outside the record");
  }
  return r;
}

std::pair<std::string, std::string> NewSigningKey() {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  auto out = std::make_pair(Hex(sk, sizeof sk), Hex(pk, sizeof pk));
  sodium_memzero(sk, sizeof sk);
  return out;
}

Result<std::string> SignDigest(const Digest& d, std::string_view secret_hex) {
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  if (!FromHex(secret_hex, sk, sizeof sk)) {
    return Error::Invalid("not an Ed25519 secret key (128 hex digits)");
  }
  const std::string body = DigestBody(d);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(body.data()),
                       body.size(), sk);
  sodium_memzero(sk, sizeof sk);
  boost::json::object o = boost::json::parse(body).as_object();
  o["signature"] = Hex(sig, sizeof sig);
  o["public_key"] = secret_hex.substr(64);  // libsodium's secret key ends with the public one
  return boost::json::serialize(o);
}

Result<Digest> CheckDigest(std::string_view line, std::string_view public_hex) {
  const Error bad = Error::Invalid("not a signed digest of this record");
  boost::system::error_code ec;
  auto v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) return bad;
  const auto& o = v.as_object();
  const auto* sig = o.if_contains("signature");
  const auto* db = o.if_contains("database");
  const auto* at = o.if_contains("at");
  const auto* id = o.if_contains("last_event_id");
  const auto* hash = o.if_contains("chain_hash");
  const auto* events = o.if_contains("events");
  if (!sig || !sig->is_string() || !db || !db->is_string() || !at || !at->is_string() || !id ||
      !id->is_int64() || !hash || !hash->is_string() || !events || !events->is_int64()) {
    return bad;
  }
  auto when = ParseTimestamp(std::string(at->as_string()));
  if (!when) return bad;
  Digest d{std::string(db->as_string()), *when, id->as_int64(), std::string(hash->as_string()),
           events->as_int64()};
  unsigned char pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char s[crypto_sign_BYTES];
  if (!FromHex(public_hex, pk, sizeof pk)) {
    return Error::Invalid("not an Ed25519 public key (64 hex digits)");
  }
  if (!FromHex(std::string_view(sig->as_string()), s, sizeof s)) return bad;
  const std::string body = DigestBody(d);
  if (crypto_sign_verify_detached(s, reinterpret_cast<const unsigned char*>(body.data()),
                                  body.size(), pk) != 0) {
    return Error::Invalid("the digest's signature does not match the public key");
  }
  return d;
}

}  // namespace jembatan::app
