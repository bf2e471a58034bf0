// The tamper-evident record of events (docs/operations.md, "The record"). Every event, when it
// is appended, gets two hashes: over its stored values and the previous event's hash of the same
// case (`case_hash`), and of the whole province (`chain_hash`). Editing one byte of an event,
// removing one or moving one changes what the hashes of it or of the next event should be, so
// `jembatan audit verify` names it; the province's last hash, signed, is the daily digest a
// supervisor keeps off the server.
//
// What is hashed, in one place: the event's stored values in this order, each as text (numbers
// in decimal, times in Unix seconds), NULL distinct from "" (EventChainText). The hash itself is
// BLAKE2b-256 (app/cases/event_chain.h), hex.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cases/event.h"

namespace jembatan {

// The stored columns an event's hash covers, in order.
constexpr std::array<std::string_view, 15> kEventChainColumns = {
    "case_id",       "at",
    "actor_user_id", "actor",
    "kind",          "from_status",
    "to_status",     "note",
    "public_update", "answer",
    "reason",        "unit_id",
    "into_code",     "assignee_user_id",
    "ack_due"};

using ChainValue = std::optional<std::string>;  // nullopt: NULL

// An event's values as they are stored, in kEventChainColumns' order.
std::vector<ChainValue> EventChainValues(const Event& e);
// One unambiguous text of the values: each "<length>:<value>;" or "-;" for NULL.
std::string EventChainText(const std::vector<ChainValue>& values);

}  // namespace jembatan
