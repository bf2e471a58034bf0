// Handlers of /open311 (see open311.h). Each parses its request, calls one use case and renders
// the answer in the format the path asks for.
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <map>

#include "app/accounts/api_keys.h"
#include "app/cases/case_commands.h"
#include "app/cases/case_queries.h"
#include "app/channels/outbox.h"
#include "channels/decode_support.h"
#include "channels/open311/open311.h"
#include "channels/open311/open311_format.h"
#include "channels/open311/open311_mapping.h"
#include "channels/provider.h"
#include "core/cases/intake.h"
#include "core/channels/notice_text.h"
#include "core/common/csv.h"
#include "core/common/validation.h"
#include "core/reference/locate.h"
#include "http/api_support.h"
#include "http/deferred.h"
#include "http/media_type.h"

namespace jembatan::channels {
namespace json = boost::json;
using open311::Format;
using open311::RenderError;
namespace {

constexpr int kMaxRequestsListed = 1000;                      // the spec's default query limit
constexpr int64_t kDefaultSpanSeconds = 90 * kSecondsPerDay;  // ... and its 90 days
constexpr size_t kMaxDescriptionChars = 4000;
constexpr size_t kMaxIdsPerQuery = 100;
constexpr size_t kMaxFieldBytes = size_t{16} * 1024;
constexpr std::string_view kSpecification = "http://wiki.open311.org/GeoReport_v2";
constexpr std::string_view kChangeset = "2026-11-23T00:00:00Z";  // when this API last changed

int StatusOf(const Error& e) {
  switch (e.kind) {
    case ErrorKind::kNotFound:
      return 404;
    case ErrorKind::kUnauthorized:
    case ErrorKind::kForbidden:
      return 403;
    case ErrorKind::kInternal:
    case ErrorKind::kUnavailable:
      return 500;
    default:
      return 400;
  }
}

http::Response ErrorFor(Format f, const Error& e) {
  const int status = StatusOf(e);
  if (status == 500) spdlog::error("open311: {}", e.message);
  return RenderError(f, status,
                     status == 500 ? "internal error; please try again later" : e.message);
}

std::string Language(const Open311Deps& d) {
  std::string lang = d.config.Get("open311", "language", "id");
  return IsSupportedLanguage(lang) ? lang : "id";
}

std::string Jurisdiction(const Open311Deps& d) {
  const Unit* province = d.registry->units.Province();
  return d.config.Get("open311", "jurisdiction_id", province ? province->code : "");
}

// Form fields (POST) or query parameters (GET): the first value of each key, plus the values
// of repeated keys for multivaluelist attributes.
class Params {
 public:
  static Params FromQuery(const http::Request& req) {
    Params p;
    for (const auto& [k, v] : req.query) p.values_[k].push_back(v);
    return p;
  }
  static Result<Params> FromForm(const http::Request& req) {
    Params p = FromQuery(req);  // clients put jurisdiction_id in the query string too
    auto fields = ParseFormBody(req.body);
    if (!fields) return fields.error();
    for (auto& [key, value] : *fields) {
      if (!IsValidUtf8(key) || !IsValidUtf8(value)) {
        return Error::Invalid("every field must be UTF-8 text");
      }
      if (value.size() > kMaxFieldBytes) return Error::Invalid(key + " is too long", key);
      p.values_[std::move(key)].push_back(std::move(value));
    }
    return p;
  }
  // "" when absent: the spec treats an empty optional argument as an absent one.
  std::string Get(const std::string& key) const {
    auto it = values_.find(key);
    return it == values_.end() || it->second.empty() ? std::string() : it->second.front();
  }

 private:
  std::map<std::string, std::vector<std::string>> values_;
};

Status CheckJurisdiction(const Open311Deps& d, const Params& p) {
  const std::string given = p.Get("jurisdiction_id");
  if (!given.empty() && given != Jurisdiction(d)) {
    return Error::NotFound("jurisdiction_id " + given + " was not found");
  }
  return Status::Ok();
}

// Safe to echo into discovery: a host name, an IPv4/IPv6 address and a port.
bool IsPlainHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (unsigned char c : host) {
    if (!std::isalnum(c) && c != '.' && c != '-' && c != ':' && c != '[' && c != ']') return false;
  }
  return true;
}

http::Response Discovery(const Open311Deps& d, const http::Request& req, Format f) {
  std::string url = d.config.Get("open311", "base_url");
  if (url.empty()) {
    const std::string_view host = req.Header("host");
    url = "http://" + std::string(IsPlainHost(host) ? host : "localhost") + "/open311/v2/";
  }
  json::object endpoint{{"specification", kSpecification},
                        {"url", url},
                        {"changeset", kChangeset},
                        {"type", "production"},
                        {"formats", json::array{"text/xml", "application/json"}}};
  json::object doc{{"changeset", kChangeset},
                   {"contact", d.config.Get("open311", "contact")},
                   {"key_service", d.config.Get("open311", "key_service")},
                   {"endpoints", json::array{std::move(endpoint)}}};
  return open311::Render(200, f, "discovery", doc);
}

http::Response ServiceList(const Open311Deps& d, Format f) {
  const std::string lang = Language(d);
  json::array services;
  for (const auto& [code, c] : d.registry->categories) {
    services.push_back(open311::ServiceToJson(c, *d.registry, lang));
  }
  return open311::Render(200, f, "services", services);
}

http::Response ServiceDefinition(const Open311Deps& d, const std::string& code, Format f) {
  const Category* c = d.registry->FindCategory(code);
  if (c == nullptr) return RenderError(f, 404, "service_code " + code + " was not found");
  return open311::Render(200, f, "service_definition",
                         open311::ServiceDefinitionToJson(*c, Language(d)));
}

http::Response RenderRequests(const Open311Deps& d, const std::vector<Case>& cases, Format f) {
  const std::string lang = Language(d);
  json::array out;
  out.reserve(cases.size());
  for (const Case& c : cases) out.push_back(open311::RequestToJson(c, *d.registry, lang));
  return open311::Render(200, f, "service_requests", out);
}

// Cases by tracking code, public view; unknown codes are left out of the list.
Result<std::vector<Case>> CasesByCode(app::ReadTx& tx, const app::Registry& reg,
                                      const std::vector<std::string_view>& codes) {
  if (codes.size() > kMaxIdsPerQuery) {
    return Error::Invalid("at most 100 service_request_id values at once", "service_request_id");
  }
  std::vector<Case> out;
  for (std::string_view code : codes) {
    auto view = app::GetCase(tx, reg, code, nullptr);
    if (!view) {
      if (view.error().kind == ErrorKind::kNotFound) continue;
      return view.error();
    }
    out.push_back(std::move(view->c));
  }
  return out;
}

Result<std::vector<Case>> QueryRequests(const Open311Deps& d, app::ReadTx& tx,
                                        const http::Request& req, const Params& p) {
  const app::Registry& reg = *d.registry;
  if (const std::string ids = p.Get("service_request_id"); !ids.empty()) {
    return CasesByCode(tx, reg, SplitCommaList(ids));  // "This overrides all other arguments."
  }
  app::ListQuery q;
  q.limit = kMaxRequestsListed;
  if (const std::string codes = p.Get("service_code"); !codes.empty()) {
    for (std::string_view code : SplitCommaList(codes)) {
      if (reg.FindCategory(code) != nullptr) q.categories.emplace_back(code);
    }
    if (q.categories.empty()) return std::vector<Case>{};  // no such service: nothing matches
  }
  if (const std::string status = p.Get("status"); !status.empty()) {
    auto statuses = open311::StatusesFor(status);
    if (!statuses) return statuses.error();
    q.statuses = std::move(statuses.value());
  }
  auto start = http::QueryTime(req, "start_date", reg, false);
  if (!start) return start.error();
  auto end = http::QueryTime(req, "end_date", reg, false);
  if (!end) return end.error();
  // The spec's window: 90 days, ending now unless said otherwise.
  Timestamp to = end->value_or(
      start->has_value() ? Timestamp{(*start)->seconds + kDefaultSpanSeconds} : d.clock());
  Timestamp from = start->value_or(Timestamp{to.seconds - kDefaultSpanSeconds});
  if (to < from) return Error::Invalid("end_date is before start_date", "end_date");
  if (to.seconds - from.seconds > kDefaultSpanSeconds) {
    return Error::Invalid("start_date and end_date may not span more than 90 days", "end_date");
  }
  q.created_from = from;
  q.created_to = Timestamp{to.seconds + 1};  // end_date is inclusive
  auto page = app::ListCases(tx, reg, q, nullptr);
  if (!page) return page.error();
  std::vector<Case> out;
  out.reserve(page->cases.size());
  for (app::CaseView& v : page->cases) out.push_back(std::move(v.c));
  return out;
}

// --- POST requests ---------------------------------------------------------------------------

struct Location {
  std::string unit;  // code
  std::optional<double> lat;
  std::optional<double> lon;
};

Result<std::optional<double>> Number(const Params& p, const std::string& key) {
  const std::string text = p.Get(key);
  if (text.empty()) return std::optional<double>{};
  const std::optional<double> v = ParseDecimal(text);
  if (!v) return Error::Invalid(key + " must be a number", key);
  return std::optional<double>{*v};
}

std::string Choices(const std::vector<const Unit*>& candidates, const UnitDirectory& units) {
  std::string out;
  for (const Unit* u : candidates) {
    if (!out.empty()) out += "; ";
    const Unit* parent = units.Parent(*u);
    out += u->code + " " + u->name + (parent ? " (" + parent->name + ")" : "");
  }
  return out;
}

// Our unit code (attribute or address_id) first, then the point, then the typed address.
Result<Location> Locate(const app::Registry& reg, const Params& p) {
  Location loc;
  auto lat = Number(p, "lat");
  if (!lat) return lat.error();
  auto lon = Number(p, "long");
  if (!lon) return lon.error();
  if (lat->has_value() != lon->has_value()) {
    return Error::Invalid("lat and long must both be sent", lat->has_value() ? "long" : "lat");
  }
  if (*lat && !IsValidCoordinate(**lat, **lon)) {
    return Error::Invalid("lat must lie in [-90, 90] and long in [-180, 180]", "lat");
  }
  loc.lat = *lat;
  loc.lon = *lon;
  loc.unit = p.Get("attribute[" + std::string(open311::kUnitAttribute) + "]");
  if (loc.unit.empty()) loc.unit = p.Get("address_id");
  if (!loc.unit.empty()) return loc;  // PrepareCase checks the code
  if (loc.lat) {
    const Unit* u = NearestUnit(reg.units, *loc.lat, *loc.lon);
    if (u == nullptr) {
      return Error::Invalid("lat/long lie outside the province (no village within 20 km)", "lat");
    }
    loc.unit = u->code;
    return loc;
  }
  const std::string address = p.Get("address_string");
  if (address.empty()) {
    return Error::Invalid("a location is required: lat & long, address_string or address_id",
                          "address_string");
  }
  const PlaceMatch m = FindAddress(reg.places, address);
  if (m.unit != nullptr) {
    loc.unit = m.unit->code;
    return loc;
  }
  if (!m.candidates.empty()) {
    return Error::Invalid(
        "address_string fits several places, send attribute[unit] with one "
        "of: " +
            Choices(m.candidates, reg.units),
        "address_string");
  }
  return Error::Invalid(
      "address_string names no village or commune we know; send "
      "attribute[unit] with a unit code",
      "address_string");
}

Result<SubmitRequest> ReadSubmission(const Open311Deps& d, const Params& p) {
  const app::Registry& reg = *d.registry;
  const std::string service_code = p.Get("service_code");
  if (service_code.empty()) return Error::Invalid("service_code was not provided", "service_code");
  const Category* cat = reg.FindCategory(service_code);
  if (cat == nullptr) return Error::NotFound("service_code " + service_code + " was not found");
  auto loc = Locate(reg, p);
  if (!loc) return loc.error();
  SubmitRequest s;
  s.category = cat->code;
  s.unit = loc->unit;
  s.lat = loc->lat;
  s.lon = loc->lon;
  s.channel = "open311";
  s.language = Language(d);
  s.body = p.Get("description");
  if (CodePointCount(s.body) > kMaxDescriptionChars) {
    return Error::Invalid("description is limited to 4,000 characters", "description");
  }
  // The spec makes description optional; a case needs words, so say what was chosen.
  if (s.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    s.body = cat->Name(s.language) + " — " + p.Get("address_string");
    if (p.Get("address_string").empty()) s.body = cat->Name(s.language);
  }
  s.title = p.Get("attribute[" + std::string(open311::kTitleAttribute) + "]");
  s.visibility = p.Get("attribute[" + std::string(open311::kVisibilityAttribute) + "]");
  std::string name = p.Get("first_name");
  if (const std::string last = p.Get("last_name"); !last.empty()) {
    name += (name.empty() ? "" : " ") + last;
  }
  const std::string phone = p.Get("phone");
  // Consent to SMS updates is an attribute of every service (the spec has no field for it).
  const std::string updates =
      p.Get("attribute[" + std::string(open311::kSmsUpdatesAttribute) + "]");
  if (!updates.empty() && updates != "yes" && updates != "no") {
    return Error::Invalid("attribute[sms_updates] must be yes or no", "attribute[sms_updates]");
  }
  if (!name.empty() || !phone.empty()) s.reporter = Contact{name, phone, updates == "yes"};
  return s;
}

http::Reply PostRequest(const Open311Deps& d, const http::Request& req, Format f) {
  if (http::MediaTypeOf(req.content_type) != "application/x-www-form-urlencoded") {
    return RenderError(f, 400, "send the request as application/x-www-form-urlencoded");
  }
  auto p = Params::FromForm(req);
  if (!p) return ErrorFor(f, p.error());
  if (auto s = CheckJurisdiction(d, *p); !s) return ErrorFor(f, s.error());
  {
    auto tx = app::BeginRead(d.db);
    if (!tx) return ErrorFor(f, tx.error());
    if (auto key = app::CheckApiKey(**tx, p->Get("api_key")); !key) {
      return ErrorFor(f, key.error());
    }
  }
  auto submission = ReadSubmission(d, *p);
  if (!submission) return ErrorFor(f, submission.error());
  auto prepared = app::PrepareFiling(*d.registry, *submission, d.clock());
  if (!prepared) return ErrorFor(f, prepared.error());
  auto reg = d.registry;
  const std::string lang = submission->language;
  return http::WriteThen<app::Receipt>(
      [&d, reg, prepared = std::move(prepared.value())](app::WriteTx& tx, Timestamp) {
        return app::FileCase(tx, *reg, prepared, nullptr, d.random, app::ReceiptTo::AgreedSms());
      },
      [reg, f, lang](const app::Receipt& receipt) {
        json::array out{json::object{{"service_request_id", receipt.c.code},
                                     {"service_notice", app::ReceiptText(*reg, receipt, lang)},
                                     {"account_id", nullptr}}};
        return open311::Render(200, f, "service_requests", out);
      },
      [f](const Error& e) { return ErrorFor(f, e); });
}

// Runs `body` with a read transaction, or renders the error.
http::Reply WithRead(const Open311Deps& d, Format f,
                     const std::function<http::Response(app::ReadTx&)>& body) {
  auto tx = app::BeginRead(d.db);
  if (!tx) return ErrorFor(f, tx.error());
  return body(**tx);
}

}  // namespace

void AddOpen311Routes(http::Router& router, const Open311Deps& deps) {
  const Open311Deps& d = deps;

  auto top_level = [&d](const http::Request& req, const http::PathParams& p) -> http::Reply {
    auto res = open311::ParseResource(p[0]);
    if (!res) return RenderError(Format::kXml, 404, p[0] + " does not exist: add .xml or .json");
    const Params params = Params::FromQuery(req);
    if (auto s = CheckJurisdiction(d, params); !s) return ErrorFor(res->format, s.error());
    if (res->name == "discovery") return Discovery(d, req, res->format);
    if (res->name == "services") return ServiceList(d, res->format);
    if (res->name == "requests") {
      return WithRead(d, res->format, [&](app::ReadTx& tx) {
        auto cases = QueryRequests(d, tx, req, params);
        if (!cases) return ErrorFor(res->format, cases.error());
        return RenderRequests(d, *cases, res->format);
      });
    }
    return RenderError(res->format, 404, p[0] + " does not exist");
  };
  router.Add("GET", "/open311/v2/{file}", top_level);
  router.Add("GET", "/open311/{file}",
             [top_level](const http::Request& req, const http::PathParams& p) -> http::Reply {
               auto res = open311::ParseResource(p[0]);
               if (!res || res->name != "discovery") {
                 return RenderError(res ? res->format : Format::kXml, 404,
                                    "see /open311/discovery.xml");
               }
               return top_level(req, p);
             });

  router.Add("POST", "/open311/v2/{file}",
             [&d](const http::Request& req, const http::PathParams& p) -> http::Reply {
               auto res = open311::ParseResource(p[0]);
               if (!res) return RenderError(Format::kXml, 404, p[0] + " does not exist");
               if (res->name != "requests") {
                 return RenderError(res->format, 400, "only requests accepts POST");
               }
               return PostRequest(d, req, res->format);
             });

  // GET <collection>/{id}.{fmt}: `answer` gets the id (the file name without its suffix).
  using ItemHandler = std::function<http::Reply(const std::string& id, Format f)>;
  auto add_item = [&router, &d](std::string_view pattern, ItemHandler answer) {
    router.Add("GET", pattern,
               [&d, answer = std::move(answer)](const http::Request& req,
                                                const http::PathParams& p) -> http::Reply {
                 auto res = open311::ParseResource(p[0]);
                 if (!res) return RenderError(Format::kXml, 404, p[0] + ": add .xml or .json");
                 if (auto s = CheckJurisdiction(d, Params::FromQuery(req)); !s) {
                   return ErrorFor(res->format, s.error());
                 }
                 return answer(res->name, res->format);
               });
  };

  add_item("/open311/v2/services/{file}", [&d](const std::string& code, Format f) -> http::Reply {
    return ServiceDefinition(d, code, f);
  });

  add_item("/open311/v2/requests/{file}", [&d](const std::string& id, Format f) {
    return WithRead(d, f, [&](app::ReadTx& tx) {
      auto cases = CasesByCode(tx, *d.registry, {id});
      if (!cases) return ErrorFor(f, cases.error());
      if (cases->empty()) return RenderError(f, 404, "service_request_id " + id + " was not found");
      return RenderRequests(d, *cases, f);
    });
  });

  // Every service is realtime: POST returns service_request_id, never a token.
  add_item("/open311/v2/tokens/{file}", [](const std::string& token, Format f) -> http::Reply {
    return RenderError(f, 404, "token " + token + " was not found");
  });
}

Provider Open311Provider() {
  return Provider{"open311",
                  {
                      {"open311", "jurisdiction_id", false},
                      {"open311", "language", false},
                      {"open311", "contact", false},
                      {"open311", "key_service", false},
                      {"open311", "base_url", false},
                  }};
}

}  // namespace jembatan::channels
