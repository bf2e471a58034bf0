#include "app/cases/case_queries.h"

#include <algorithm>

#include "app/accounts/secrets.h"
#include "app/cases/answer_feedback.h"
#include "core/cases/deadlines.h"
#include "core/cases/stats.h"
#include "core/cases/tracking_code.h"
#include "core/common/text_fold.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

// The live unit a `unit` parameter names (old codes resolve); nullptr when it is empty.
Result<const Unit*> UnitParam(const Registry& reg, std::string_view code, std::string_view field) {
  if (code.empty()) return static_cast<const Unit*>(nullptr);
  const Unit* u = reg.units.ResolveLive(code);
  if (u == nullptr) return Error::Unknown("unknown unit " + std::string(code), std::string(field));
  return u;
}

UnitScope ScopeFor(const Registry& reg, const Unit* unit) {
  return unit != nullptr ? ScopeOf(reg.units, *unit) : UnitScope{};
}

}  // namespace

Result<CaseView> GetCase(store::ReadTx& tx, const Registry& reg, std::string_view raw_code,
                         const Principal* viewer, const PinCheck& pin) {
  auto code = NormalizeTrackingCode(raw_code);
  if (!code) return Error::NotFound("no case with code " + std::string(raw_code));
  // Anonymous readers without a PIN never see contacts: skip loading them.
  auto found = tx.cases().FindCase(*code, viewer != nullptr || pin.pin != nullptr);
  if (!found) return found.error();
  if (!found.value()) return Error::NotFound("no case with code " + *code);
  CaseView view{std::move(**found), CaseAccess::kPublic};
  view.access = AccessOf(reg.units, viewer, view.c, false);
  if (view.access == CaseAccess::kPublic && pin.pin != nullptr) {
    if (pin.guard == nullptr) return Error::Internal("PIN check without a guess limit");
    if (auto s = CheckCasePin(tx, *pin.guard, pin.who, view.c, *pin.pin); !s) return s.error();
    view.access = AccessOf(reg.units, viewer, view.c, true);
  }
  Disclose(view.c, view.access);
  return view;
}

Result<CasePage> ListCases(store::ReadTx& tx, const Registry& reg, const ListQuery& q,
                           const Principal* viewer) {
  store::CaseFilter f;
  f.status = q.status;
  f.category = q.category;
  f.statuses = q.statuses;
  f.categories = q.categories;
  for (const std::string& code : q.categories) {
    if (reg.FindCategory(code) == nullptr)
      return Error::Unknown("unknown category " + code, "category");
  }
  if (!q.category.empty() && reg.FindCategory(q.category) == nullptr) {
    return Error::Unknown("unknown category " + q.category, "category");
  }
  if (q.mine && viewer == nullptr) {
    return Error::Unauthorized("mine=true needs a bearer token: whose cases?");
  }
  // Staff lists default to their own unit. Private cases are listed only to staff whose unit
  // covers the whole listed scope; everyone else (the public, members, staff looking at another
  // unit) sees public cases only.
  const bool staff = viewer != nullptr && IsStaff(viewer->role);
  auto asked = UnitParam(reg, q.unit, "unit");
  if (!asked) return asked.error();
  const Unit* unit = *asked != nullptr ? *asked : (staff && !q.mine ? viewer->unit : nullptr);
  f.scope = ScopeFor(reg, unit);
  f.public_only = !(staff && unit != nullptr && reg.units.Covers(*viewer->unit, *unit));
  if (q.mine) {
    f.submitted_by = viewer->user_id;
    f.public_only = false;  // one's own reports, private ones too
  }
  f.overdue = q.overdue;
  f.due_soon = q.due_soon;
  f.text = q.text;
  f.folded_text = FoldForMatch(q.text);
  f.beyond_level = q.beyond_level;
  f.created_from = q.created_from;
  f.created_to = q.created_to;
  f.before_id = q.before_id;
  f.by_due = q.by_due;
  f.after_due = q.after_due;
  f.limit = q.limit + 1;  // one more tells whether there is a next page
  auto rows = tx.cases().ListCases(f);
  if (!rows) return rows.error();
  CasePage page;
  std::vector<Case>& cases = rows.value();
  if (static_cast<int>(cases.size()) > q.limit) {
    cases.resize(static_cast<size_t>(q.limit));
    if (q.by_due) {
      page.next_after_due = {OwedBy(cases.back()).value_or(Timestamp{}), cases.back().id};
    } else {
      page.next_before_id = cases.back().id;
    }
  }
  page.cases.reserve(cases.size());
  for (Case& c : cases) {
    const CaseAccess access = AccessOf(reg.units, viewer, c, false);
    Disclose(c, access);
    page.cases.push_back({std::move(c), access});
  }
  return page;
}

Result<std::vector<Event>> CaseEvents(store::ReadTx& tx, const Registry& reg,
                                      std::string_view raw_code, const Principal* viewer,
                                      const PinCheck& pin) {
  auto view = GetCase(tx, reg, raw_code, viewer, pin);
  if (!view) return view.error();
  auto events = tx.cases().CaseEvents(view->c.id);
  if (!events) return events.error();
  for (Event& e : events.value()) Disclose(e, view->access, view->c.visibility);
  return events;
}

namespace {

Summary SummaryOf(const Registry& reg, const Unit* u, Timestamp from, Timestamp to,
                  store::StatsInput in) {
  const ResolutionFigures r = SummarizeResolutions(in.resolutions, reg.calendar);
  Summary s;
  s.unit = u ? u->code : "";
  s.from = from;
  s.to = to;
  s.by_status = std::move(in.by_status);
  s.by_category = std::move(in.by_category);
  s.received = in.received;
  s.resolved = r.resolved;
  s.on_time_rate = r.on_time_rate;
  s.median_days_to_resolve = r.median_working_days;
  s.overdue_now = in.overdue_now;
  s.beyond_level = in.beyond_level;
  s.reopened = in.reopened;
  s.confirmed = in.confirmed;
  s.disputed = in.disputed;
  if (s.confirmed + s.disputed > 0) {
    s.satisfaction =
        static_cast<double>(s.confirmed) / static_cast<double>(s.confirmed + s.disputed);
  }
  return s;
}

// Adds the figures of cases that `more` counts and `into` does not (disjoint sets of cases).
void AddDisjoint(store::StatsInput& into, store::StatsInput more) {
  for (const auto& [k, n] : more.by_status) into.by_status[k] += n;
  for (const auto& [k, n] : more.by_category) into.by_category[k] += n;
  into.received += more.received;
  into.beyond_level += more.beyond_level;
  into.overdue_now += more.overdue_now;
  into.reopened += more.reopened;
  into.confirmed += more.confirmed;
  into.disputed += more.disputed;
  into.resolutions.insert(into.resolutions.end(), more.resolutions.begin(), more.resolutions.end());
}

}  // namespace

Result<Summary> Summarize(store::ReadTx& tx, const Registry& reg, std::string_view unit_code,
                          Timestamp from, Timestamp to) {
  if (to <= from) return Error::Invalid("`to` must be after `from`", "to");
  auto unit = UnitParam(reg, unit_code, "unit");
  if (!unit) return unit.error();
  auto in = tx.stats().Stats(store::StatsQuery{ScopeFor(reg, *unit), from, to});
  if (!in) return in.error();
  return SummaryOf(reg, *unit != nullptr ? *unit : reg.units.Province(), from, to,
                   std::move(in.value()));
}

Result<std::vector<Summary>> SummarizeChildren(store::ReadTx& tx, const Registry& reg,
                                               std::string_view parent_code, Timestamp from,
                                               Timestamp to) {
  if (to <= from) return Error::Invalid("`to` must be after `from`", "to");
  auto parent = UnitParam(reg, parent_code, "parent");
  if (!parent) return parent.error();
  const Unit* p = *parent != nullptr ? *parent : reg.units.Province();
  std::vector<Summary> out;
  if (p == nullptr) return out;
  // Each child's figures are those of its own scope (core/cases/access.h, ScopeOf), read for all
  // children at once: a commune's are the cases located in it plus those it handles elsewhere
  // (two disjoint sets), a department's those it handles, a village's those located in it.
  std::optional<std::map<int64_t, store::StatsInput>> located, handled, in_villages;
  auto read = [&](std::optional<std::map<int64_t, store::StatsInput>>& into, UnitScope scope,
                  store::StatsGroup by) -> Status {
    if (into) return Status::Ok();
    auto r = tx.stats().StatsByUnit(store::StatsQuery{scope, from, to}, by);
    if (!r) return r.error();
    into = std::move(r.value());
    return Status::Ok();
  };
  auto take = [](std::map<int64_t, store::StatsInput>& m, int64_t id) {
    auto it = m.find(id);
    return it == m.end() ? store::StatsInput{} : std::move(it->second);
  };
  for (const Unit* child : reg.units.Children(*p)) {
    if (!child->live()) continue;  // merged away: its cases count for the unit it became
    const UnitScope scope = ScopeOf(reg.units, *child);
    store::StatsInput in;
    switch (scope.kind) {
      case UnitScope::Kind::kCommune:
      case UnitScope::Kind::kDepartment:
        if (auto s = read(located, UnitScope{}, store::StatsGroup::kCommune); !s) return s.error();
        if (auto s = read(handled, UnitScope{}, store::StatsGroup::kHandledElsewhere); !s) {
          return s.error();
        }
        in = take(*located, child->id);
        AddDisjoint(in, take(*handled, child->id));
        break;
      case UnitScope::Kind::kVillage:
        if (auto s = read(in_villages, UnitScope{UnitScope::Kind::kCommune, scope.commune_id, 0},
                          store::StatsGroup::kLocation);
            !s) {
          return s.error();
        }
        in = take(*in_villages, child->id);
        break;
      case UnitScope::Kind::kAll: {
        auto s = Summarize(tx, reg, child->code, from, to);
        if (!s) return s.error();
        out.push_back(std::move(s.value()));
        continue;
      }
    }
    out.push_back(SummaryOf(reg, child, from, to, std::move(in)));
  }
  return out;
}

Result<std::vector<SeriesPoint>> SummarizeSeries(store::ReadTx& tx, const Registry& reg,
                                                 std::string_view unit_code, Timestamp from,
                                                 Timestamp to, Bucket bucket) {
  if (to <= from) return Error::Invalid("`to` must be after `from`", "to");
  auto unit = UnitParam(reg, unit_code, "unit");
  if (!unit) return unit.error();
  std::vector<SeriesPoint> out;
  Date day = reg.calendar.LocalDate(from);
  for (Timestamp start = from; start < to;) {
    if (static_cast<int>(out.size()) >= kMaxSeriesBuckets) {
      return Error::Invalid("the period has more than 60 buckets; use bucket=month", "bucket");
    }
    day = bucket == Bucket::kWeek ? Date{day.days + 7} : AddMonths(day, 1);
    Timestamp end = reg.calendar.StartOfLocalDay(day);
    if (end > to) end = to;
    out.push_back({start, end, 0, 0});
    start = end;
  }
  // One read of the period, counted into its buckets (not one summary per bucket).
  auto in = tx.stats().Series(store::StatsQuery{ScopeFor(reg, *unit), from, to});
  if (!in) return in.error();
  auto bucket_of = [&out](Timestamp t) -> SeriesPoint* {
    auto it = std::upper_bound(out.begin(), out.end(), t,
                               [](Timestamp v, const SeriesPoint& p) { return v < p.from; });
    if (it == out.begin()) return nullptr;
    --it;
    return t < it->to ? &*it : nullptr;
  };
  for (Timestamp t : in->created) {
    if (SeriesPoint* p = bucket_of(t)) ++p->received;
  }
  for (Timestamp t : in->first_resolved) {
    if (SeriesPoint* p = bucket_of(t)) ++p->resolved;
  }
  return out;
}

}  // namespace jembatan::app
