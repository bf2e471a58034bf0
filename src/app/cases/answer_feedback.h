// The reporter's word on an answer: "it is solved" closes the case, "it is not" reopens it
// (and counts against the unit). Proven with the case's PIN, from any channel: SMS
// "YA <code> <pin>", chat, or the web page.
#pragma once

#include <string_view>

#include "app/accounts/guess_guard.h"
#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "core/cases/case.h"

namespace jembatan::app {

// Wrong PIN → kUnauthorized (and counts towards the guesser's back-off); while the guesser must
// wait → kTooManyAttempts with its Retry-After (app/accounts/guess_guard.h).
Status CheckCasePin(ReadTx& tx, GuessGuard& guard, const Guesser& who, const Case& c,
                    std::string_view pin);

// Unknown or malformed code → kNotFound; not resolved → kConflict (409). Records the closed or
// reopened event as actor "reporter", updates the case, and queues the notices. `why`: the
// reporter's reason for disputing (at most 2,000 characters), recorded as the reopen event's
// public update so the handling unit reads it; empty for a confirmation.
Result<Case> RespondToAnswer(WriteTx& tx, const Registry& reg, std::string_view code,
                             std::string_view pin, bool solved, GuessGuard& guard,
                             const Guesser& who, Timestamp now, std::string_view why = {});

}  // namespace jembatan::app
