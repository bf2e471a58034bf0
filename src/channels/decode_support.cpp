#include "channels/decode_support.h"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>
#include <cctype>
#include <charconv>

#include "core/common/validation.h"

namespace jembatan::channels {
namespace json = boost::json;

Result<json::object> ParseJsonObject(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(json::string_view(body.data(), body.size()), ec);  // checks UTF-8
  if (ec) return Error::Invalid("the body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::Invalid("the body must be a JSON object");
  return std::move(v.as_object());
}

Result<std::optional<std::string>> StringField(const json::object& o, std::string_view key,
                                               size_t max_bytes) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<std::string>{};
  if (!it->value().is_string()) {
    return Error::Invalid(std::string(key) + " must be a string", std::string(key));
  }
  const auto& s = it->value().as_string();
  if (s.size() > max_bytes) {
    return Error::Invalid(std::string(key) + " is too long", std::string(key));
  }
  return std::optional<std::string>{std::string(s)};
}

const json::object* ObjectField(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_object()) return nullptr;
  return &it->value().as_object();
}

std::optional<std::string> IntegerAsText(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  if (it->value().is_int64()) return std::to_string(it->value().as_int64());
  if (it->value().is_uint64()) return std::to_string(it->value().as_uint64());
  return std::nullopt;
}

std::optional<double> NumberField(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end()) return std::nullopt;
  const json::value& v = it->value();
  if (v.is_double()) return v.as_double();
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_string()) return ParseDecimal(v.as_string());  // Zalo sends coordinates as strings
  return std::nullopt;
}

Status CheckText(const std::string& text) {
  if (text.size() > kMaxInboundTextBytes) return Error::Invalid("the message is too long", "text");
  if (!IsValidUtf8(text)) return Error::Invalid("the message is not valid UTF-8", "text");
  return Status::Ok();
}

Result<std::string> CheckPhone(const std::string& raw, const char* field) {
  if (auto s = ValidatePhone(field, raw); !s) return s.error();
  return NormalizePhone(raw);
}

Status CheckLocation(InboundMessage& m) {
  if (!m.lat && !m.lon) return Status::Ok();
  if (!m.lat || !m.lon) return Error::Invalid("a location needs both latitude and longitude");
  return ValidateLatLon(*m.lat, *m.lon);
}

bool IsHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<FormFields> ParseFormBody(std::string_view body) {
  // libboost_url 1.81's parse_query reads up to a NUL (strlen) when called from clang builds;
  // a NUL-terminated copy keeps it inside the buffer whatever the compiler (found by fuzzing).
  const std::string terminated(body);
  auto params = boost::urls::parse_query(terminated);
  if (!params) return Error::Invalid("the body is not application/x-www-form-urlencoded");
  const boost::urls::encoding_opts form(true);  // '+' is a space in form bodies
  FormFields out;
  for (const auto& p : *params) out.emplace_back(p.key.decode(form), p.value.decode(form));
  return out;
}

}  // namespace jembatan::channels
