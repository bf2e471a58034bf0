// Posts people hold: a title in an organization or a unit, from a date to a date, elected or
// appointed. History is kept, never overwritten: a new term is a new position. A post that one
// person holds at a time (a cell secretary, a village head, …) cannot have two terms that
// overlap; deputies and members can be many.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/common/time.h"

namespace jembatan {

enum class Title {
  kCellSecretary,         // bí thư chi bộ: secretary of a village's Party cell
  kVillageHead,           // trưởng thôn / trưởng bản
  kResidentialGroupHead,  // tổ trưởng tổ dân phố
  kFrontCommitteeHead,    // trưởng ban công tác Mặt trận
  kMilitiaCommander,      // thôn đội trưởng / chỉ huy dân quân
  kGroupLeader,           // leader of a core group, a team or a club
  kDeputy,
  kMember,
};
std::string_view ToString(Title t);
std::optional<Title> ParseTitle(std::string_view text);
// One holder at a time (every title but deputy and member).
bool IsSingleHolder(Title t);

struct Position {
  int64_t id = 0;
  int64_t person_id = 0;
  Title title = Title::kMember;
  // Where the post is: an organization (a Party cell, a militia unit, …) or a unit (a village
  // head is the village's). Exactly one of the two.
  std::optional<int64_t> organization_id;
  std::optional<int64_t> unit_id;
  Date from;
  std::optional<Date> to;  // the last day held, inclusive; none: still held
  bool elected = false;    // elected (village-head elections) or appointed
  bool operator==(const Position&) const = default;
};

// The position is held on day `d`.
bool HeldOn(const Position& p, Date d);

// Whether a new position may be recorded next to `existing`: a valid term (to ≥ from), one
// place (organization or unit), and for a single-holder post no other holder's or the same
// holder's term of the same title in the same place overlapping it. The refusal names the
// overlapping position.
Status CheckNewPosition(const Position& candidate, const std::vector<Position>& existing);

}  // namespace jembatan
