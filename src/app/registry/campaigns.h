// Campaigns and participation (issue 16, point 3): staff record a campaign and who took part
// (a person, or a headcount for a unit), and the figures for any unit and period count
// confirmed participations only (core/registry/campaign.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/common/tx.h"
#include "app/reference/registry.h"
#include "app/registry/figure_cache.h"
#include "app/registry/registry_records.h"
#include "core/cases/access.h"
#include "core/registry/campaign.h"

namespace jembatan::app {

struct CampaignDraft {
  Campaign campaign;  // code, kind, title, period, goals
  std::string unit;
  std::vector<std::string> organizers;  // organization codes
};

struct CampaignView {
  Campaign campaign;
  std::string unit_code;
  std::vector<std::string> organizer_codes;
};

struct ParticipationDraft {
  std::string person;  // a person's code, or "" with `unit` and a headcount
  std::string unit;
  Attendance attendance;
  std::string role;
  std::string source = "roster";
};

struct ParticipationView {
  Participation participation;
  std::string person_code;
  std::string person_name;
  std::string unit_code;
};

// `who` null: the command line and the demo. The campaign's unit must be within the caller's.
Result<CampaignView> CreateCampaign(WriteTx& tx, const Registry& reg, const Principal* who,
                                    const CampaignDraft& draft);
// The participant's unit must be within the caller's. Entered by staff, it counts at once
// (`confirmed`); a member's own report over SMS waits for the organizer.
Result<ParticipationView> AddParticipation(WriteTx& tx, const Registry& reg, const Principal* who,
                                           std::string_view campaign, const ParticipationDraft& d,
                                           bool confirmed);
// A member's own report of their part (`IKUT <campaign> <days>` by SMS or chat): the person
// linked to `user_id`, in a campaign whose unit covers theirs and that is running on `today` or
// ended in the last 30 days, matched by `typed` (MatchTypedCode: one mistyped letter is
// forgiven). Waits for the organizer's confirmation. kUnknownReference with field "person" when
// no person is linked to the account, with field "campaign" when no campaign matches.
struct Joined {
  ParticipationView participation;
  std::string campaign_code;
  std::string campaign_title;
};
Result<Joined> JoinCampaign(WriteTx& tx, const Registry& reg, int64_t user_id,
                            std::string_view typed, int64_t days, std::string_view source,
                            Date today);
Result<ParticipationView> ConfirmParticipation(WriteTx& tx, const Registry& reg,
                                               const Principal* who, int64_t id);

Result<CampaignView> GetCampaign(ReadTx& tx, const Registry& reg, std::string_view code);
Result<std::vector<CampaignView>> ListCampaigns(ReadTx& tx, const Registry& reg, const Unit& unit,
                                                ListPage page);
// Staff within the campaign's unit, or within the participants' units (each sees their own).
Result<std::vector<ParticipationView>> ListParticipations(ReadTx& tx, const Registry& reg,
                                                          const Principal& who,
                                                          std::string_view campaign, ListPage page);

struct MobilizationReport {
  const Unit* unit = nullptr;
  Date from;
  Date to;
  std::string campaign;  // "" for all
  MobilizationTotals totals;
};
// People mobilized and workdays for the participants from `unit`'s subtree, in campaigns whose
// period overlaps [from, to]; public (counts only). Kept in `cache` (when given) until a campaign,
// participation or organization is written.
Result<MobilizationReport> MobilizationIndicator(ReadTx& tx, MobilizationCache* cache,
                                                 const Unit& unit, Date from, Date to,
                                                 std::string_view campaign);

}  // namespace jembatan::app
