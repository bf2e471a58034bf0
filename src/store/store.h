// The storage seam. The app layer sees only these interfaces; store/sqlite implements them
// (and a PostgreSQL implementation can, without touching core, app or http).
//
// Thread-safety: Store::BeginRead may be called from any thread; each transaction object is
// used by one thread at a time. BeginWrite serialises writers (one write transaction at a
// time per Store); the server funnels writes through one writer thread (app/common/writer.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/cases/access.h"
#include "core/cases/case.h"
#include "core/cases/event.h"
#include "core/cases/stats.h"
#include "core/common/result.h"
#include "core/reference/category.h"
#include "core/reference/unit.h"
#include "store/channel_store.h"

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
  // query folded by core (FoldForMatch), compared with the case's stored folded words, so case
  // and diacritics do not matter. Empty: no condition.
  std::string text;
  std::string folded_text;
};

struct UserRecord {
  int64_t id = 0;
  std::string name;
  std::string role;
  int64_t unit_id = 0;
  Timestamp created_at;
};

// A signed-in browser session (app/accounts/sessions.h). Known by the hash of its cookie value.
struct SessionRecord {
  std::string id_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  Timestamp created_at;
  Timestamp expires_at;
};

struct IdempotencyRecord {
  std::string request_hash;
  int status = 0;
  std::string response;
};

// What the summary statistics are computed from (core/cases/stats.h does the arithmetic).
struct StatsInput {
  std::map<std::string, int64_t> by_status;    // cases created in the period
  std::map<std::string, int64_t> by_category;  // cases created in the period
  int64_t received = 0;
  int64_t beyond_level = 0;
  int64_t overdue_now = 0;
  int64_t reopened = 0;   // reopen events in the period
  int64_t confirmed = 0;  // answers the reporter confirmed in the period (closed by "reporter")
  int64_t disputed = 0;   // answers the reporter disputed in the period (reopened by "reporter")
  std::vector<ResolutionSample> resolutions;  // first resolutions in the period
};

struct StatsQuery {
  UnitScope scope;
  Timestamp from;
  Timestamp to;
};

// Which unit a case's figures count for, when figures of many units are read at once.
enum class StatsGroup {
  kCommune,           // the commune it is located in
  kHandledElsewhere,  // the unit handling it, only when that is not its commune
  kLocation,          // the unit (village or commune) it is located in
};

// For figures over time: when each case of the scope was created, and when each was first
// resolved, within [from, to). Unordered.
struct SeriesInput {
  std::vector<Timestamp> created;
  std::vector<Timestamp> first_resolved;
};

class ReadTx {
 public:
  virtual ~ReadTx() = default;

  virtual Result<std::vector<Unit>> LoadUnits() = 0;
  virtual Result<std::vector<Category>> LoadCategories() = 0;
  virtual Result<std::set<Date>> LoadHolidays() = 0;

  // Contacts (personal data) are loaded only when `with_contacts`.
  virtual Result<std::optional<Case>> FindCase(std::string_view code, bool with_contacts) = 0;
  virtual Result<std::vector<Case>> ListCases(const CaseFilter& filter) = 0;
  virtual Result<std::vector<Event>> CaseEvents(int64_t case_id) = 0;
  virtual Result<std::optional<std::string>> CasePinHash(int64_t case_id) = 0;
  virtual Result<StatsInput> Stats(const StatsQuery& query) = 0;
  // The figures of Stats for every unit at once, keyed by unit id (see StatsGroup).
  virtual Result<std::map<int64_t, StatsInput>> StatsByUnit(const StatsQuery& query,
                                                            StatsGroup by) = 0;
  virtual Result<SeriesInput> Series(const StatsQuery& query) = 0;

  virtual Result<std::optional<UserRecord>> FindUserByTokenHash(std::string_view hash) = 0;
  virtual Result<std::optional<UserRecord>> FindUserByName(std::string_view name) = 0;
  virtual Result<std::optional<UserRecord>> FindUserById(int64_t id) = 0;
  // Users whose unit is one of `unit_ids`, by name. At most `limit`.
  virtual Result<std::vector<UserRecord>> UsersOfUnits(const std::vector<int64_t>& unit_ids,
                                                       int limit) = 0;
  // The Argon2id hash string, "" when the user has no password.
  virtual Result<std::string> UserPasswordHash(int64_t user_id) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) = 0;

  virtual Result<std::optional<IdempotencyRecord>> FindIdempotency(std::string_view key) = 0;

  // Channel data (store/channel_store.h), in this transaction.
  virtual ChannelReads& channels() = 0;
};

class WriteTx : public ReadTx {
 public:
  ChannelWrites& channels() override = 0;

  // Returns the new id. A tracking code already in use gives ErrorKind::kConflict.
  virtual Result<int64_t> InsertCase(const Case& c, std::string_view pin_hash) = 0;
  // Writes the projection columns of an existing case (not its contacts or body).
  virtual Status UpdateCase(const Case& c) = 0;
  virtual Result<int64_t> AppendEvent(const Event& e) = 0;
  virtual Status PutIdempotency(std::string_view key, const IdempotencyRecord& rec,
                                Timestamp now) = 0;
  virtual Status PurgeIdempotency(Timestamp older_than) = 0;

  virtual Result<int64_t> InsertUnit(const Unit& u) = 0;
  virtual Status UpdateUnit(const Unit& u) = 0;
  virtual Status UpsertCategory(const Category& c) = 0;
  virtual Status AddHoliday(Date d, std::string_view name) = 0;
  virtual Result<int64_t> InsertUser(const UserRecord& u, std::string_view token_hash) = 0;
  virtual Status SetUserPassword(int64_t user_id, std::string_view password_hash) = 0;
  virtual Status InsertSession(const SessionRecord& s) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  virtual Status PurgeSessions(Timestamp expired_before) = 0;

  // Open cases not yet marked overdue that can get a deadline event by `now` — not yet warned
  // and past warn_at, past resolve_due, or still received and past ack_due — id > after_id, in
  // id order: the candidates the deadline sweep looks at (core decides what to record, so this
  // may include more, never fewer).
  virtual Result<std::vector<Case>> SweepCandidates(Timestamp now, int64_t after_id, int limit) = 0;

  // Rows inserted, updated or deleted through this transaction's connection so far: a job
  // whose count did not move changed nothing.
  virtual int64_t ChangeCount() = 0;
  // Nested savepoints, so one use case in a group-committed batch can fail alone.
  virtual Status Savepoint() = 0;
  virtual Status ReleaseSavepoint() = 0;
  virtual Status RollbackToSavepoint() = 0;

  // Durable on return (fsync'd). A transaction destroyed without Commit rolls back.
  virtual Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  virtual Result<std::unique_ptr<ReadTx>> BeginRead() = 0;
  virtual Result<std::unique_ptr<WriteTx>> BeginWrite() = 0;
};

}  // namespace jembatan::store
