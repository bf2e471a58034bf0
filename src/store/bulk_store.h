// Whole tables as rows of typed values, for moving a province from one database to another
// (`jembatan copy-store`, app/admin/copy_store.h). The list of tables and their columns is the
// store's own (store/sql/bulk.cpp): every table that holds the province's data, parents before
// children, and never the engines' bookkeeping (migrations).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/result.h"

namespace jembatan::store {

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};
// NULL, an integer, a real, text or bytes: what both engines store.
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;
using Row = std::vector<Value>;

class BulkReads {
 public:
  virtual ~BulkReads() = default;
  // The tables in the order they must be written (a row's references come first).
  virtual const std::vector<std::string>& Tables() = 0;
  // Every row of `table`, in the order it was first stored where that order means something
  // (categories), else in no particular order. The columns are always the same, in the same
  // order, on both engines. `each` may stop the walk with an error.
  virtual Status ForEachRow(std::string_view table,
                            const std::function<Status(const Row&)>& each) = 0;
  virtual Result<int64_t> CountRows(std::string_view table) = 0;
};

class BulkWrites : public BulkReads {
 public:
  // One row as ForEachRow gave it, with its ids. REQUIRES: the table's earlier tables are
  // written; a reference to a row of the same table may point forward (merged units).
  virtual Status InsertRow(std::string_view table, const Row& row) = 0;
  // After the last row: the references within a table, and the engine's id counters moved past
  // the copied ids so that new rows do not collide.
  virtual Status FinishCopy() = 0;
};

}  // namespace jembatan::store
