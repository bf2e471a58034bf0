// The registry (issue 16): the organizations that mobilize, the people in them, the households
// they serve. A person's name, phone and household, and a household's head and phone, are
// personal data under the same rules as a reporter's contact (docs/registry.md, "Privacy"): staff
// whose unit covers the record see them; public views never do.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan {

enum class OrganizationKind {
  kPartyCell,                  // chi bộ
  kCoreMobilizationGroup,      // tổ dân vận nòng cốt
  kMilitiaUnit,                // đơn vị dân quân
  kFrontWorkCommittee,         // ban công tác Mặt trận
  kCommunityMobilizationTeam,  // tổ dân vận cộng đồng
  kYouthClub,
  kOther,
};
std::string_view ToString(OrganizationKind k);
std::optional<OrganizationKind> ParseOrganizationKind(std::string_view text);

struct Organization {
  int64_t id = 0;
  std::string code;  // stable, unique: what CSV imports match on
  OrganizationKind kind = OrganizationKind::kOther;
  std::string name;
  int64_t unit_id = 0;  // the village, commune or province it belongs to
  std::optional<int64_t> parent_id;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;  // the last day it existed
  bool operator==(const Organization&) const = default;
};

enum class Sex { kFemale, kMale, kOther };
std::string_view ToString(Sex s);
std::optional<Sex> ParseSex(std::string_view text);

struct Person {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::optional<Sex> sex;
  std::optional<int> birth_year;
  std::string ethnic_group;  // "" when not recorded
  int64_t unit_id = 0;       // unit of residence (a village)
  std::optional<int64_t> household_id;
  std::string phone;  // normalized; "" when none
  bool party_member = false;
  bool prestigious = false;  // người có uy tín
  std::optional<int64_t> user_id;
  bool operator==(const Person&) const = default;
};

enum class Poverty { kNone, kNearPoor, kPoor };
std::string_view ToString(Poverty p);
std::optional<Poverty> ParsePoverty(std::string_view text);

struct Household {
  int64_t id = 0;
  std::string code;
  int64_t unit_id = 0;  // its village
  std::string head_name;
  int size = 1;
  std::string phone;
  Poverty poverty = Poverty::kNone;
  std::optional<Date> poverty_assessed;  // the assessment the status comes from
  bool operator==(const Household&) const = default;
};

// Field checks of each record as it comes from outside (the API, a CSV row): lengths, ranges,
// codes. References (units, parents, households) are the use case's to check. `today` bounds a
// birth year and the dates.
Status ValidateOrganization(const Organization& o);
Status ValidatePerson(const Person& p, Date today);
Status ValidateHousehold(const Household& h, Date today);
// A registry code: 1 to 40 of A–Z, a–z, 0–9, '-', '_', '.'.
Status ValidateRegistryCode(std::string_view field, std::string_view code);

}  // namespace jembatan
