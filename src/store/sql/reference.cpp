#include <string>

#include "store/sql/repositories.h"

namespace jembatan::store::sql {
namespace {

class ReferenceRepository final : public ReferenceWrites {
 public:
  explicit ReferenceRepository(Db& db) : db_(db) {}

  Result<std::vector<Unit>> LoadUnits() override {
    auto st = db_.Prepare(
        "SELECT id, code, name, level, parent_id, remote, ethnic_minority, valid_from, valid_to, "
        "merged_into_id, lat, lon FROM units ORDER BY id");
    if (!st) return st.error();
    Statement& s = **st;
    std::vector<Unit> out;
    while (s.Step()) {
      Unit u;
      u.id = s.Int(0);
      u.code = s.Text(1);
      u.name = s.Text(2);
      u.level = ParseUnitLevel(s.Text(3)).value_or(UnitLevel::kVillage);
      u.parent_id = s.OptInt(4);
      u.remote = s.Int(5) != 0;
      u.ethnic_minority = s.Int(6) != 0;
      if (auto v = s.OptInt(7)) u.valid_from = Date{static_cast<int32_t>(*v)};
      if (auto v = s.OptInt(8)) u.valid_to = Date{static_cast<int32_t>(*v)};
      u.merged_into_id = s.OptInt(9);
      u.lat = s.OptReal(10);
      u.lon = s.OptReal(11);
      out.push_back(std::move(u));
    }
    if (auto e = s.status(); !e) return e.error();
    return out;
  }

  Result<std::vector<Category>> LoadCategories() override {
    auto st = db_.Prepare(
        "SELECT code, name_id, name_vi, name_en, handling_unit_code, ack_days, resolve_days, "
        "remote_extra_days FROM categories ORDER BY " +
        std::string(db_.dialect() == Dialect::kSqlite ? "rowid" : "position"));
    if (!st) return st.error();
    Statement& s = **st;
    std::vector<Category> out;
    while (s.Step()) {
      out.push_back(Category{s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4),
                             static_cast<int>(s.Int(5)), static_cast<int>(s.Int(6)),
                             static_cast<int>(s.Int(7))});
    }
    if (auto e = s.status(); !e) return e.error();
    return out;
  }

  Result<std::set<Date>> LoadHolidays() override {
    auto st = db_.Prepare("SELECT day FROM holidays");
    if (!st) return st.error();
    std::set<Date> out;
    while ((*st)->Step()) out.insert(Date{static_cast<int32_t>((*st)->Int(0))});
    if (auto e = (*st)->status(); !e) return e.error();
    return out;
  }

  Result<int64_t> InsertUnit(const Unit& u) override {
    auto st = db_.Prepare(
        "INSERT INTO units(code, name, level, parent_id, remote, ethnic_minority, valid_from, "
        "valid_to, merged_into_id, lat, lon) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) "
        "ON CONFLICT DO NOTHING" +
        std::string(db_.returning_id()));
    if (!st) return st.error();
    Statement& s = **st;
    BindUnit(s, u);
    return db_.InsertedId(s, "unit " + u.code);
  }

  Status UpdateUnit(const Unit& u) override {
    auto st = db_.Prepare(
        "UPDATE units SET code=$1, name=$2, level=$3, parent_id=$4, remote=$5, ethnic_minority=$6, "
        "valid_from=$7, valid_to=$8, merged_into_id=$9, lat=$10, lon=$11 WHERE id=$12");
    if (!st) return st.error();
    Statement& s = **st;
    BindUnit(s, u);
    s.Bind(12, u.id);
    return s.Run();
  }

  Status UpsertCategory(const Category& c) override {
    auto st = db_.Prepare(
        "INSERT INTO categories(code, name_id, name_vi, name_en, handling_unit_code, ack_days, "
        "resolve_days, remote_extra_days) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT(code) DO "
        "UPDATE "
        "SET name_id=excluded.name_id, name_vi=excluded.name_vi, name_en=excluded.name_en, "
        "handling_unit_code=excluded.handling_unit_code, ack_days=excluded.ack_days, "
        "resolve_days=excluded.resolve_days, remote_extra_days=excluded.remote_extra_days");
    if (!st) return st.error();
    return (*st)
        ->Bind(1, c.code)
        .Bind(2, c.name_id)
        .Bind(3, c.name_vi)
        .Bind(4, c.name_en)
        .Bind(5, c.handling_unit_code)
        .Bind(6, c.ack_days)
        .Bind(7, c.resolve_days)
        .Bind(8, c.remote_extra_days)
        .Run();
  }

  Status AddHoliday(Date d, std::string_view name) override {
    auto st = db_.Prepare(
        "INSERT INTO holidays(day, name) VALUES ($1, $2) "
        "ON CONFLICT (day) DO UPDATE SET name = excluded.name");
    if (!st) return st.error();
    return (*st)->Bind(1, static_cast<int64_t>(d.days)).Bind(2, name).Run();
  }

 private:
  static void BindUnit(Statement& s, const Unit& u) {
    s.Bind(1, u.code).Bind(2, u.name).Bind(3, ToString(u.level)).BindOpt(4, u.parent_id);
    s.Bind(5, static_cast<int64_t>(u.remote)).Bind(6, static_cast<int64_t>(u.ethnic_minority));
    if (u.valid_from) {
      s.Bind(7, static_cast<int64_t>(u.valid_from->days));
    } else {
      s.BindNull(7);
    }
    if (u.valid_to) {
      s.Bind(8, static_cast<int64_t>(u.valid_to->days));
    } else {
      s.BindNull(8);
    }
    s.BindOpt(9, u.merged_into_id).BindOpt(10, u.lat).BindOpt(11, u.lon);
  }

  Db& db_;
};

}  // namespace

std::unique_ptr<ReferenceWrites> MakeReferenceRepository(Db& db) {
  return std::make_unique<ReferenceRepository>(db);
}

}  // namespace jembatan::store::sql
