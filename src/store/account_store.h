// The accounts aggregate: users (with their token and password hashes) and browser sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/accounts/account_records.h"
#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan::store {

class AccountReads {
 public:
  virtual ~AccountReads() = default;
  virtual Result<std::optional<UserRecord>> FindUserByTokenHash(std::string_view hash) = 0;
  virtual Result<std::optional<UserRecord>> FindUserByName(std::string_view name) = 0;
  virtual Result<std::optional<UserRecord>> FindUserById(int64_t id) = 0;
  // Users whose unit is one of `unit_ids`, by name. At most `limit`.
  virtual Result<std::vector<UserRecord>> UsersOfUnits(const std::vector<int64_t>& unit_ids,
                                                       int limit) = 0;
  // The Argon2id hash string, "" when the user has no password.
  virtual Result<std::string> UserPasswordHash(int64_t user_id) = 0;
  virtual Result<std::optional<SessionRecord>> FindSession(std::string_view id_hash) = 0;
  // What was done to the account, oldest first.
  virtual Result<std::vector<AccountEvent>> AccountEvents(int64_t user_id) = 0;
  // The user's sessions that have not expired at `now`.
  virtual Result<int64_t> CountLiveSessions(int64_t user_id, Timestamp now) = 0;
};

class AccountWrites : public AccountReads {
 public:
  // Returns the new id. A name already in use gives ErrorKind::kConflict.
  virtual Result<int64_t> InsertUser(const UserRecord& u, std::string_view token_hash) = 0;
  virtual Status SetUserPassword(int64_t user_id, std::string_view password_hash) = 0;
  virtual Status InsertSession(const SessionRecord& s) = 0;
  virtual Status DeleteSession(std::string_view id_hash) = 0;
  virtual Status PurgeSessions(Timestamp expired_before) = 0;
  // nullopt enables. Unknown user: no change, Ok.
  virtual Status SetUserDisabled(int64_t user_id, std::optional<Timestamp> at) = 0;
  // A new token (its hash) issued at `issued_at`; the old one stops matching.
  virtual Status SetUserToken(int64_t user_id, std::string_view token_hash,
                              Timestamp issued_at) = 0;
  // Ends the user's sessions, all but `keep_id_hash` ("" keeps none). Returns how many ended.
  virtual Result<int64_t> DeleteUserSessions(int64_t user_id, std::string_view keep_id_hash) = 0;
  virtual Result<int64_t> InsertAccountEvent(const AccountEvent& e) = 0;
};

}  // namespace jembatan::store
