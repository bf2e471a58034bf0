#include "app/operations/backup.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "store/store.h"

namespace jembatan::app {

Result<std::vector<TableCopy>> BackupDatabase(Database& db, const std::string& path) {
  auto tx = db.BeginRead();
  if (!tx) return tx.error();
  auto sums = TableChecksums(**tx);
  if (!sums) return sums.error();
  if (auto s = (*tx)->BackupTo(path); !s) return s.error();
  return sums;
}

std::string ChecksumsText(const std::vector<TableCopy>& tables) {
  std::string out;
  for (const TableCopy& t : tables) {
    out += t.table + '\t' + std::to_string(t.rows) + '\t' + t.checksum + '\n';
  }
  return out;
}

Result<std::vector<TableCopy>> ParseChecksums(std::string_view text) {
  std::vector<TableCopy> out;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    if (line.empty()) continue;
    const size_t a = line.find('\t');
    const size_t b = a == std::string_view::npos ? a : line.find('\t', a + 1);
    if (b == std::string_view::npos)
      return Error::Invalid("not a checksum line: " + std::string(line));
    TableCopy t{std::string(line.substr(0, a)), 0, std::string(line.substr(b + 1))};
    const std::string rows(line.substr(a + 1, b - a - 1));
    if (rows.empty() || rows.find_first_not_of("0123456789") != std::string::npos ||
        rows.size() > 15 || t.checksum.size() != 32) {
      return Error::Invalid("not a checksum line: " + std::string(line));
    }
    t.rows = std::stoll(rows);
    out.push_back(std::move(t));
  }
  if (out.empty()) return Error::Invalid("no checksums");
  return out;
}

Status VerifyChecksums(Database& db, const std::vector<TableCopy>& expected) {
  auto tx = db.BeginRead();
  if (!tx) return tx.error();
  auto got = TableChecksums(**tx);
  if (!got) return got.error();
  for (const TableCopy& want : expected) {
    auto it = std::find_if(got->begin(), got->end(),
                           [&](const TableCopy& t) { return t.table == want.table; });
    if (it == got->end()) return Error::Internal("table " + want.table + " is missing");
    if (it->rows != want.rows || it->checksum != want.checksum) {
      return Error::Internal("table " + want.table + " differs: " + std::to_string(want.rows) +
                             " rows " + want.checksum + " expected, " + std::to_string(it->rows) +
                             " rows " + it->checksum + " found");
    }
  }
  return Status::Ok();
}

std::string BackupFileName(Timestamp at, std::string_view extension) {
  const std::time_t t = static_cast<std::time_t>(at.seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "jembatan-%Y%m%dT%H%M%SZ.", &tm);
  return std::string(buf) + std::string(extension);
}

std::vector<std::string> BackupsToDelete(std::vector<std::string> names, int keep) {
  std::erase_if(names, [](const std::string& n) {
    return !(n.size() == 28 || n.size() == 32) || !n.starts_with("jembatan-") ||
           !(n.ends_with(".db") || n.ends_with(".pgdump")) || n[17] != 'T' || n[24] != 'Z';
  });
  std::sort(names.begin(), names.end());  // the time in the name sorts as text
  const size_t kept = static_cast<size_t>(std::max(keep, 0));
  if (names.size() <= kept) return {};
  names.resize(names.size() - kept);
  return names;
}

}  // namespace jembatan::app
