#include <string>

#include "store/sqlite/repositories.h"

namespace jembatan::store::sqlite {
namespace {

class SqliteIdempotency final : public IdempotencyWrites {
 public:
  explicit SqliteIdempotency(Connection& db) : db_(db) {}

  Result<std::optional<IdempotencyRecord>> Find(std::string_view key) override {
    auto st = db_.Prepare("SELECT request_hash, status, response FROM idempotency WHERE key = ?");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, key);
    std::optional<IdempotencyRecord> out;
    if (s.Step()) out = IdempotencyRecord{s.Text(0), static_cast<int>(s.Int(1)), s.Text(2)};
    s.Reset();
    return out;
  }

  Status Put(std::string_view key, const IdempotencyRecord& rec, Timestamp now) override {
    auto st = db_.Prepare(
        "INSERT INTO idempotency(key, request_hash, status, response, created_at) "
        "VALUES (?,?,?,?,?)");
    if (!st) return st.error();
    return (*st)
        ->Bind(1, key)
        .Bind(2, rec.request_hash)
        .Bind(3, rec.status)
        .Bind(4, rec.response)
        .Bind(5, now.seconds)
        .Run();
  }

  Status Purge(Timestamp older_than) override {
    auto st = db_.Prepare("DELETE FROM idempotency WHERE created_at < ?");
    if (!st) return st.error();
    return (*st)->Bind(1, older_than.seconds).Run();
  }

 private:
  Connection& db_;
};

}  // namespace

std::unique_ptr<IdempotencyWrites> MakeIdempotencyRepository(Connection& db) {
  return std::make_unique<SqliteIdempotency>(db);
}

}  // namespace jembatan::store::sqlite
