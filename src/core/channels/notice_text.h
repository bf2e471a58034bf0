// Everything the service says to a reporter over SMS or chat, in Indonesian, Vietnamese and
// English, in one table. Texts are short (a keypad phone shows 160 characters per SMS) and
// always say what to send next.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/cases/case.h"

namespace jembatan {

enum class NoticeId {
  kReceipt,         // {code} {pin} {unit} {due}
  kStatus,          // {code} {status} {unit} {due}
  kStatusAnswered,  // {code} {status} {answer}
  kAccepted,        // {code} {unit}
  kResolved,        // {code} {answer}
  kRejected,        // {code} {reason}
  kTransferred,     // {code} {unit}
  kMerged,          // {code} {into}
  kClosed,          // {code}
  kReopened,        // {code}
  kConfirmThanks,   // {code}
  kDisputeNoted,    // {code}
  kHelp,
  kAskProblem,        // conversation: a photo came alone, what is the problem?
  kAskVillage,        // conversation: we have the text, which village?
  kAskConfirm,        // conversation: {village} — send it?
  kCancelled,         // conversation: the draft was dropped
  kUnknownVillage,    // {place}
  kAmbiguousVillage,  // {choices}
  kNoText,            // report without a description
  kBadCode,           // {code}
  kNoSuchCase,        // {code}
  kWrongPin,          // {code}
  kNotResolvedYet,    // {code} {status}
  kNotAMember,
  kBadHouseholdPhone,  // {phone}
  kForwardReceipt,     // to the member: {code} {unit}
  kTooManyAttempts,
  kRejectedInput,   // the message could not be accepted: {reason}
  kUpdate,          // the handling unit's public update: {code} {update}
  kOverdueApology,  // the answer is late: {code} {unit}
  kHowToCheck,      // a bare CEK: how to ask for a status
  kHowToAnswer,     // a bare YA/TIDAK: how to answer about an answer
  kJoinRecorded,  // a member's campaign days, waiting for the organizer: {campaign} {title} {days}
  kHowToJoin,     // a bare IKUT: how to report one's part in a campaign
  kUnknownCampaign,  // {code}: no campaign of that code open to the member
  kNotInRegistry,    // a member account no person of the registry is linked to
};

using NoticeArgs = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// `language` is "id", "vi" or "en" (anything else reads as "id").
std::string Notice(NoticeId id, std::string_view language, NoticeArgs args);

// "diterima", "đang xử lý", "resolved"… as a reporter would say it.
std::string_view StatusWord(CaseStatus s, std::string_view language);

}  // namespace jembatan
