import { disciplineLabel } from './disciplines';
import type { Blocked, EligibilityOptions } from './eligibility';
import { checkNeedWindow, firstFailingRule, firstViolation, pairContext } from './eligibility';
import { ZONE_LABELS, distanceKm, isEastToWest, provinceOf } from './geography';
import type { Excluded, Expert, ExpertCategory, Need } from './model';
import { EXPERT_CATEGORY_LABELS, NOTHING_EXCLUDED, SERVICE_FORM_LABELS } from './model';
import { RELIABILITY, reliabilityOf } from './reliability';
import type { ExpertTerm, FieldOverlap, KeywordMatch, Relevance } from './relevance';
import { expertTerms, needHaystack, relevanceOf } from './relevance';

/*
 * How well an eligible expert fits a need, factor by factor, so every score can be explained.
 *
 * Points out of 100: what the expert knows dominates (disciplines 30, words 30), then what the
 * policy asks us to favour (east→west collaboration, spreading work to the less loaded), then
 * small signals (category, track record) that must never outweigh a better-matched expert.
 *
 *   FIELDS        30  × mean best match of the need's codes (exact 1, same first-level group 0.5)
 *   KEYWORDS      30  × saturating keyword strength (relevance.ts)
 *   SERVICE_FORM  10  the expert offers the requested form (always true once eligible: it makes
 *                     the form visible in the reasons and keeps scores comparable across needs)
 *   REGION        10  east expert → west need; otherwise up to 5, halving every 500 km
 *   LOAD          10  × share of capacity still free
 *   CATEGORY       5  the best of the expert's categories (academician 5 … postdoc 2)
 *   RELIABILITY   ±5  track record (reliability.ts)
 *
 * Each factor is rounded to 2 decimals and the score is the sum of the rounded factors, so the
 * breakdown always adds up to the score shown.
 */
export const WEIGHTS = {
  fields: 30,
  keywords: 30,
  serviceForm: 10,
  eastToWest: 10,
  proximity: 5,
  proximityHalfKm: 500,
  load: 10,
  category: 5,
  reliability: RELIABILITY.cap,
} as const;

/** Points for an expert's categories: the best one counts, labels do not stack. */
export const CATEGORY_POINTS: Record<ExpertCategory, number> = {
  ACADEMICIAN: 5,
  MAJOR_TALENT_PROGRAMME: 4,
  SPECIAL_ALLOWANCE: 3,
  RETURNED_SCHOLAR: 2,
  POSTDOC: 2,
  // A willing retired expert is welcome (the policy encourages it) but not favoured.
  RETIRED: 0,
  OTHER: 0,
};

export type Factor = 'FIELDS' | 'KEYWORDS' | 'SERVICE_FORM' | 'REGION' | 'LOAD' | 'CATEGORY' | 'RELIABILITY';

export interface FactorScore {
  factor: Factor;
  points: number;
  detail: string;
}

export interface ScoreBreakdown {
  score: number;
  factors: FactorScore[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const cents = (x: number) => Math.round(x * 100);

export const FACTORS: readonly Factor[] = ['FIELDS', 'KEYWORDS', 'SERVICE_FORM', 'REGION', 'LOAD', 'CATEGORY', 'RELIABILITY'];

function regionPoints(need: Need, expert: Expert): number {
  if (isEastToWest(expert.region, need.region)) return WEIGHTS.eastToWest;
  const km = distanceKm(expert.region, need.region);
  return km === undefined ? 0 : round2(WEIGHTS.proximity * 0.5 ** (km / WEIGHTS.proximityHalfKm));
}

function bestCategory(expert: Expert): ExpertCategory | undefined {
  let best: ExpertCategory | undefined;
  for (const c of expert.categories) if (best === undefined || CATEGORY_POINTS[c] > CATEGORY_POINTS[best]) best = c;
  return best;
}

/**
 * The points of every factor, and nothing else: the one place the numbers come from, whether
 * the caller then wants them explained (scoreExpert) or only added up (a matching round).
 */
export function factorPoints(need: Need, expert: Expert, relevance: Pick<Relevance, 'fields' | 'keywords'>): Record<Factor, number> {
  const category = bestCategory(expert);
  return {
    FIELDS: round2(WEIGHTS.fields * relevance.fields.ratio),
    KEYWORDS: round2(WEIGHTS.keywords * relevance.keywords.strength),
    SERVICE_FORM: expert.serviceForms.includes(need.serviceForm) ? WEIGHTS.serviceForm : 0,
    REGION: regionPoints(need, expert),
    LOAD: expert.capacity > 0 ? round2(WEIGHTS.load * Math.max(0, (expert.capacity - expert.load) / expert.capacity)) : 0,
    CATEGORY: category === undefined ? 0 : Math.min(WEIGHTS.category, CATEGORY_POINTS[category]),
    RELIABILITY: reliabilityOf(expert.reliability).points,
  };
}

/** The score from factor points: the sum of the rounded factors, never below 0. */
export function totalOf(points: Record<Factor, number>): number {
  let total = 0;
  for (const f of FACTORS) total += cents(points[f]);
  return Math.max(0, total) / 100;
}

function fieldsDetail(overlap: FieldOverlap): string {
  const exact = overlap.matches.filter((m) => m.kind === 'EXACT').map((m) => disciplineLabel(m.expertField));
  const group = overlap.matches.filter((m) => m.kind === 'GROUP').map((m) => `${disciplineLabel(m.expertField)} ~ ${m.needField}`);
  const parts = [exact.length ? `same discipline: ${exact.join(', ')}` : '', group.length ? `same discipline group: ${group.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no shared discipline';
}

function keywordsDetail(match: KeywordMatch): string {
  const keywords = match.matched.filter((m) => m.source === 'KEYWORD').map((m) => m.term);
  const names = match.matched.filter((m) => m.source === 'FIELD_NAME').map((m) => m.term);
  const parts = [keywords.length ? `shared keywords: ${keywords.join(', ')}` : '', names.length ? `need mentions the expert's disciplines: ${names.join(', ')}` : ''].filter(Boolean);
  return parts.length ? parts.join('; ') : 'no shared keywords';
}

function serviceFormDetail(need: Need, expert: Expert): string {
  const form = SERVICE_FORM_LABELS[need.serviceForm];
  return `${expert.serviceForms.includes(need.serviceForm) ? 'offers' : 'does not offer'} ${form.en} (${form.zh})`;
}

function regionDetail(need: Need, expert: Expert): string {
  const from = provinceOf(expert.region);
  const to = provinceOf(need.region);
  if (!from || !to) return 'region unknown';
  if (isEastToWest(expert.region, need.region)) return `east→west collaboration (东西部协作): ${from.shortName} → ${to.shortName}`;
  const km = distanceKm(expert.region, need.region) ?? 0;
  const where = km === 0 ? `same province (${to.shortName})` : `${from.shortName} → ${to.shortName}, about ${Math.round(km)} km`;
  return `${where}; ${ZONE_LABELS[from.zone].en} → ${ZONE_LABELS[to.zone].en}`;
}

function categoryDetail(expert: Expert): string {
  const labels = expert.categories.map((c) => EXPERT_CATEGORY_LABELS[c].zh);
  const willing = expert.categories.includes('RETIRED') && expert.retiredAndWilling ? ' (retired, serving of their own will)' : '';
  return labels.length ? `${labels.join('、')}${willing}` : 'no category';
}

function reliabilityDetail(expert: Expert): string {
  const r = reliabilityOf(expert.reliability);
  return r.completed === 0 && r.ratingCount === 0
    ? 'no completed services yet'
    : `${r.completed} completed services, rating ${r.rating.toFixed(2)} over ${r.ratingCount} ratings (with prior)`;
}

/**
 * The breakdown of an expert's fit to a need. Eligibility is not checked here: score only
 * candidates that passed the hard rules. `relevance` is the pair's relevance when the caller
 * already has it (eligibility computed it).
 */
export function scoreExpert(need: Need, expert: Expert, relevance: Relevance = relevanceOf(need, expert, needHaystack(need))): ScoreBreakdown {
  const points = factorPoints(need, expert, relevance);
  const details: Record<Factor, () => string> = {
    FIELDS: () => fieldsDetail(relevance.fields),
    KEYWORDS: () => keywordsDetail(relevance.keywords),
    SERVICE_FORM: () => serviceFormDetail(need, expert),
    REGION: () => regionDetail(need, expert),
    LOAD: () => `current load ${expert.load} of ${expert.capacity}`,
    CATEGORY: () => categoryDetail(expert),
    RELIABILITY: () => reliabilityDetail(expert),
  };
  return { score: totalOf(points), factors: FACTORS.map((factor) => ({ factor, points: points[factor], detail: details[factor]() })) };
}

/** Human-readable reasons: one per factor that moved the score, then availability. */
export function reasonsOf(need: Need, breakdown: ScoreBreakdown): string[] {
  const reasons = breakdown.factors.filter((f) => f.points !== 0).map((f) => `${f.factor.toLowerCase().replace('_', ' ')} ${f.points > 0 ? '+' : ''}${f.points}: ${f.detail}`);
  reasons.push(`available throughout ${need.window.from} to ${need.window.to}`);
  return reasons;
}

export interface Proposal {
  expertId: string;
  score: number;
  reasons: string[];
  factors: FactorScore[];
}

export interface Rejection extends Blocked {
  expertId: string;
}

export interface Ranking {
  needId: string;
  /** Eligible experts, best first; equal scores in expert id order. */
  proposals: Proposal[];
  /** Everyone else with the first rule that blocks them, in expert id order. */
  rejected: Rejection[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Best score first, then expert id: the same candidates always rank the same way. */
export function compareProposals(a: Pick<Proposal, 'expertId' | 'score'>, b: Pick<Proposal, 'expertId' | 'score'>): number {
  return b.score - a.score || byId(a.expertId, b.expertId);
}

/**
 * Every expert either ranked (eligible, scored, with reasons) or rejected (with the first rule
 * that blocks them). The caller proposes the top `expertsWanted`; after a decline it ranks
 * again with the decliner in `excluded` and the next best comes up.
 */
export function rankCandidates(need: Need, experts: readonly Expert[], excluded: Excluded = NOTHING_EXCLUDED, options: EligibilityOptions = {}): Ranking {
  checkNeedWindow(need);
  const ids = new Set<string>();
  for (const e of experts) {
    if (ids.has(e.id)) throw new RangeError(`Expert ${e.id} appears twice among the candidates`);
    ids.add(e.id);
  }
  const haystack = needHaystack(need);
  const proposals: Proposal[] = [];
  const rejected: Rejection[] = [];
  for (const expert of experts) {
    const pair = pairContext(need, expert, excluded, haystack);
    const first = firstViolation(pair, options);
    if (first) {
      rejected.push({ expertId: expert.id, ...first });
      continue;
    }
    const breakdown = scoreExpert(need, expert, pair.relevance());
    proposals.push({ expertId: expert.id, score: breakdown.score, reasons: reasonsOf(need, breakdown), factors: breakdown.factors });
  }
  proposals.sort(compareProposals);
  rejected.sort((a, b) => byId(a.expertId, b.expertId));
  return { needId: need.id, proposals, rejected };
}

/** A candidate as a matching round sees it: who, and the score, without the words. */
export interface ScoredCandidate {
  expertId: string;
  score: number;
}

/**
 * rankCandidates without the text: the same rules and the same scores as numbers only, best
 * first. A round judges every (need, expert) pair and explains only the pairs it assigns, so
 * building reasons for all of them would be most of its work. `termsById` holds each expert's
 * terms (relevance.expertTerms), computed once per round instead of once per pair.
 */
export function scoreCandidates(
  need: Need,
  experts: readonly Expert[],
  excluded: Excluded = NOTHING_EXCLUDED,
  options: EligibilityOptions = {},
  termsById?: ReadonlyMap<string, readonly ExpertTerm[]>,
): ScoredCandidate[] {
  checkNeedWindow(need);
  const haystack = needHaystack(need);
  const out: ScoredCandidate[] = [];
  for (const expert of experts) {
    const pair = pairContext(need, expert, excluded, haystack, termsById?.get(expert.id) ?? expertTerms(expert));
    if (firstFailingRule(pair, options) !== undefined) continue;
    out.push({ expertId: expert.id, score: totalOf(factorPoints(need, expert, pair.relevance())) });
  }
  return out.sort(compareProposals);
}
