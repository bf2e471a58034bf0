// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. Reports the line number of
// every record so import errors can point at the row a person typed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"

namespace jembatan {

struct CsvRecord {
  int line = 0;  // 1-based line where the record starts
  std::vector<std::string> fields;
};

// REQUIRES: nothing; malformed input (an unterminated quote, a stray quote) is an error that
// names the line.
Result<std::vector<CsvRecord>> ParseCsv(std::string_view text);

// A plain comma list ("open,closed", an address "Bản Mới, Biên Sơn"; no quoting): its parts in
// order, empty parts left out. Parts are not trimmed.
std::vector<std::string_view> SplitCommaList(std::string_view list);

}  // namespace jembatan
