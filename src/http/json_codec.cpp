#include "http/json_codec.h"

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <set>
#include <vector>

#include "core/common/validation.h"

namespace jembatan::http {
namespace json = boost::json;

namespace {

// Boost.JSON keeps the last of two members with one name, silently; a body that names a field
// twice is refused instead, before it is parsed into a value: which of the two was meant cannot
// be known. The parser's events are followed for the object keys only (the first duplicate
// found is named).
class DuplicateKeys {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code&) { return true; }
  bool on_array_end(std::size_t, boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code&) {
    keys_.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) {
    keys_.pop_back();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, boost::system::error_code&) { return true; }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code& ec) {
    key_.append(s.data(), s.size());
    if (!keys_.back().insert(key_).second) {
      duplicate_ = key_;
      ec = json::error::syntax;  // stops the parse; the caller names the key
      return false;
    }
    key_.clear();
    return true;
  }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(int64_t, json::string_view, boost::system::error_code&) { return true; }
  bool on_uint64(uint64_t, json::string_view, boost::system::error_code&) { return true; }
  bool on_double(double, json::string_view, boost::system::error_code&) { return true; }
  bool on_bool(bool, boost::system::error_code&) { return true; }
  bool on_null(boost::system::error_code&) { return true; }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

  [[nodiscard]] const std::optional<std::string>& duplicate() const { return duplicate_; }

 private:
  std::vector<std::set<std::string>> keys_;
  std::string key_;
  std::optional<std::string> duplicate_;
};

// The first name given twice in one object of `body`, if any (`body` is valid JSON).
std::optional<std::string> DuplicateKey(std::string_view body, const json::parse_options& opts) {
  json::basic_parser<DuplicateKeys> p(opts);
  boost::system::error_code ec;
  p.write_some(false, body.data(), body.size(), ec);
  return p.handler().duplicate();
}

}  // namespace

std::string FieldPath(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : std::string(prefix) + "." + std::string(key);
}

json::value OptTime(const std::optional<Timestamp>& t, const json::storage_ptr& sp) {
  if (!t) return json::value(nullptr, sp);
  return json::value(FormatTimestamp(*t), sp);
}

json::value UnitRef(const app::Registry& reg, std::optional<int64_t> id,
                    const json::storage_ptr& sp) {
  const Unit* u = id ? reg.units.FindById(*id) : nullptr;
  if (u == nullptr) return json::value(nullptr, sp);
  json::object o(sp);
  o.reserve(3);
  o.emplace("code", u->code);
  o.emplace("name", u->name);
  o.emplace("level", ToString(u->level));
  return o;
}

Result<json::object> ParseObject(std::string_view body) {
  json::parse_options opts;
  opts.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec) return Error::Invalid("the body is not valid JSON: " + ec.message());
  if (!v.is_object()) return Error::Invalid("the body must be a JSON object");
  if (auto key = DuplicateKey(body, opts)) {
    if (key->size() > 64 || !IsValidUtf8(*key))
      return Error::Invalid("the body names a field twice");
    return Error::Invalid("the body names " + *key + " twice", *key);
  }
  return std::move(v.get_object());
}

Status OnlyFields(const json::object& o, std::initializer_list<std::string_view> allowed,
                  std::string_view prefix) {
  for (const auto& kv : o) {
    bool known = false;
    for (auto a : allowed) known = known || kv.key() == a;
    if (!known) {
      const std::string p = FieldPath(prefix, kv.key());
      return Error::Invalid("unknown field " + p, p);
    }
  }
  return Status::Ok();
}

Status ReadString(const json::object& o, std::string_view key, std::string& out,
                  std::string_view prefix) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_string()) {
    const std::string p = FieldPath(prefix, key);
    return Error::Invalid(p + " must be a string", p);
  }
  out = it->value().get_string();
  return Status::Ok();
}

Status ReadBool(const json::object& o, std::string_view key, bool& out, std::string_view prefix) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_bool()) {
    const std::string p = FieldPath(prefix, key);
    return Error::Invalid(p + " must be true or false", p);
  }
  out = it->value().get_bool();
  return Status::Ok();
}

Status ReadInt(const json::object& o, std::string_view key, std::optional<int64_t>& out,
               int64_t min, int64_t max, std::string_view prefix) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  const std::string p = FieldPath(prefix, key);
  const json::value& v = it->value();
  if (!v.is_int64() || v.get_int64() < min || v.get_int64() > max) {
    return Error::Invalid(
        p + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max),
        p);
  }
  out = v.get_int64();
  return Status::Ok();
}

Status ReadDate(const json::object& o, std::string_view key, std::optional<Date>& out,
                std::string_view prefix) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  const std::string p = FieldPath(prefix, key);
  std::optional<Date> d;
  if (it->value().is_string()) d = ParseDate(it->value().get_string());
  if (!d) return Error::Invalid(p + " must be a date YYYY-MM-DD", p);
  out = d;
  return Status::Ok();
}

Status RequireString(const json::object& o, std::string_view key, std::string& out) {
  if (auto s = ReadString(o, key, out); !s) return s;
  if (out.empty()) return Error::Invalid(std::string(key) + " is required", std::string(key));
  return Status::Ok();
}

Status ReadCodes(const json::object& o, std::string_view key, size_t min, size_t max,
                 std::vector<std::string>& out) {
  const std::string field(key);
  const std::string wanted =
      field + ": " + std::to_string(min) + " to " + std::to_string(max) + " codes";
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (min > 0) return Error::Invalid(wanted, field);
    return Status::Ok();
  }
  if (!it->value().is_array()) return Error::Invalid(wanted, field);
  const json::array& codes = it->value().get_array();
  if (codes.size() < min || codes.size() > max) return Error::Invalid(wanted, field);
  for (const json::value& v : codes) {
    if (!v.is_string()) return Error::Invalid(wanted, field);
    out.emplace_back(v.get_string());
  }
  return Status::Ok();
}

std::string Serialize(const json::value& v) { return json::serialize(v); }

}  // namespace jembatan::http
