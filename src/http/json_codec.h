// JSON mapping of the domain (Boost.JSON), in one place: what the API shows of a case, an
// event, a unit; and strict reading of request bodies (types checked, unknown fields refused).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "app/cases/case_queries.h"
#include "app/reference/registry.h"
#include "core/cases/case_media.h"
#include "core/cases/intake.h"
#include "core/common/result.h"

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

Result<SubmitRequest> ReadSubmitRequest(const boost::json::object& o);

// A case's photos as the full view lists them: id, status, type, size and the URL of the image.
boost::json::array MediaToJson(const std::string& case_code, const std::vector<CaseMedia>& media,
                               boost::json::storage_ptr sp);

// `sp` is the memory the result lives in: replies build their whole document in one
// monotonic arena (see JsonArena) instead of a heap allocation per node.

// `c` is already disclosed for `access` (core/cases/access.h); the access adds what only it shows:
// contacts, the actions the caller may run, and the `access` field itself.
boost::json::object CaseToJson(const Case& c, const app::Registry& reg, CaseAccess access,
                               const boost::json::storage_ptr& sp = {});
boost::json::object EventToJson(const Event& e, const app::Registry& reg,
                                const boost::json::storage_ptr& sp = {});
boost::json::object UnitToJson(const Unit& u, const app::Registry& reg);
boost::json::object CategoryToJson(const Category& c);
boost::json::object SummaryToJson(const app::Summary& s);

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
