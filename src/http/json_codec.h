// JSON mapping of the domain (Boost.JSON), in one place: what the API shows of a case, an
// event, a unit; and strict reading of request bodies (types checked, unknown fields refused).
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <initializer_list>
#include <string>
#include <string_view>

#include "app/case_queries.h"
#include "app/registry.h"
#include "core/intake.h"
#include "core/result.h"

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

boost::json::object CaseToJson(const Case& c, const app::Registry& reg, bool full);
boost::json::object EventToJson(const Event& e, const app::Registry& reg);
boost::json::object UnitToJson(const Unit& u, const app::Registry& reg);
boost::json::object CategoryToJson(const Category& c);
boost::json::object SummaryToJson(const app::Summary& s);

std::string Serialize(const boost::json::value& v);

}  // namespace jembatan::http
