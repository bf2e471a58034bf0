#include "app/registry/campaigns.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "app/registry/registry_resolve.h"
#include "core/channels/channel_command.h"
#include "core/common/validation.h"
#include "store/store.h"

namespace jembatan::app {
namespace {

Result<CampaignView> ViewOf(ReadTx& tx, const Registry& reg, Campaign c) {
  CampaignView v;
  v.unit_code = UnitCode(reg, c.unit_id);
  for (int64_t id : c.organizers) {
    auto o = tx.registry().GetOrganization(id);
    if (!o) return o.error();
    if (*o) v.organizer_codes.push_back((*o)->code);
  }
  v.campaign = std::move(c);
  return v;
}

Result<ParticipationView> ViewOf(ReadTx& tx, const Registry& reg, const Participation& p) {
  ParticipationView v{p, {}, {}, UnitCode(reg, p.unit_id)};
  if (p.person_id) {
    auto person = tx.registry().GetPerson(*p.person_id);
    if (!person) return person.error();
    if (*person) {
      v.person_code = (*person)->code;
      v.person_name = (*person)->name;
    }
  }
  return v;
}

Result<Campaign> Find(ReadTx& tx, std::string_view code) {
  auto c = tx.registry().FindCampaign(code);
  if (!c) return c.error();
  if (!*c) return Error::NotFound("no campaign " + std::string(code));
  return std::move(**c);
}

}  // namespace

Result<CampaignView> CreateCampaign(WriteTx& tx, const Registry& reg, const Principal* who,
                                    const CampaignDraft& draft) {
  Campaign c = draft.campaign;
  auto unit = ManagedUnit(reg, who, draft.unit);
  if (!unit) return unit.error();
  c.unit_id = (*unit)->id;
  c.organizers.clear();
  for (const std::string& code : draft.organizers) {
    auto o = tx.registry().FindOrganization(code);
    if (!o) return o.error();
    if (!*o) return Error::Unknown("unknown organization " + code, "organizers");
    c.organizers.push_back((*o)->id);
  }
  if (auto s = ValidateCampaign(c); !s) return s.error();
  auto id = tx.registry().InsertCampaign(c);
  if (!id) return id.error();
  c.id = *id;
  return ViewOf(tx, reg, std::move(c));
}

Result<ParticipationView> AddParticipation(WriteTx& tx, const Registry& reg, const Principal* who,
                                           std::string_view campaign, const ParticipationDraft& d,
                                           bool confirmed) {
  auto c = Find(tx, campaign);
  if (!c) return c.error();
  Participation p;
  p.campaign_id = c->id;
  p.attendance = d.attendance;
  if (!d.person.empty()) {
    if (!d.unit.empty() || p.attendance.headcount != 1) {
      return Error::Invalid("a person, or a unit with a headcount; not both", "person");
    }
    auto person = tx.registry().FindPerson(d.person);
    if (!person) return person.error();
    if (!*person || !Manages(reg, who, (*person)->unit_id)) {
      return Error::Unknown("unknown person " + d.person, "person");
    }
    p.person_id = (*person)->id;
    p.unit_id = (*person)->unit_id;
  } else {
    auto unit = ManagedUnit(reg, who, d.unit);
    if (!unit) return unit.error();
    p.unit_id = (*unit)->id;
  }
  auto workdays = Workdays(*c, p.attendance);
  if (!workdays) return workdays.error();
  p.workdays = *workdays;
  if (auto s = ValidateText("role", d.role, 0, 100); !s) return s.error();
  p.role = d.role;
  p.confirmed = confirmed;
  p.source = d.source;
  auto id = tx.registry().InsertParticipation(p);
  if (!id) return id.error();
  p.id = *id;
  return ViewOf(tx, reg, p);
}

Result<Joined> JoinCampaign(WriteTx& tx, const Registry& reg, int64_t user_id,
                            std::string_view typed, int64_t days, std::string_view source,
                            Date today) {
  constexpr int32_t kLateReportDays = 30;
  constexpr int kOpenCampaigns = 1000;
  auto person = tx.registry().FindPersonByUser(user_id);
  if (!person) return person.error();
  if (!*person) return Error::Unknown("no person is linked to this account", "person");
  const Unit* home = reg.units.FindById((*person)->unit_id);
  const Unit* province = reg.units.Province();
  if (home == nullptr || province == nullptr) {
    return Error::Unknown("no person is linked to this account", "person");
  }
  auto campaigns = tx.registry().ListCampaigns(province->id, {0, kOpenCampaigns});
  if (!campaigns) return campaigns.error();
  std::vector<const Campaign*> open;
  std::vector<std::string> codes;
  for (const Campaign& c : *campaigns) {
    const Unit* runs = reg.units.FindById(c.unit_id);
    const bool running = c.from <= today && today.days <= c.to.days + kLateReportDays;
    if (running && runs != nullptr && reg.units.Covers(*runs, *home)) {
      open.push_back(&c);
      codes.push_back(c.code);
    }
  }
  auto match = MatchTypedCode(typed, codes);
  if (!match) {
    return Error::Unknown("no campaign " + std::string(typed) + " is open", "campaign");
  }
  ParticipationDraft d;
  d.person = (*person)->code;
  d.attendance.days = days;
  d.source = std::string(source);
  auto p = AddParticipation(tx, reg, nullptr, codes[*match], d, false);
  if (!p) return p.error();
  return Joined{std::move(*p), open[*match]->code, open[*match]->title};
}

Result<ParticipationView> ConfirmParticipation(WriteTx& tx, const Registry& reg,
                                               const Principal* who, int64_t id) {
  auto p = tx.registry().GetParticipation(id);
  if (!p) return p.error();
  if (!*p || !Manages(reg, who, (*p)->unit_id)) {
    return Error::NotFound("no participation " + std::to_string(id));
  }
  if ((*p)->confirmed)
    return Error::Conflict("participation " + std::to_string(id) + " is already confirmed");
  if (auto s = tx.registry().ConfirmParticipation(id); !s) return s.error();
  Participation done = **p;
  done.confirmed = true;
  return ViewOf(tx, reg, done);
}

Result<CampaignView> GetCampaign(ReadTx& tx, const Registry& reg, std::string_view code) {
  auto c = Find(tx, code);
  if (!c) return c.error();
  return ViewOf(tx, reg, std::move(*c));
}

Result<std::vector<CampaignView>> ListCampaigns(ReadTx& tx, const Registry& reg, const Unit& unit,
                                                ListPage page) {
  auto rows = tx.registry().ListCampaigns(unit.id, {page.after, page.limit});
  if (!rows) return rows.error();
  std::vector<CampaignView> out;
  for (Campaign& c : *rows) {
    auto v = ViewOf(tx, reg, std::move(c));
    if (!v) return v.error();
    out.push_back(std::move(*v));
  }
  return out;
}

Result<std::vector<ParticipationView>> ListParticipations(ReadTx& tx, const Registry& reg,
                                                          const Principal& who,
                                                          std::string_view campaign,
                                                          ListPage page) {
  if (!IsStaff(who.role)) return Error::Forbidden("the registry is for staff");
  auto c = Find(tx, campaign);
  if (!c) return c.error();
  const bool whole = Manages(reg, &who, c->unit_id);
  std::vector<ParticipationView> out;
  store::RegistryPage at{page.after, page.limit};
  // A page of the rows this caller may see: all of the campaign's for its unit's staff, else
  // those of participants within the caller's unit.
  while (static_cast<int>(out.size()) < page.limit) {
    auto rows = tx.registry().ListParticipations(c->id, at);
    if (!rows) return rows.error();
    for (const Participation& p : *rows) {
      if (!whole && !Manages(reg, &who, p.unit_id)) continue;
      auto v = ViewOf(tx, reg, p);
      if (!v) return v.error();
      out.push_back(std::move(*v));
      if (static_cast<int>(out.size()) == page.limit) break;
    }
    if (static_cast<int>(rows->size()) < at.limit) break;
    at.after = rows->back().id;
  }
  return out;
}

namespace {

// The figure of `q` under `key`: kept in `cache` at the store's counters, with the participations
// confirmed since it was kept added by core's rule (each person once per group), or counted from
// every row when nothing is kept or the grouping changed (an organization written).
Result<MobilizationTotals> KeptOrCounted(store::RegistryReads& reg, MobilizationCache* cache,
                                         const std::string& key,
                                         const store::MobilizationQuery& q) {
  if (cache == nullptr) return reg.Mobilization(q);
  auto grouping = reg.MobilizationVersion();
  if (!grouping) return grouping.error();
  auto confirmed = reg.ParticipationsVersion();
  if (!confirmed) return confirmed.error();
  std::optional<KeptMobilization> kept = cache->Find(key, *grouping);
  // A figure kept by a newer transaction than this one counts all that this one sees, and more
  // that is committed: as good an answer.
  if (kept && kept->participations >= *confirmed) return std::move(kept->totals);
  if (kept) {
    auto added = reg.ConfirmedSince(q, kept->participations, *confirmed);
    if (!added) return added.error();
    if (added->size() <= kMaxTakenForward) {
      std::vector<int64_t> people;
      for (const MobilizationRow& row : *added) {
        if (row.person_id) people.push_back(*row.person_id);
      }
      std::sort(people.begin(), people.end());
      people.erase(std::unique(people.begin(), people.end()), people.end());
      auto before = reg.ConfirmedOfPeople(q, people, kept->participations);
      if (!before) return before.error();
      MobilizationTotals totals = AddToMobilization(std::move(kept->totals), *before, *added);
      cache->Put(key, *grouping, {*confirmed, totals});
      return totals;
    }
  }
  auto totals = reg.Mobilization(q);
  if (!totals) return totals.error();
  cache->Put(key, *grouping, {*confirmed, *totals});
  return totals;
}

}  // namespace

Result<MobilizationReport> MobilizationIndicator(ReadTx& tx, MobilizationCache* cache,
                                                 const Unit& unit, Date from, Date to,
                                                 std::string_view campaign) {
  if (to < from) return Error::Invalid("to is on or after from", "to");
  store::MobilizationQuery q{SubtreeOf(unit), std::nullopt, from, to};
  MobilizationReport r{&unit, from, to, std::string(campaign), {}};
  if (!campaign.empty()) {
    auto c = Find(tx, campaign);
    if (!c) return c.error();
    q.campaign_id = c->id;
  }
  const std::string key = std::to_string(unit.id) + "|" + std::to_string(from.days) + "|" +
                          std::to_string(to.days) + "|" + std::to_string(q.campaign_id.value_or(0));
  auto totals = KeptOrCounted(tx.registry(), cache, key, q);
  if (!totals) return totals.error();
  r.totals = std::move(*totals);
  return r;
}

}  // namespace jembatan::app
