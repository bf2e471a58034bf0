#include <string>

#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

class IdempotencyRepository final : public IdempotencyWrites {
 public:
  explicit IdempotencyRepository(Db& db) : db_(db) {}

  Result<std::optional<IdempotencyRecord>> Find(std::string_view key) override {
    auto st = db_.Prepare("SELECT request_hash, status, response FROM idempotency WHERE key = $1");
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
        "VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING");
    if (!st) return st.error();
    Statement& s = **st;
    s.Bind(1, key).Bind(2, rec.request_hash).Bind(3, rec.status).Bind(4, rec.response);
    if (auto e = s.Bind(5, now.seconds).Run(); !e) return e;
    if (s.Changes() == 0) return Error{ErrorKind::kConflict, "idempotency key already stored", {}};
    return Status::Ok();
  }

  Status Purge(Timestamp older_than) override {
    auto st = db_.Prepare("DELETE FROM idempotency WHERE created_at < $1");
    if (!st) return st.error();
    return (*st)->Bind(1, older_than.seconds).Run();
  }

 private:
  Db& db_;
};

}  // namespace

std::unique_ptr<IdempotencyWrites> MakeIdempotencyRepository(Db& db) {
  return std::make_unique<IdempotencyRepository>(db);
}

}  // namespace jembatan::store::sql
