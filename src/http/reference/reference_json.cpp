#include "http/reference/reference_json.h"

#include <boost/json.hpp>

namespace jembatan::http {
namespace json = boost::json;

json::object UnitToJson(const Unit& u, const app::Registry& reg) {
  json::object o;
  o["code"] = u.code;
  o["name"] = u.name;
  o["level"] = ToString(u.level);
  const Unit* parent = reg.units.Parent(u);
  o["parent"] = parent ? json::value(parent->code) : json::value(nullptr);
  o["remote"] = u.remote;
  o["ethnic_minority"] = u.ethnic_minority;
  o["live"] = u.live();
  const Unit* into = u.merged_into_id ? reg.units.FindById(*u.merged_into_id) : nullptr;
  o["merged_into"] = into ? json::value(into->code) : json::value(nullptr);
  o["valid_from"] = u.valid_from ? json::value(FormatDate(*u.valid_from)) : json::value(nullptr);
  o["valid_to"] = u.valid_to ? json::value(FormatDate(*u.valid_to)) : json::value(nullptr);
  if (u.lat && u.lon) o["location"] = json::object{{"lat", *u.lat}, {"lon", *u.lon}};
  return o;
}

json::object CategoryToJson(const Category& c) {
  return json::object{
      {"code", c.code},
      {"names", json::object{{"id", c.name_id}, {"vi", c.name_vi}, {"en", c.name_en}}},
      {"handling_level", c.province_level() ? "province" : "commune"},
      {"handling_unit",
       c.province_level() ? json::value(c.handling_unit_code) : json::value(nullptr)},
      {"deadlines", json::object{{"acknowledge_working_days", c.ack_days},
                                 {"resolve_working_days", c.resolve_days},
                                 {"remote_extra_working_days", c.remote_extra_days}}},
  };
}

}  // namespace jembatan::http
