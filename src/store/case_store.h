// The cases aggregate: a case with its contacts, PIN hash and append-only event log.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cases/access.h"
#include "core/cases/case.h"
#include "core/cases/event.h"
#include "core/cases/event_chain.h"
#include "core/common/result.h"

namespace jembatan::store {

struct CaseFilter {
  std::optional<CaseStatus> status;
  std::string category;
  UnitScope scope;              // core/cases/access.h: which cases belong to a unit
  std::optional<bool> overdue;  // flagged overdue by the deadline sweep and still open
  std::optional<bool> beyond_level;
  std::optional<Timestamp> created_from;  // inclusive
  std::optional<Timestamp> created_to;    // exclusive
  bool public_only = false;
  std::optional<int64_t> before_id;  // keyset cursor: newest first, ids below this one
  int limit = 20;
  // Any of these (empty: no condition). Combined with `status`/`category` by AND.
  std::vector<CaseStatus> statuses;
  std::vector<std::string> categories;
  std::optional<int64_t> submitted_by;  // the user who filed (a member's own list)
  // Open, past its warning time and not yet overdue: the inbox's "due soon".
  bool due_soon = false;
  // Order: newest first (id, before_id as the cursor), or by the deadline owed next (open cases
  // only, most overdue first; after_due as the cursor: the last row's deadline and id).
  bool by_due = false;
  std::optional<std::pair<Timestamp, int64_t>> after_due;
  // A tracking code (`text`, exact), or words found in the title or body: `folded_text` is the
  // query folded by core (FoldForMatch), compared with the case's stored folded words, so case,
  // diacritics and punctuation do not matter (a query of punctuation alone matches only a code).
  // Empty `text`: no condition.
  std::string text;
  std::string folded_text;
};

// An event as stored, for the record's verification: its values in kEventChainColumns' order
// (core/cases/event_chain.h), raw, and its hashes.
struct StoredEvent {
  int64_t id = 0;
  int64_t case_id = 0;
  std::vector<ChainValue> values;
  std::string case_hash;
  std::string chain_hash;
};

// The province's chain head: the last chained event and its hash ("" before the first).
struct EventChainHead {
  int64_t last_event_id = 0;
  std::string hash;
};

class CaseReads {
 public:
  virtual ~CaseReads() = default;
  // Contacts (personal data) are loaded only when `with_contacts`.
  virtual Result<std::optional<Case>> FindCase(std::string_view code, bool with_contacts) = 0;
  // At most filter.limit cases, in the filter's order; see CaseFilter for every condition.
  virtual Result<std::vector<Case>> ListCases(const CaseFilter& filter) = 0;
  // The case's events, oldest first.
  virtual Result<std::vector<Event>> CaseEvents(int64_t case_id) = 0;
  virtual Result<std::optional<std::string>> CasePinHash(int64_t case_id) = 0;
  // Every event in id order (the record's order), raw. `each` may stop the walk with an error.
  virtual Status ForEachStoredEvent(const std::function<Status(const StoredEvent&)>& each) = 0;
  virtual Result<EventChainHead> ChainHead() = 0;
};

class CaseWrites : public CaseReads {
 public:
  // Stores the whole case (its projection, contacts and PIN hash) and returns the new id. A
  // tracking code already in use gives ErrorKind::kConflict.
  virtual Result<int64_t> InsertCase(const Case& c, std::string_view pin_hash) = 0;
  // Writes the projection columns of an existing case (not its contacts or body).
  virtual Status UpdateCase(const Case& c) = 0;
  // Stores the event with its hashes (set by the caller: app/cases/event_chain.h) and moves the
  // province's chain head to it.
  virtual Result<int64_t> AppendEvent(const Event& e) = 0;
  // The hashes the next event of `case_id` chains to: the case's last event's case_hash ("" for
  // its first) and the province's head. On PostgreSQL the head row stays locked to this
  // transaction, so that two writers never chain to the same event.
  struct ChainTips {
    std::string case_hash;
    std::string chain_hash;
  };
  virtual Result<ChainTips> ChainTipsFor(int64_t case_id) = 0;
  // Open cases whose next deadline event (core's NextDeadlineAt, stored with the case) is due by
  // `now`, id > after_id, in id order: the candidates the deadline sweep looks at (core decides
  // what to record, so this may include more, never fewer). The cases stay locked to this
  // transaction; cases another one holds are passed over, so two processes sweeping one database
  // never record the same deadline event twice.
  virtual Result<std::vector<Case>> SweepCandidates(Timestamp now, int64_t after_id, int limit) = 0;
};

}  // namespace jembatan::store
