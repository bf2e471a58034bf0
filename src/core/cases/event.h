// Every change to a case is an append-only event: who, when, from which state to which.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/cases/case.h"
#include "core/common/time.h"

namespace jembatan {

enum class EventKind {
  kSubmitted,
  kAccepted,
  kAssigned,
  kStarted,
  kResolved,
  kClosed,
  kRejected,
  kReopened,
  kMerged,
  kTransferred,
  kDeadlineWarning,
  kOverdue,
  kEscalated,
  kNoted,  // a note or public update alone; the status does not change
};

std::string_view ToString(EventKind k);
std::optional<EventKind> ParseEventKind(std::string_view text);

// Who acted. Users act with their id and name; the deadline sweep acts as kSystemActor, a
// reporter without an account (by PIN, SMS, chat, the public form) as kReporterActor. The
// statistics count the reporter's confirmations and disputes by this label.
constexpr std::string_view kSystemActor = "system";
constexpr std::string_view kReporterActor = "reporter";
struct Actor {
  std::optional<int64_t> user_id;
  std::string label;  // user name, kSystemActor, kReporterActor or "public"
};
inline Actor SystemActor() { return Actor{std::nullopt, std::string(kSystemActor)}; }
inline Actor ReporterActor() { return Actor{std::nullopt, std::string(kReporterActor)}; }

struct Event {
  int64_t id = 0;
  int64_t case_id = 0;
  Timestamp at;
  Actor actor;
  EventKind kind = EventKind::kSubmitted;
  CaseStatus from = CaseStatus::kReceived;
  CaseStatus to = CaseStatus::kReceived;
  // Two kinds of text on every event (core/cases/access.h says who sees which): the public update
  // is shown on the timeline and sent to the reporter; the note is internal, for staff in scope
  // only.
  std::string update;
  std::string note;
  // Payload, by kind: answer (resolved), reason (rejected), unit_id (transferred, escalated),
  // into (merged), assignee (assigned), ack_due (transferred: the new unit's deadline).
  std::string answer;
  std::string reason;
  std::optional<int64_t> unit_id;
  std::string into;
  std::optional<int64_t> assignee_user_id;
  std::optional<Timestamp> ack_due;
  // The tamper-evident record (core/cases/event_chain.h): this event's hash chained to the
  // case's previous event, and to the province's previous event. Set when it is appended.
  std::string case_hash;
  std::string chain_hash;
};

}  // namespace jembatan
