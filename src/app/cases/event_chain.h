// The tamper-evident record (core/cases/event_chain.h has what is hashed): appending an event
// with its two hashes, verifying the whole record, and the signed digest of its head.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "app/common/tx.h"
#include "core/cases/event.h"
#include "core/common/result.h"

namespace jembatan::app {

// BLAKE2b-256 of the previous hash and the event's chain text, hex.
std::string ChainHash(std::string_view previous, std::string_view chain_text);

// Sets `e`'s hashes from the case's and the province's last ones, appends it, and returns its
// id. Every event goes through here.
Result<int64_t> AppendChainedEvent(WriteTx& tx, Event& e);

struct AuditReport {
  int64_t events = 0;         // read
  int64_t chained = 0;        // in the record (the ones before it began have no hash)
  int64_t last_event_id = 0;  // the head
  std::string head_hash;
  std::vector<std::string> problems;  // each names an event; empty: the record is intact
};
// Reads every event in order and recomputes both chains. At most 100 problems are listed.
Result<AuditReport> VerifyRecord(ReadTx& tx);

// The daily digest: the record's head at a moment, signed with the province's Ed25519 key, as
// one JSON line (docs/operations.md, "The record").
struct Digest {
  std::string database;
  Timestamp at;
  int64_t last_event_id = 0;
  std::string chain_hash;
  int64_t events = 0;
};
// A new Ed25519 key pair, hex: {secret (128 hex digits), public (64)}.
std::pair<std::string, std::string> NewSigningKey();
// `secret_hex` from NewSigningKey. kInvalidInput when it is not one.
Result<std::string> SignDigest(const Digest& d, std::string_view secret_hex);
// Checks a signed digest line with the public key; returns what it says.
Result<Digest> CheckDigest(std::string_view line, std::string_view public_hex);

}  // namespace jembatan::app
