// The registry aggregate (issue 16): organizations, households, people, positions. Codes are
// unique per table; a unit's subtree is the unit and every unit below it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.h"
#include "core/registry/campaign.h"
#include "core/registry/election.h"
#include "core/registry/position.h"
#include "core/registry/registry_records.h"
#include "core/registry/village_facts.h"

namespace jembatan::store {

// A page of a list in id order: rows with an id above `after`, at most `limit`.
struct RegistryPage {
  int64_t after = 0;
  int limit = 100;
};

// Positions whose post lies in the subtree of `unit_id`, filtered by what is set.
struct PositionFilter {
  std::optional<int64_t> unit_id;       // subtree root
  std::optional<int64_t> post_unit_id;  // a unit's own posts (a village head's), exactly
  std::optional<int64_t> person_id;
  std::optional<int64_t> organization_id;
  std::optional<OrganizationKind> organization_kind;  // posts in organizations of this kind
  std::vector<Title> titles;                          // empty: any
  // Terms overlapping [from, to] (inclusive days).
  std::optional<Date> from;
  std::optional<Date> to;
  // A page: ids above `after`, at most `limit` (0: all).
  int64_t after = 0;
  int limit = 0;
};

// A position with its place: the unit of the post and, for a post in an organization, that
// organization's kind (what the indicators need to know of it).
struct PlacedPosition {
  Position position;
  int64_t place_unit_id = 0;
  std::optional<OrganizationKind> organization_kind;
};

// Confirmed participations in campaigns whose period overlaps [from, to], by where the people
// came from (the subtree of `unit_id`; all when unset) and optionally of one campaign.
struct MobilizationQuery {
  std::optional<int64_t> unit_id;
  std::optional<int64_t> campaign_id;
  Date from;
  Date to;
};
class RegistryReads {
 public:
  virtual ~RegistryReads() = default;
  virtual Result<std::optional<Organization>> FindOrganization(std::string_view code) = 0;
  virtual Result<std::optional<Organization>> GetOrganization(int64_t id) = 0;
  // In the subtree of `unit_id`, of `kind` if given, in id order.
  virtual Result<std::vector<Organization>> ListOrganizations(int64_t unit_id,
                                                              std::optional<OrganizationKind> kind,
                                                              RegistryPage page) = 0;

  virtual Result<std::optional<Person>> FindPerson(std::string_view code) = 0;
  virtual Result<std::optional<Person>> GetPerson(int64_t id) = 0;
  // The person a user account (a member's) is linked to; the first by id if several are.
  virtual Result<std::optional<Person>> FindPersonByUser(int64_t user_id) = 0;
  virtual Result<std::vector<Person>> ListPeople(int64_t unit_id, RegistryPage page) = 0;

  virtual Result<std::optional<Household>> FindHousehold(std::string_view code) = 0;
  // The people and households whose codes are among `codes` (any order; unknown codes are left
  // out): an import reads a file's records in a few queries instead of one per line.
  virtual Result<std::vector<Person>> FindPeople(const std::vector<std::string>& codes) = 0;
  virtual Result<std::vector<Household>> FindHouseholds(const std::vector<std::string>& codes) = 0;
  // The people whose ids are among `ids` (any order; unknown ids left out).
  virtual Result<std::vector<Person>> GetPeople(const std::vector<int64_t>& ids) = 0;
  virtual Result<std::optional<Household>> GetHousehold(int64_t id) = 0;
  virtual Result<std::vector<Household>> ListHouseholds(int64_t unit_id, RegistryPage page) = 0;

  virtual Result<std::optional<Position>> GetPosition(int64_t id) = 0;
  // In id order.
  virtual Result<std::vector<Position>> ListPositions(const PositionFilter& filter) = 0;
  // The same with each post's place, in one query.
  virtual Result<std::vector<PlacedPosition>> ListPlacedPositions(const PositionFilter& filter) = 0;

  // With its candidates in the order given.
  virtual Result<std::optional<Election>> FindElection(std::string_view code) = 0;
  // Elections of villages in the subtree of `unit_id`, in id order, with their candidates.
  virtual Result<std::vector<Election>> ListElections(int64_t unit_id, RegistryPage page) = 0;

  // With its organizers.
  virtual Result<std::optional<Campaign>> FindCampaign(std::string_view code) = 0;
  // Campaigns run by units in the subtree of `unit_id`, in id order, with their organizers.
  virtual Result<std::vector<Campaign>> ListCampaigns(int64_t unit_id, RegistryPage page) = 0;
  virtual Result<std::optional<Participation>> GetParticipation(int64_t id) = 0;
  // A campaign's participations in id order.
  virtual Result<std::vector<Participation>> ListParticipations(int64_t campaign_id,
                                                                RegistryPage page) = 0;
  virtual Result<MobilizationTotals> Mobilization(const MobilizationQuery& q) = 0;
  // Moves (within the writing transaction) whenever an organization is written: how
  // Mobilization groups the participations. A new campaign does not move it (it has no confirmed
  // participation yet).
  virtual Result<int64_t> MobilizationVersion() = 0;
  // Moves whenever participations are confirmed (entered confirmed, or confirmed later); each
  // such participation keeps the value the transaction moved it to, so that what was confirmed
  // after a figure was computed can be read by itself (ConfirmedSince). Transactions that move it
  // wait for each other, so a value read means every lower one is committed.
  virtual Result<int64_t> ParticipationsVersion() = 0;
  // The participations the query selects that were confirmed after the ParticipationsVersion
  // `after` and up to `upto`, in id order.
  virtual Result<std::vector<MobilizationRow>> ConfirmedSince(const MobilizationQuery& q,
                                                              int64_t after, int64_t upto) = 0;
  // The participations the query selects of `people` (person ids) confirmed by the
  // ParticipationsVersion `upto` (and those confirmed before this counter existed).
  virtual Result<std::vector<MobilizationRow>> ConfirmedOfPeople(const MobilizationQuery& q,
                                                                 const std::vector<int64_t>& people,
                                                                 int64_t upto) = 0;
  // Moves whenever a post (a position, its end) or an organization is written: what the "two
  // shoulders" figure reads from.
  virtual Result<int64_t> PositionsVersion() = 0;
  // The people whose posts were recorded or ended after the PositionsVersion `after` and up to
  // `upto` (each post keeps the value its transaction moved the counter to), in id order.
  virtual Result<std::vector<int64_t>> PeopleWithPostsChangedSince(int64_t after, int64_t upto) = 0;

  // Facts of villages in the subtree of `unit_id` (all when unset) dated on or before `d`, in id
  // order.
  virtual Result<std::vector<VillageFact>> ListVillageFacts(std::optional<int64_t> unit_id,
                                                            Date d) = 0;
  // For each village of the subtree with household records: how many, and how many were
  // assessed poor or near-poor on or before `d`.
  virtual Result<std::map<int64_t, HouseholdTally>> HouseholdTallies(std::optional<int64_t> unit_id,
                                                                     Date d) = 0;
};

class RegistryWrites : public RegistryReads {
 public:
  // Each Insert returns the new id; a code already in use gives ErrorKind::kConflict.
  virtual Result<int64_t> InsertOrganization(const Organization& o) = 0;
  virtual Result<int64_t> InsertPerson(const Person& p) = 0;
  // Many at once, in few statements (ids not returned); a code already in use: kConflict, and
  // the caller's transaction is to be rolled back.
  virtual Status InsertPeople(const std::vector<Person>& people) = 0;
  virtual Result<int64_t> InsertHousehold(const Household& h) = 0;
  // `place_unit_id`: the unit of the post (the position's unit, or its organization's).
  virtual Result<int64_t> InsertPosition(const Position& p, int64_t place_unit_id) = 0;
  // Replace every field but id and code. kNotFound for an unknown id.
  virtual Status UpdateOrganization(const Organization& o) = 0;
  virtual Status UpdatePerson(const Person& p) = 0;
  virtual Status UpdateHousehold(const Household& h) = 0;
  // Ends an open term: sets its last day. History is otherwise never rewritten.
  virtual Status EndPosition(int64_t id, Date to) = 0;
  // A planned election with its candidates; a code in use gives kConflict.
  virtual Result<int64_t> InsertElection(const Election& e) = 0;
  // Records a held election's day, households voting, votes, winner and position, once:
  // kConflict when it was already recorded.
  virtual Status RecordElectionResult(const Election& e) = 0;
  // A campaign with its organizers; a code in use gives kConflict.
  virtual Result<int64_t> InsertCampaign(const Campaign& c) = 0;
  virtual Result<int64_t> InsertParticipation(const Participation& p) = 0;
  // kNotFound when there is no such participation still waiting for confirmation.
  virtual Status ConfirmParticipation(int64_t id) = 0;
  // A value recorded twice for one village, kind and day gives kConflict.
  virtual Result<int64_t> InsertVillageFact(const VillageFact& f) = 0;
};

}  // namespace jembatan::store
