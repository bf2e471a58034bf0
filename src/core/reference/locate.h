// Finding the unit a report is about from what an Open311 client (or any form) gives us
// instead of a unit code: a point (lat/long) or a free-text address.
#pragma once

#include <string_view>

#include "core/reference/place_index.h"
#include "core/reference/unit.h"

namespace jembatan {

// A report further than this from every village centre is outside the province.
constexpr double kMaxDistanceToVillageKm = 20.0;

bool IsValidCoordinate(double lat, double lon);
// Great-circle distance (haversine, mean Earth radius).
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

// The live village whose centre is nearest to the point, if one lies within `max_km`
// (communes count when no village has coordinates). nullptr otherwise.
const Unit* NearestUnit(const UnitDirectory& units, double lat, double lon,
                        double max_km = kMaxDistanceToVillageKm);

// An address written "most specific to most general" (Open311's address_string), e.g.
// "Thôn Bản Mới, xã Biên Sơn, Lục Ngạn": tries each comma-separated part from the most
// specific, with words such as "thôn", "xã", "desa" dropped; a village name found in several
// communes is settled by the next part naming its commune. The match has unit == nullptr when
// nothing fits, and candidates when the address stays ambiguous.
PlaceMatch FindAddress(const PlaceIndex& places, std::string_view address);

}  // namespace jembatan
