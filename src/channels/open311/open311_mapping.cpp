#include "channels/open311/open311_mapping.h"

#include <boost/json.hpp>

#include "core/channels/notice_text.h"
#include "core/common/csv.h"

namespace jembatan::channels::open311 {
namespace json = boost::json;
namespace {

// The few words of the service list, per language (id, vi, en).
struct Words {
  std::string_view handled_by_commune;
  std::string_view handled_by;
  std::string_view working_days;
  std::string_view unit_description;
  std::string_view visibility_description;
  std::string_view title_description;
  std::string_view public_name;
  std::string_view private_name;
  std::string_view sms_description;
  std::string_view yes;
  std::string_view no;
};

const Words& WordsFor(std::string_view language) {
  static const Words kId{"Ditangani oleh desa/kelurahan",
                         "Ditangani oleh",
                         "hari kerja",
                         "Kode desa atau kelurahan tempat masalah ini (jika lat/long atau "
                         "address_string tidak menyebutnya)",
                         "Siapa yang boleh membaca laporan ini",
                         "Judul singkat (boleh kosong)",
                         "Publik",
                         "Hanya petugas",
                         "Kirim kabar laporan ini lewat SMS ke nomor telepon Anda",
                         "Ya",
                         "Tidak"};
  static const Words kVi{"Do UBND xã xử lý",
                         "Do đơn vị xử lý:",
                         "ngày làm việc",
                         "Mã thôn hoặc xã nơi xảy ra sự việc (nếu lat/long hoặc "
                         "address_string không nêu)",
                         "Ai được xem phản ánh này",
                         "Tiêu đề ngắn (không bắt buộc)",
                         "Công khai",
                         "Chỉ cán bộ",
                         "Gửi tin về phản ánh này qua SMS đến số điện thoại của bạn",
                         "Có",
                         "Không"};
  static const Words kEn{"Handled by the commune",
                         "Handled by",
                         "working days",
                         "Code of the village or commune concerned (when lat/long or "
                         "address_string do not say it)",
                         "Who may read this report",
                         "A short title (optional)",
                         "Public",
                         "Staff only",
                         "Send news of this report by SMS to your phone number",
                         "Yes",
                         "No"};
  if (language == "vi") return kVi;
  if (language == "en") return kEn;
  return kId;
}

json::value TextOrNull(const std::string& s) {
  if (s.empty()) return nullptr;
  return json::value(s);
}

// "Bản Mới, Biên Sơn, <province>": most specific first, as the spec asks.
std::string AddressOf(const Unit* u, const UnitDirectory& units) {
  std::string out;
  for (; u != nullptr; u = units.Parent(*u)) {
    if (!out.empty()) out += ", ";
    out += u->name;
  }
  return out;
}

std::string StatusNotes(const Case& c, std::string_view language) {
  switch (c.status) {
    case CaseStatus::kResolved:
    case CaseStatus::kClosed:
      if (!c.answer.empty()) return c.answer;
      break;
    case CaseStatus::kRejected:
      if (!c.reject_reason.empty()) return c.reject_reason;
      break;
    case CaseStatus::kMerged:
      return Notice(NoticeId::kMerged, language, {{"code", c.code}, {"into", c.merged_into}});
    default:
      break;
  }
  return std::string(StatusWord(c.status, language));
}

}  // namespace

std::string_view OpenOrClosed(CaseStatus s) { return IsOpen(s) ? "open" : "closed"; }

Result<std::vector<CaseStatus>> StatusesFor(std::string_view comma_list) {
  std::vector<CaseStatus> out;
  bool open = false;
  bool closed = false;
  for (std::string_view word : SplitCommaList(comma_list)) {
    if (word == "open") {
      open = true;
    } else if (word == "closed") {
      closed = true;
    } else {
      return Error::Invalid("status must be open, closed or both (comma delimited)", "status");
    }
  }
  for (CaseStatus s :
       {CaseStatus::kReceived, CaseStatus::kAccepted, CaseStatus::kInProgress,
        CaseStatus::kResolved, CaseStatus::kClosed, CaseStatus::kRejected, CaseStatus::kMerged}) {
    if ((IsOpen(s) && open) || (!IsOpen(s) && closed)) out.push_back(s);
  }
  return out;
}

json::object ServiceToJson(const Category& c, const app::Registry& reg, std::string_view language) {
  const Words& w = WordsFor(language);
  std::string description;
  if (c.province_level()) {
    const Unit* dept = reg.units.FindByCode(c.handling_unit_code);
    description = std::string(w.handled_by) + " " + (dept ? dept->name : c.handling_unit_code);
  } else {
    description = std::string(w.handled_by_commune);
  }
  description += ", " + std::to_string(c.resolve_days) + " " + std::string(w.working_days) + ".";
  // Keywords: the name in the other languages, so a client can search in any of them.
  std::string keywords;
  for (std::string_view lang : {"id", "vi", "en"}) {
    if (lang == language) continue;
    if (!keywords.empty()) keywords += ", ";
    keywords += c.Name(lang);
  }
  return json::object{{"service_code", c.code},
                      {"service_name", c.Name(language)},
                      {"description", description},
                      {"metadata", true},
                      {"type", "realtime"},
                      {"keywords", keywords},
                      {"group", c.province_level() ? "province" : "commune"}};
}

namespace {

// One attribute of a service definition, in the spec's element order. `values`: the
// (key, name) pairs of a singlevaluelist; none for a string.
json::object Attribute(
    std::string_view code, int order, std::string_view description,
    json::value datatype_description,
    std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  json::object a{{"variable", true},
                 {"code", code},
                 {"datatype", values.size() == 0 ? "string" : "singlevaluelist"},
                 {"required", false},
                 {"datatype_description", std::move(datatype_description)},
                 {"order", order},
                 {"description", description}};
  if (values.size() != 0) {
    json::array list;
    for (const auto& [key, name] : values)
      list.push_back(json::object{{"key", key}, {"name", name}});
    a.emplace("values", std::move(list));
  }
  return a;
}

}  // namespace

json::object ServiceDefinitionToJson(const Category& c, std::string_view language) {
  const Words& w = WordsFor(language);
  json::array attributes;
  attributes.push_back(Attribute(kUnitAttribute, 1, w.unit_description, "C001-V03", {}));
  attributes.push_back(Attribute(kVisibilityAttribute, 2, w.visibility_description, nullptr,
                                 {{"public", w.public_name}, {"private", w.private_name}}));
  attributes.push_back(Attribute(kTitleAttribute, 3, w.title_description, nullptr, {}));
  attributes.push_back(Attribute(kSmsUpdatesAttribute, 4, w.sms_description, nullptr,
                                 {{"yes", w.yes}, {"no", w.no}}));
  return json::object{{"service_code", c.code}, {"attributes", std::move(attributes)}};
}

json::object RequestToJson(const Case& c, const app::Registry& reg, std::string_view language) {
  const Category* cat = reg.FindCategory(c.category);
  const Unit* place = reg.units.FindById(c.location_unit_id);
  const Unit* agency = reg.units.FindById(c.assigned_unit_id);
  json::object o;
  o["service_request_id"] = c.code;
  o["status"] = OpenOrClosed(c.status);
  o["status_notes"] = StatusNotes(c, language);
  o["service_name"] = cat ? cat->Name(language) : c.category;
  o["service_code"] = c.category;
  o["description"] = TextOrNull(c.body);
  o["agency_responsible"] = agency ? json::value(agency->name) : json::value(nullptr);
  o["service_notice"] = nullptr;
  o["requested_datetime"] = FormatTimestamp(c.created_at);
  o["updated_datetime"] = FormatTimestamp(std::max(c.updated_at, c.created_at));
  if (IsOpen(c.status)) {
    o["expected_datetime"] = FormatTimestamp(c.deadlines.resolve_due);
  } else {
    o["expected_datetime"] = nullptr;
  }
  o["address"] = TextOrNull(AddressOf(place, reg.units));
  o["address_id"] = place ? json::value(place->code) : json::value(nullptr);
  o["zipcode"] = nullptr;
  // The reported point, or the centre of the village when the report has none.
  std::optional<double> lat = c.lat;
  std::optional<double> lon = c.lon;
  if ((!lat || !lon) && place != nullptr) {
    lat = place->lat;
    lon = place->lon;
  }
  o["lat"] = lat && lon ? json::value(*lat) : json::value(nullptr);
  o["long"] = lat && lon ? json::value(*lon) : json::value(nullptr);
  o["media_url"] = nullptr;
  return o;
}

}  // namespace jembatan::channels::open311
