// RFC 9457 problem details. Each ErrorKind maps to one status and one stable `type` URI
// (the table in problem.cpp); clients switch on `type`, people read `detail`.
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.h"
#include "http/message.h"

namespace jembatan::http {

constexpr std::string_view kProblemTypeBase = "https://jembatan.example/problems/";

Response Problem(int status, std::string_view type_slug, std::string_view title,
                 std::string_view detail, std::string_view field = {});
Response ProblemFor(const Error& error);
// The HTTP status an error kind is answered with (for replies in a provider's own format).
int StatusFor(ErrorKind kind);

}  // namespace jembatan::http
