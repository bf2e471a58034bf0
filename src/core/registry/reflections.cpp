#include "core/registry/reflections.h"

#include "core/cases/stats.h"

namespace jembatan {

ReflectionCount& ReflectionCount::operator+=(const ReflectionCount& o) {
  forwarded += o.forwarded;
  resolved += o.resolved;
  on_time += o.on_time;
  confirmed += o.confirmed;
  return *this;
}

void ReflectionTally::Add(const ReflectionSample& s) {
  ReflectionCount one;
  one.forwarded = 1;
  one.resolved = s.first_resolved ? 1 : 0;
  one.on_time = s.first_resolved && ResolvedOnTime(*s.first_resolved, s.resolve_due) ? 1 : 0;
  one.confirmed = s.confirmed ? 1 : 0;
  total += one;
  by_category[s.category] += one;
}

bool FiledWhileHolding(const std::vector<Position>& terms, Timestamp filed,
                       const WorkCalendar& calendar) {
  const Date day = calendar.LocalDate(filed);
  for (const Position& p : terms) {
    if (HeldOn(p, day)) return true;
  }
  return false;
}

namespace {

// Whether `s` counts for its member: one of `terms`, filed while they held a post.
bool Counts(const ReflectionSample& s, const TermsByPerson& terms, const WorkCalendar& calendar) {
  auto it = terms.find(s.person_id);
  return it != terms.end() && FiledWhileHolding(it->second, s.filed, calendar);
}

}  // namespace

ReflectionFigures CountReflections(std::span<const ReflectionSample> samples,
                                   const TermsByPerson& terms, const WorkCalendar& calendar) {
  ReflectionFigures f;
  for (const auto& [person, held] : terms) f.members[person];
  for (const ReflectionSample& s : samples) {
    if (!Counts(s, terms, calendar)) continue;
    f.members[s.person_id].Add(s);
    f.group.Add(s);
  }
  return f;
}

std::map<int64_t, ReflectionCount> CountMemberTotals(std::span<const ReflectionSample> samples,
                                                     const TermsByPerson& terms,
                                                     const WorkCalendar& calendar) {
  std::map<int64_t, ReflectionCount> out;
  for (const ReflectionSample& s : samples) {
    if (!Counts(s, terms, calendar)) continue;
    ReflectionTally one;
    one.Add(s);
    out[s.person_id] += one.total;
  }
  return out;
}

}  // namespace jembatan
