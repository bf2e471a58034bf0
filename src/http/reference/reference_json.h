// What the API shows of units and categories.
#pragma once

#include <boost/json/object.hpp>

#include "app/reference/registry.h"
#include "http/json_codec.h"

namespace jembatan::http {

boost::json::object UnitToJson(const Unit& u, const app::Registry& reg);
boost::json::object CategoryToJson(const Category& c);

}  // namespace jembatan::http
