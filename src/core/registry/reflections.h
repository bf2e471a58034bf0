// Members' reflections (issue 16, point 4): the cases a member of a mobilization group forwarded
// on behalf of households, and what became of them — resolved, answered on time, confirmed by the
// household — for each member, for the group, and by category. Counted from case records, never
// typed in.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/time.h"
#include "core/reference/work_calendar.h"
#include "core/registry/position.h"

namespace jembatan {

// One case a person filed through their member account, as the figures need it.
struct ReflectionSample {
  int64_t person_id = 0;
  Timestamp filed;
  std::string category;
  std::optional<Timestamp> first_resolved;
  Timestamp resolve_due;
  bool confirmed = false;  // the household confirmed the answer (closed it as the reporter)
};

struct ReflectionCount {
  int64_t forwarded = 0;
  int64_t resolved = 0;  // resolved at least once
  int64_t on_time = 0;   // first resolved by its deadline (core/cases/stats.h: ResolvedOnTime)
  int64_t confirmed = 0;
  ReflectionCount& operator+=(const ReflectionCount& o);
  bool operator==(const ReflectionCount&) const = default;
};

struct ReflectionTally {
  ReflectionCount total;
  std::map<std::string, ReflectionCount> by_category;
  void Add(const ReflectionSample& s);
};

struct ReflectionFigures {
  ReflectionTally group;
  std::map<int64_t, ReflectionTally> members;  // by person id; every member, even with none
};

// The members' posts in a group (or in the organizations an award ranks), by person.
using TermsByPerson = std::map<int64_t, std::vector<Position>>;

// Whether a case filed at `filed` counts for its member: they held one of `terms` on the local day
// it was filed. A member's cases from before they joined, or after they left, are not the group's.
bool FiledWhileHolding(const std::vector<Position>& terms, Timestamp filed,
                       const WorkCalendar& calendar);

// The group's figures: each sample of a member of `terms` filed while they held a post in it.
// Every person of `terms` has a row in `members`.
ReflectionFigures CountReflections(std::span<const ReflectionSample> samples,
                                   const TermsByPerson& terms, const WorkCalendar& calendar);

// The same rule for what a ranking weighs: the totals of the members of `terms` who have any case
// counted (no row for the others, no categories).
std::map<int64_t, ReflectionCount> CountMemberTotals(std::span<const ReflectionSample> samples,
                                                     const TermsByPerson& terms,
                                                     const WorkCalendar& calendar);

}  // namespace jembatan
