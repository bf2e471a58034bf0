#include "app/operations/copy_store.h"

#include <sodium.h>

#include <array>
#include <cstring>

#include "store/store.h"

namespace jembatan::app {
namespace {

// A multiset hash: the sum, lane by lane, of each row's 128-bit hash.
class TableHash {
 public:
  void Add(const store::Row& row) {
    std::string bytes;
    for (const store::Value& v : row) Encode(v, bytes);
    std::array<unsigned char, 16> h{};
    crypto_generichash(h.data(), h.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), nullptr, 0);
    for (size_t lane = 0; lane < 2; ++lane) {
      uint64_t x = 0;
      std::memcpy(&x, h.data() + lane * 8, 8);
      sum_[lane] += x;
    }
    ++rows_;
  }
  int64_t rows() const { return rows_; }
  std::string Hex() const {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (uint64_t lane : sum_) {
      for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kDigits[(lane >> shift) & 0xF]);
    }
    return out;
  }

 private:
  // A tag, then the value: lengths before bytes, so no two rows encode alike.
  static void Encode(const store::Value& v, std::string& out) {
    out.push_back(static_cast<char>('0' + v.index()));
    if (const auto* n = std::get_if<int64_t>(&v)) {
      out.append(std::to_string(*n)).push_back(';');
    } else if (const auto* r = std::get_if<double>(&v)) {
      uint64_t bits = 0;
      std::memcpy(&bits, r, sizeof bits);
      out.append(std::to_string(bits)).push_back(';');
    } else if (const auto* t = std::get_if<std::string>(&v)) {
      out.append(std::to_string(t->size())).append(":").append(*t);
    } else if (const auto* b = std::get_if<store::Blob>(&v)) {
      out.append(std::to_string(b->bytes.size())).append(":").append(b->bytes);
    }
  }
  std::array<uint64_t, 2> sum_{};
  int64_t rows_ = 0;
};

Result<TableCopy> ChecksumOf(store::BulkReads& bulk, const std::string& table) {
  TableHash hash;
  if (auto s = bulk.ForEachRow(table,
                               [&](const store::Row& row) {
                                 hash.Add(row);
                                 return Status::Ok();
                               });
      !s) {
    return s.error();
  }
  return TableCopy{table, hash.rows(), hash.Hex()};
}

}  // namespace

Result<std::vector<TableCopy>> TableChecksums(ReadTx& tx) {
  std::vector<TableCopy> out;
  for (const std::string& table : tx.bulk().Tables()) {
    auto c = ChecksumOf(tx.bulk(), table);
    if (!c) return c.error();
    out.push_back(std::move(c.value()));
  }
  return out;
}

Result<std::vector<TableCopy>> CopyStore(Database& from, Database& to) {
  if (sodium_init() < 0) return Error::Internal("libsodium could not start");
  auto src = from.BeginRead();
  if (!src) return src.error();
  auto dst = to.BeginWrite();
  if (!dst) return dst.error();
  store::BulkReads& in = (*src)->bulk();
  store::BulkWrites& out = (*dst)->bulk();
  for (const std::string& table : out.Tables()) {
    auto n = out.CountRows(table);
    if (!n) return n.error();
    if (*n > 0) {
      return Error::Conflict("the destination is not empty: " + table + " has " +
                             std::to_string(*n) + " rows");
    }
  }
  std::vector<TableCopy> copied;
  for (const std::string& table : in.Tables()) {
    TableHash hash;
    if (auto s = in.ForEachRow(table,
                               [&](const store::Row& row) {
                                 hash.Add(row);
                                 return out.InsertRow(table, row);
                               });
        !s) {
      return Error{s.error().kind, table + ": " + s.error().message, {}};
    }
    copied.push_back(TableCopy{table, hash.rows(), hash.Hex()});
  }
  if (auto s = out.FinishCopy(); !s) return s.error();
  // Read back inside the same transaction: what would be committed is what was read.
  for (const TableCopy& c : copied) {
    auto back = ChecksumOf(out, c.table);
    if (!back) return back.error();
    if (back->rows != c.rows || back->checksum != c.checksum) {
      return Error::Internal("copy does not match in " + c.table + ": " + std::to_string(c.rows) +
                             " rows " + c.checksum + " read, " + std::to_string(back->rows) +
                             " rows " + back->checksum + " written; nothing was kept");
    }
  }
  if (auto s = (*dst)->Commit(); !s) return s.error();
  return copied;
}

}  // namespace jembatan::app
