// A reflection (case): what a resident reported, where, who handles it and by when.
// The case record is a projection of its event log (see case_state.h: Apply).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/time.h"

namespace jembatan {

enum class CaseStatus { kReceived, kAccepted, kInProgress, kResolved, kClosed, kRejected, kMerged };

std::string_view ToString(CaseStatus s);
std::optional<CaseStatus> ParseCaseStatus(std::string_view text);
// Received, accepted or in progress: the responsible unit still owes work on it.
bool IsOpen(CaseStatus s);

enum class Visibility { kPublic, kPrivate };
std::string_view ToString(Visibility v);
std::optional<Visibility> ParseVisibility(std::string_view text);

// Personal data. Stored apart from the case and shown only to the handling unit or with the PIN.
struct Contact {
  std::string name;
  std::string phone;
  // For a household a member files for (on_behalf_of): it agreed to the report and to being
  // contacted about it. A member's TITIP declares it; the API and CSV say it explicitly.
  bool consent = false;
  bool empty() const { return name.empty() && phone.empty(); }
};

struct Deadlines {
  Timestamp ack_due;      // must be accepted (or rejected, transferred) by then
  Timestamp resolve_due;  // must be resolved by then
  Timestamp warn_at;      // 80% of the working time to resolve_due has elapsed
};

struct Case {
  int64_t id = 0;
  std::string code;  // public tracking code (tracking_code.h)
  CaseStatus status = CaseStatus::kReceived;
  std::string category;
  int64_t location_unit_id = 0;  // the village or commune the case is about
  int64_t commune_unit_id = 0;   // the commune of the location (the location itself for a commune)
  int64_t assigned_unit_id = 0;  // the commune or province department responsible
  std::optional<int64_t> assignee_user_id;
  std::string title;
  std::string body;
  std::string
      search_text;  // title and body folded for search (core/common/text_fold.h), set by intake
  std::optional<double> lat;
  std::optional<double> lon;
  std::string channel;
  Visibility visibility = Visibility::kPublic;
  std::string language;
  bool beyond_level = false;  // filed above the level that should handle it
  Timestamp created_at;
  Timestamp updated_at;  // the newest event's time (Apply keeps it)
  Deadlines deadlines;
  std::optional<Timestamp> accepted_at;
  std::optional<Timestamp> resolved_at;        // the latest resolution
  std::optional<Timestamp> first_resolved_at;  // on-time rate counts the first one
  std::optional<Timestamp> closed_at;
  std::optional<Timestamp> warned_at;
  std::optional<Timestamp> overdue_at;
  std::optional<int64_t> escalated_to_unit_id;
  int reopen_count = 0;
  std::string answer;  // the public answer given on resolve
  std::string reject_reason;
  std::string merged_into;  // code of the case this one was merged into
  std::optional<Contact> reporter;
  std::optional<Contact> on_behalf_of;  // the household a member forwarded for
  std::optional<int64_t> submitted_by_user_id;
};

}  // namespace jembatan
