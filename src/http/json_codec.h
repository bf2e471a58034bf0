// JSON shared by every area's routes (Boost.JSON): strict reading of request bodies (types
// checked, unknown fields refused), the small pieces every reply uses (times, unit references),
// and one arena per reply. Each area's shapes are in its folder: http/cases/case_json.h,
// http/reference/reference_json.h.
#pragma once

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/reference/registry.h"
#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan::http {

constexpr size_t kMaxJsonDepth = 16;

// Parses a request body that must be a JSON object. Invalid JSON, invalid UTF-8, too deep
// nesting or a non-object are errors.
Result<boost::json::object> ParseObject(std::string_view body);

// Refuses fields not in `allowed`.
Status OnlyFields(const boost::json::object& o, std::initializer_list<std::string_view> allowed,
                  std::string_view prefix = {});
// A string field: absent (or null) leaves `out` unchanged; another type is an error.
Status ReadString(const boost::json::object& o, std::string_view key, std::string& out,
                  std::string_view prefix = {});
// The same for true/false, a whole number within [min, max], and a "YYYY-MM-DD" date.
Status ReadBool(const boost::json::object& o, std::string_view key, bool& out,
                std::string_view prefix = {});
Status ReadInt(const boost::json::object& o, std::string_view key, std::optional<int64_t>& out,
               int64_t min, int64_t max, std::string_view prefix = {});
Status ReadDate(const boost::json::object& o, std::string_view key, std::optional<Date>& out,
                std::string_view prefix = {});
// A string field that must be there and not be empty.
Status RequireString(const boost::json::object& o, std::string_view key, std::string& out);
// An array of `min` to `max` strings (codes of records); absent or null is none, which is refused
// when `min` is above 0.
Status ReadCodes(const boost::json::object& o, std::string_view key, size_t min, size_t max,
                 std::vector<std::string>& out);
// "prefix.key", or "key" without a prefix: how an error names a nested field.
std::string FieldPath(std::string_view prefix, std::string_view key);

// `sp` is the memory the result lives in: replies build their whole document in one
// monotonic arena (see JsonArena) instead of a heap allocation per node.

// An RFC 3339 time, or null.
boost::json::value OptTime(const std::optional<Timestamp>& t, const boost::json::storage_ptr& sp);
// {code, name, level} of the unit, or null when there is none.
boost::json::value UnitRef(const app::Registry& reg, std::optional<int64_t> id,
                           const boost::json::storage_ptr& sp);

std::string Serialize(const boost::json::value& v);

// An arena for one reply's JSON document: a stack buffer first, then larger heap blocks, all
// freed at once when the reply has been serialized.
class JsonArena {
 public:
  JsonArena() : resource_(buffer_, sizeof buffer_), sp_(&resource_) {}
  const boost::json::storage_ptr& storage() const { return sp_; }

 private:
  unsigned char buffer_[16 * 1024];
  boost::json::monotonic_resource resource_;
  boost::json::storage_ptr sp_;
};

}  // namespace jembatan::http
