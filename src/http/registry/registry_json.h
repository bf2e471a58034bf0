// The registry's JSON (issue 16): organizations, people, households, positions and the
// concurrency indicator. People's names and phones and households' heads and phones are
// personal data: these shapes are for staff in scope only (app/registry checks the scope).
#pragma once

#include <boost/json/object.hpp>

#include "app/registry/campaigns.h"
#include "app/registry/elections.h"
#include "app/registry/indicators.h"
#include "app/registry/registry_records.h"

namespace jembatan::http {

Result<app::OrganizationDraft> ReadOrganizationDraft(const boost::json::object& o);
Result<app::PersonDraft> ReadPersonDraft(const boost::json::object& o);
Result<app::HouseholdDraft> ReadHouseholdDraft(const boost::json::object& o);
Result<app::PositionDraft> ReadPositionDraft(const boost::json::object& o);
Result<app::ElectionDraft> ReadElectionDraft(const boost::json::object& o);
Result<app::ElectionResultDraft> ReadElectionResult(const boost::json::object& o);
Result<app::CampaignDraft> ReadCampaignDraft(const boost::json::object& o);
Result<app::ParticipationDraft> ReadParticipationDraft(const boost::json::object& o);

boost::json::object OrganizationJson(const Organization& o, const app::Registry& reg);
boost::json::object PersonJson(const Person& p, const app::Registry& reg);
boost::json::object PersonViewJson(const app::PersonView& v, const app::Registry& reg);
boost::json::object HouseholdJson(const Household& h, const app::Registry& reg);
boost::json::object PositionJson(const app::PositionView& v);
boost::json::object ElectionJson(const app::ElectionView& v, const app::Registry& reg);
boost::json::object CampaignJson(const app::CampaignView& v, const app::Registry& reg);
boost::json::object ParticipationJson(const app::ParticipationView& v, const app::Registry& reg);
boost::json::object MobilizationJson(const app::MobilizationReport& r, const app::Registry& reg);
boost::json::object ConcurrencyJson(const app::ConcurrencyReport& r, const app::Registry& reg);

}  // namespace jembatan::http
