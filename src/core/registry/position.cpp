#include "core/registry/position.h"

#include <array>
#include <string>

#include "core/common/enum_names.h"

namespace jembatan {
namespace {

constexpr std::array<std::pair<Title, std::string_view>, 8> kTitles = {{
    {Title::kCellSecretary, "cell_secretary"},
    {Title::kVillageHead, "village_head"},
    {Title::kResidentialGroupHead, "residential_group_head"},
    {Title::kFrontCommitteeHead, "front_committee_head"},
    {Title::kMilitiaCommander, "militia_commander"},
    {Title::kGroupLeader, "group_leader"},
    {Title::kDeputy, "deputy"},
    {Title::kMember, "member"},
}};

// Days as a closed interval; an open end reaches the end of time.
bool Overlap(const Position& a, const Position& b) {
  const int32_t a_to = a.to ? a.to->days : INT32_MAX;
  const int32_t b_to = b.to ? b.to->days : INT32_MAX;
  return a.from.days <= b_to && b.from.days <= a_to;
}

bool SamePlace(const Position& a, const Position& b) {
  return a.organization_id == b.organization_id && a.unit_id == b.unit_id;
}

}  // namespace

std::string_view ToString(Title t) { return NameOf(kTitles, t); }  // else the last: member

std::optional<Title> ParseTitle(std::string_view text) { return ValueOf(kTitles, text); }

bool IsSingleHolder(Title t) { return t != Title::kDeputy && t != Title::kMember; }

bool HeldOn(const Position& p, Date d) { return p.from <= d && (!p.to || d <= *p.to); }

Status CheckNewPosition(const Position& candidate, const std::vector<Position>& existing) {
  if (candidate.to && *candidate.to < candidate.from) {
    return Error::Invalid("a term ends on or after the day it begins", "to");
  }
  if (candidate.organization_id.has_value() == candidate.unit_id.has_value()) {
    return Error::Invalid("a position is held in one organization or in one unit", "organization");
  }
  for (const Position& p : existing) {
    if (p.title != candidate.title || !SamePlace(p, candidate)) continue;
    if (p.person_id == candidate.person_id && Overlap(p, candidate)) {
      return Error::Conflict("this person already holds this post from " + FormatDate(p.from) +
                             " (position " + std::to_string(p.id) + ")");
    }
    if (IsSingleHolder(candidate.title) && Overlap(p, candidate)) {
      return Error::Conflict(std::string(ToString(candidate.title)) +
                             " is held by another person from " + FormatDate(p.from) +
                             (p.to ? " to " + FormatDate(*p.to) : "") + " (position " +
                             std::to_string(p.id) + "); end that term first");
    }
  }
  return Status::Ok();
}

}  // namespace jembatan
