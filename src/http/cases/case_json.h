// What the API shows of a case, its events, its photos and the case statistics, and how it reads
// a new report.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "app/cases/case_queries.h"
#include "core/cases/case_media.h"
#include "core/cases/intake.h"
#include "http/json_codec.h"

namespace jembatan::http {

Result<SubmitRequest> ReadSubmitRequest(const boost::json::object& o);

// A case's photos as the full view lists them: id, status, type, size and the URL of the image.
boost::json::array MediaToJson(const std::string& case_code, const std::vector<CaseMedia>& media,
                               boost::json::storage_ptr sp);

// `c` is already disclosed for `access` (core/cases/access.h); the access adds what only it shows:
// contacts, the actions the caller may run, and the `access` field itself.
boost::json::object CaseToJson(const Case& c, const app::Registry& reg, CaseAccess access,
                               const boost::json::storage_ptr& sp = {});
boost::json::object EventToJson(const Event& e, const app::Registry& reg,
                                const boost::json::storage_ptr& sp = {});
boost::json::object SummaryToJson(const app::Summary& s);

}  // namespace jembatan::http
