// The JSON of members' reflections, award cycles and village facts (issue 16, points 4 to 6). The
// public shapes (reflection counts, cycles, awardees, facts) carry no contact; names of members
// and ranked people are in the staff shapes only (app/registry/awards.h checks who may see them).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "app/registry/awards.h"
#include "app/registry/village_facts.h"

namespace jembatan::http {

Result<app::AwardCycleDraft> ReadAwardCycleDraft(const boost::json::object& o);
Result<app::NominationDraft> ReadNominationDraft(const boost::json::object& o);
struct DecisionDraft {
  AwardDecision decision;
  std::vector<std::string> awardees;  // person codes; empty: every nominee
};
Result<DecisionDraft> ReadDecisionDraft(const boost::json::object& o);

Result<app::VillageFactDraft> ReadVillageFactDraft(const boost::json::object& o);
boost::json::object VillageFactJson(const app::VillageFactView& v, const app::Registry& reg);
boost::json::object VillageFactsJson(const app::VillageFactsReport& r, const app::Registry& reg);

boost::json::object ReflectionJson(const app::ReflectionReport& r);
boost::json::object AwardCycleJson(const app::AwardCycleView& v, const app::Registry& reg);
boost::json::object RankingRowJson(const app::RankingRow& row);
boost::json::object RankingJson(const app::AwardRanking& r, const app::Registry& reg);
boost::json::object AwardeesJson(const app::AwardeeList& l, const app::Registry& reg);

// A printable certificate for one awardee (an HTML page, every text escaped), in `lang` (id, vi
// or en). kNotFound when the person is not an awardee of the cycle.
Result<std::string> CertificateHtml(const app::AwardeeList& l, std::string_view person,
                                    std::string_view lang);

}  // namespace jembatan::http
