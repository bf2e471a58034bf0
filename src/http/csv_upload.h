// CSV files in and out of the API, shared by the areas that import (paper forms, the registry)
// and export: the content type an upload must have, its all-or-nothing error with one entry per
// bad line, and a CSV reply to download.
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.h"
#include "http/message.h"

namespace jembatan::http {

// The upload is text/csv; otherwise the 415 to answer.
bool IsCsvUpload(const Request& req);
Response NotCsv(std::string_view what);
// An import's refusal: the problem, and for invalid input its "line N: …" lines as
// errors: [{line, message}].
Response ImportProblem(const Error& e);
// A CSV download named `filename`.
Response CsvDownload(std::string body, std::string_view filename);

}  // namespace jembatan::http
