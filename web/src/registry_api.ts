// What the registry's API answers (docs/registry.md): the fields the registry, roster and
// indicator pages use. Rates come as strings with two decimals ("64.99"), computed by the server.
import type { UnitRef } from './api';

export type Listed<K extends string, T> = { [k in K]: T[] } & { next_after: string | number | null };

export interface Organization {
  code: string; kind: string; name: string; unit: UnitRef;
  valid_from: string | null; valid_to: string | null;
}
export interface Person {
  code: string; name: string; sex: string | null; birth_year: number | null; ethnic_group: string;
  unit: UnitRef; phone: string; party_member: boolean; prestigious: boolean; has_account: boolean;
}
export interface Household {
  code: string; unit: UnitRef; head_name: string; size: number; phone: string;
  poverty: string; poverty_assessed: string | null;
}
export interface Position {
  id: number; person: { code: string; name: string }; title: string;
  organization: string | null; unit: string; from: string; to: string | null; elected: boolean;
}
export interface Election {
  code: string; unit: string; term_from: string; term_to: string; planned_on: string;
  held_on: string | null; households_voting: number | null;
  candidates: { code: string; name: string; votes: number | null }[];
  winner: string | null; position_id: number | null;
}
export interface Campaign {
  code: string; kind: string; title: string; unit: string; from: string; to: string;
  goal_people: number | null; goal_workdays: number | null; organizers: string[];
}
export interface Participation {
  id: number; person: { code: string; name: string } | null; unit: string; headcount: number;
  from: string | null; to: string | null; days: number | null; workdays: number; role: string;
  confirmed: boolean; source: string;
}
export interface Count { people: number; named: number; headcount: number; workdays: number }
export interface Mobilization {
  unit: UnitRef; from: string; to: string; campaign: string | null; total: Count;
  by_campaign_kind: Record<string, Count>; by_organization_kind: Record<string, Count>;
}
export interface RateFigure { concurrent: number; villages: number; rate: string | null }
export interface Concurrency extends RateFigure {
  unit: UnitRef; at: string; target: { rate: string; by: string }; gap: string | null;
  without: UnitRef[]; trend: (RateFigure & { at: string })[];
  by_unit: (RateFigure & { unit: UnitRef & { location?: { lat: number; lon: number } } })[];
}
export interface ReflectionCount { forwarded: number; resolved: number; on_time: number; confirmed: number }
export interface Tally extends ReflectionCount { by_category: Record<string, ReflectionCount> }
export interface Reflections {
  organization: { code: string; name: string; kind: string; unit: string };
  from: string; to: string; members: number; prestigious: number; reflections: Tally;
  by_member?: { person: string; name: string; prestigious: boolean; reflections: Tally }[];
}
export interface AwardCycle {
  code: string; title: string; unit: UnitRef; from: string; to: string; kind: string | null;
  criteria: { measure: string; weight: number }[]; places: number | null;
  decision: { title: string; number: string; date: string } | null; nominated: number; awarded: number;
}
export interface Awardee { person: string; name: string; unit: { code: string; name: string } }
export interface RankingRow {
  rank: number | null; tied: boolean; person: string; name: string; unit: string; score: number;
  explanation: { measure: string; value: number; weight: number; points: number }[];
  nominated: boolean; awarded: boolean;
}
export interface FactFigure { value: number; villages: number; of?: number; rate?: string | null; villages_from_household_records?: number }
export interface VillageFacts { unit: UnitRef; at: string; villages: number; facts: Record<string, FactFigure> }

export const ORGANIZATION_KINDS = ['party_cell', 'core_mobilization_group', 'militia_unit', 'front_work_committee',
  'community_mobilization_team', 'youth_club', 'other'] as const;
export const CAMPAIGN_KINDS = ['disaster_prevention', 'search_and_rescue', 'border_patrol', 'checkpoint_duty',
  'house_building', 'road_building', 'law_dissemination', 'policy_family_visits', 'production_support', 'other'] as const;
export const TITLES = ['cell_secretary', 'village_head', 'residential_group_head', 'front_committee_head',
  'militia_commander', 'group_leader', 'deputy', 'member'] as const;
export const FACT_KINDS = ['households', 'households_with_electricity', 'households_with_clean_water', 'poor_households',
  'near_poor_households', 'cultural_house', 'paved_road'] as const;
export const REGISTRY_TABLES = ['people', 'households', 'organizations', 'positions', 'elections', 'participations'] as const;

// "Name (CODE)" from the list, or a code typed as it is on paper.
export function personCode(typed: string, people: Person[]): string {
  const inParens = /\(([^()]+)\)\s*$/.exec(typed);
  if (inParens) return inParens[1].trim();
  const s = typed.trim();
  const byName = people.filter((p) => p.name.localeCompare(s, undefined, { sensitivity: 'base' }) === 0);
  return byName.length === 1 ? byName[0].code : s;
}
