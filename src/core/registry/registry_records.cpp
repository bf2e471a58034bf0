#include "core/registry/registry_records.h"

#include <array>
#include <utility>

#include "core/common/enum_names.h"
#include "core/common/validation.h"

namespace jembatan {
namespace {

constexpr std::array<std::pair<OrganizationKind, std::string_view>, 7> kKinds = {{
    {OrganizationKind::kPartyCell, "party_cell"},
    {OrganizationKind::kCoreMobilizationGroup, "core_mobilization_group"},
    {OrganizationKind::kMilitiaUnit, "militia_unit"},
    {OrganizationKind::kFrontWorkCommittee, "front_work_committee"},
    {OrganizationKind::kCommunityMobilizationTeam, "community_mobilization_team"},
    {OrganizationKind::kYouthClub, "youth_club"},
    {OrganizationKind::kOther, "other"},
}};
constexpr std::array<std::pair<Sex, std::string_view>, 3> kSexes = {{
    {Sex::kFemale, "female"},
    {Sex::kMale, "male"},
    {Sex::kOther, "other"},
}};
constexpr std::array<std::pair<Poverty, std::string_view>, 3> kPoverty = {{
    {Poverty::kNone, "none"},
    {Poverty::kNearPoor, "near_poor"},
    {Poverty::kPoor, "poor"},
}};

constexpr size_t kMaxName = 200;
constexpr int kOldestBirthYear = 1900;
constexpr int kLargestHousehold = 60;

Status ValidateDates(const std::optional<Date>& from, const std::optional<Date>& to) {
  if (from && to && *to < *from) return Error::Invalid("ends before it begins", "valid_to");
  return Status::Ok();
}

}  // namespace

std::string_view ToString(OrganizationKind k) { return NameOf(kKinds, k); }
std::optional<OrganizationKind> ParseOrganizationKind(std::string_view text) {
  return ValueOf(kKinds, text);
}
std::string_view ToString(Sex s) { return NameOf(kSexes, s); }
std::optional<Sex> ParseSex(std::string_view text) { return ValueOf(kSexes, text); }
std::string_view ToString(Poverty p) { return NameOf(kPoverty, p); }
std::optional<Poverty> ParsePoverty(std::string_view text) { return ValueOf(kPoverty, text); }

Status ValidateRegistryCode(std::string_view field, std::string_view code) {
  constexpr size_t kMaxCode = 40;
  if (code.empty() || code.size() > kMaxCode) {
    return Error::Invalid("a code has 1 to 40 characters", std::string(field));
  }
  for (char c : code) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok)
      return Error::Invalid("a code has only letters, digits, '-', '_' and '.'",
                            std::string(field));
  }
  return Status::Ok();
}

Status ValidateOrganization(const Organization& o) {
  if (auto s = ValidateRegistryCode("code", o.code); !s) return s;
  if (auto s = ValidateText("name", o.name, 1, kMaxName); !s) return s;
  return ValidateDates(o.valid_from, o.valid_to);
}

Status ValidatePerson(const Person& p, Date today) {
  if (auto s = ValidateRegistryCode("code", p.code); !s) return s;
  if (auto s = ValidateText("name", p.name, 1, kMaxName); !s) return s;
  if (auto s = ValidateText("ethnic_group", p.ethnic_group, 0, 60); !s) return s;
  if (!p.phone.empty()) {
    if (auto s = ValidatePhone("phone", p.phone); !s) return s;
  }
  if (p.birth_year) {
    const int this_year = std::stoi(FormatDate(today).substr(0, 4));
    if (*p.birth_year < kOldestBirthYear || *p.birth_year > this_year) {
      return Error::Invalid("a birth year between 1900 and this year", "birth_year");
    }
  }
  return Status::Ok();
}

Status ValidateHousehold(const Household& h, Date today) {
  if (auto s = ValidateRegistryCode("code", h.code); !s) return s;
  if (auto s = ValidateText("head_name", h.head_name, 1, kMaxName); !s) return s;
  if (!h.phone.empty()) {
    if (auto s = ValidatePhone("phone", h.phone); !s) return s;
  }
  if (h.size < 1 || h.size > kLargestHousehold) {
    return Error::Invalid("a household has 1 to 60 members", "size");
  }
  if (h.poverty_assessed && today < *h.poverty_assessed) {
    return Error::Invalid("an assessment cannot be in the future", "poverty_assessed");
  }
  if (h.poverty != Poverty::kNone && !h.poverty_assessed) {
    return Error::Invalid("a poverty status needs the date it was assessed", "poverty_assessed");
  }
  return Status::Ok();
}

}  // namespace jembatan
