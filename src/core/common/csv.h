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

// One record as a line (ending in "\r\n"): a field with a comma, a quote or a line break is
// quoted, quotes doubled. A field a spreadsheet would run as a formula (starting with =, +, -,
// @, a tab or a carriage return) gets a leading apostrophe (OWASP's CSV injection advice).
std::string CsvLine(const std::vector<std::string>& fields);

// A plain comma list ("open,closed", an address "Bản Mới, Biên Sơn"; no quoting): its parts in
// order, empty parts left out. Parts are not trimmed.
std::vector<std::string_view> SplitCommaList(std::string_view list);

}  // namespace jembatan
