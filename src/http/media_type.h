// The media type of a Content-Type header, without parameters or blanks, in lower case:
// "Text/CSV ; charset=utf-8" -> "text/csv". Every check of a request's type goes through it.
#pragma once

#include <string>
#include <string_view>

namespace jembatan::http {

std::string MediaTypeOf(std::string_view content_type);

}  // namespace jembatan::http
