import type { EligibilityOptions, Rule } from './eligibility';
import { RULE_LABELS, dominantRule, explainPool } from './eligibility';
import type { Excluded, Expert, Need } from './model';
import { NOTHING_EXCLUDED } from './model';
import { expertTerms } from './relevance';
import { INITIAL_WIDTH, solveRoundNetwork, type RoundNetwork } from './round-flow';
import type { ScoredCandidate } from './score';
import { reasonsOf, scoreCandidates, scoreExpert } from './score';

/*
 * Matching rounds (DESIGN §5, POST /matching-rounds): all open needs assigned at once, every
 * expert's remaining capacity shared between them.
 *
 * The objective, lexicographic:
 *   1. COVERAGE — the number of needs that get at least one expert;
 *   2. PAIRS    — the number of (need, expert) assignments, each need taking at most the
 *                 experts it still wants (expertsWanted − already accepted);
 *   3. SCORE    — the total score of those assignments.
 * Coverage first because a need with no expert at all is the failure the policy is about; a
 * second expert for one need is worth less than a first for another, whatever their scores.
 *
 * planRound solves it exactly as a min-cost max-flow: source → need (one "first slot" edge of
 * cost 0 and the other wanted slots at cost COVER) → expert (cost MAX − score, in cents) → sink
 * (capacity = the expert's remaining capacity), on each need's best experts first and then on
 * whichever left-out pairs could still improve it (round-flow.ts). A max flow maximises PAIRS; among max flows the
 * cost is COVER·(pairs − coverage) + Σ(MAX − score), and COVER exceeds any possible difference in
 * Σ(MAX − score), so coverage outranks score. Maximising pairs never costs coverage: augmenting a
 * flow never lowers the flow on any source edge, so some max flow also has maximum coverage.
 *
 * greedyRound (best score first) exists for comparison and as a fallback; the tests check that
 * planRound is never worse and equals brute force on small inputs.
 */
export interface OpenNeed {
  need: Need;
  /** Experts who already accepted: the round fills expertsWanted − accepted slots. */
  accepted?: number;
  /** Experts already proposed to, serving or declined for this need. */
  excluded?: Excluded;
  /**
   * Ids of the experts this need may be given, each one of the round's `experts` (whose
   * capacity the needs share): typically those the store retrieved for the need's disciplines.
   * Every expert of the round when left out. Only these are judged against the need, by the
   * same rules and scores, so the round equals the all-pairs one whenever the list holds every
   * expert eligible for the need; what it saves is judging everyone else. A shortfall is
   * explained from these candidates too.
   */
  candidates?: readonly string[];
}

export interface Assignment {
  needId: string;
  expertId: string;
  score: number;
  reasons: string[];
}

export type ShortfallCause = Rule | 'NO_CANDIDATES' | 'CAPACITY_TAKEN';

export interface Shortfall {
  needId: string;
  wanted: number;
  assigned: number;
  /**
   * CAPACITY_TAKEN when eligible experts exist but their capacity went to other needs' better
   * assignments; otherwise the rule that eliminated the most candidates (eligibility.ts), or
   * NO_CANDIDATES when there were none.
   */
  cause: ShortfallCause;
  reason: string;
  reasonZh: string;
}

export interface RoundResult {
  method: 'OPTIMAL' | 'GREEDY';
  /** By need id, then best score first, then expert id. */
  assignments: Assignment[];
  coverage: {
    /** Open needs in the round (those still wanting at least one expert). */
    needs: number;
    full: number;
    partial: number;
    uncovered: number;
    slotsWanted: number;
    slotsFilled: number;
  };
  fullyCovered: string[];
  partiallyCovered: string[];
  uncovered: string[];
  /** Needs that wanted no more experts and were left out of the round. */
  alreadyCovered: string[];
  totalScore: number;
  /** The lowest score assigned, null when nothing was. */
  minScore: number | null;
  /** Every need that got fewer experts than it wanted, partial and uncovered alike. */
  shortfalls: Shortfall[];
}

interface PreparedNeed {
  open: OpenNeed;
  wanted: number;
  /** Eligible experts with their scores, best first. */
  candidates: ScoredCandidate[];
}

interface Prepared {
  needs: PreparedNeed[];
  experts: Expert[];
  expertById: Map<string, Expert>;
  remaining: Map<string, number>;
  alreadyCovered: string[];
  options: EligibilityOptions;
}

interface Choice {
  need: PreparedNeed;
  candidate: ScoredCandidate;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const cents = (score: number) => Math.round(score * 100);

/** Sorted by id, so the result never depends on the order the store returned things in. */
function prepare(openNeeds: readonly OpenNeed[], experts: readonly Expert[], options: EligibilityOptions): Prepared {
  const needIds = new Set<string>();
  for (const o of openNeeds) {
    if (needIds.has(o.need.id)) throw new RangeError(`Need ${o.need.id} appears twice in the round`);
    needIds.add(o.need.id);
  }
  const sortedExperts = [...experts].sort((a, b) => byId(a.id, b.id));
  const expertById = new Map<string, Expert>();
  for (const e of sortedExperts) {
    if (expertById.has(e.id)) throw new RangeError(`Expert ${e.id} appears twice in the round`);
    expertById.set(e.id, e);
  }
  // Each expert's terms once for the whole round, not once per (need, expert) pair.
  const termsById = new Map(sortedExperts.map((e) => [e.id, expertTerms(e)]));
  const remaining = new Map(sortedExperts.map((e) => [e.id, Math.max(0, e.capacity - e.load)]));
  const needs: PreparedNeed[] = [];
  const alreadyCovered: string[] = [];
  const pools = { experts: sortedExperts, expertById };
  for (const open of [...openNeeds].sort((a, b) => byId(a.need.id, b.need.id))) {
    const accepted = open.accepted ?? 0;
    if (!Number.isInteger(accepted) || accepted < 0) throw new RangeError(`Need ${open.need.id}: accepted must be a whole number ≥ 0`);
    const wanted = open.need.expertsWanted - accepted;
    if (wanted <= 0) {
      alreadyCovered.push(open.need.id);
      continue;
    }
    needs.push({ open, wanted, candidates: scoreCandidates(open.need, poolOf(open, pools), open.excluded ?? NOTHING_EXCLUDED, options, termsById) });
  }
  return { needs, experts: sortedExperts, expertById, remaining, alreadyCovered, options };
}

/** The experts a need is judged against: its candidates when listed, else the whole round. */
function poolOf(open: OpenNeed, p: Pick<Prepared, 'experts' | 'expertById'>): readonly Expert[] {
  if (open.candidates === undefined) return p.experts;
  const seen = new Set<string>();
  return open.candidates.map((id) => {
    const expert = p.expertById.get(id);
    if (!expert) throw new RangeError(`Need ${open.need.id}: candidate ${id} is not among the round's experts`);
    if (seen.has(id)) throw new RangeError(`Need ${open.need.id}: candidate ${id} appears twice`);
    seen.add(id);
    return expert;
  });
}

function shortfallOf(p: Prepared, n: PreparedNeed, assigned: number): Shortfall {
  const base = { needId: n.open.need.id, wanted: n.wanted, assigned };
  const eligible = n.candidates.length;
  if (eligible > assigned) {
    const others = eligible - assigned;
    return {
      ...base,
      cause: 'CAPACITY_TAKEN',
      reason: `capacity taken by higher-value assignments: the ${others} other eligible expert(s) are fully assigned to other needs`,
      reasonZh: `其余 ${others} 名符合条件的专家的服务容量已分配给更优的匹配`,
    };
  }
  const pool = explainPool(n.open.need, poolOf(n.open, p), n.open.excluded ?? NOTHING_EXCLUDED, p.options);
  const cause = dominantRule(pool);
  if (cause === 'NO_CANDIDATES') {
    return { ...base, cause, reason: 'no experts to choose from', reasonZh: '没有可供匹配的专家' };
  }
  const blockedCount = pool.violating[cause];
  const others = pool.candidates - pool.eligible;
  return {
    ...base,
    cause,
    reason: `${eligible} eligible expert(s) for ${n.wanted} wanted; ${RULE_LABELS[cause].en} rules out ${blockedCount} of the other ${others} (${pool.summary})`,
    reasonZh: `符合条件的专家仅 ${eligible} 名；其余 ${others} 名中有 ${blockedCount} 名因“${RULE_LABELS[cause].zh}”不符合`,
  };
}

function result(method: RoundResult['method'], p: Prepared, choices: readonly Choice[]): RoundResult {
  const countByNeed = new Map<string, number>();
  for (const choice of choices) countByNeed.set(choice.need.open.need.id, (countByNeed.get(choice.need.open.need.id) ?? 0) + 1);
  const assignments = choices
    .map(({ need, candidate }) => {
      // Words only for the pairs assigned; the score is the one the round optimised.
      const breakdown = scoreExpert(need.open.need, p.expertById.get(candidate.expertId) as Expert);
      return { needId: need.open.need.id, expertId: candidate.expertId, score: candidate.score, reasons: reasonsOf(need.open.need, breakdown) };
    })
    .sort((a, b) => byId(a.needId, b.needId) || b.score - a.score || byId(a.expertId, b.expertId));
  const fullyCovered: string[] = [];
  const partiallyCovered: string[] = [];
  const uncovered: string[] = [];
  const shortfalls: Shortfall[] = [];
  for (const n of p.needs) {
    const got = countByNeed.get(n.open.need.id) ?? 0;
    (got >= n.wanted ? fullyCovered : got > 0 ? partiallyCovered : uncovered).push(n.open.need.id);
    if (got < n.wanted) shortfalls.push(shortfallOf(p, n, got));
  }
  const total = assignments.reduce((sum, a) => sum + cents(a.score), 0);
  return {
    method,
    assignments,
    coverage: {
      needs: p.needs.length,
      full: fullyCovered.length,
      partial: partiallyCovered.length,
      uncovered: uncovered.length,
      slotsWanted: p.needs.reduce((sum, n) => sum + n.wanted, 0),
      slotsFilled: assignments.length,
    },
    fullyCovered,
    partiallyCovered,
    uncovered,
    alreadyCovered: p.alreadyCovered,
    totalScore: total / 100,
    minScore: assignments.length ? Math.min(...assignments.map((a) => a.score)) : null,
    shortfalls,
  };
}

/** The optimal round: coverage, then pairs, then total score (see above). */
export function planRound(openNeeds: readonly OpenNeed[], experts: readonly Expert[], options: EligibilityOptions = {}, initialWidth = INITIAL_WIDTH): RoundResult {
  const p = prepare(openNeeds, experts, options);
  const expertIndex = new Map(p.experts.map((e, j) => [e.id, j]));
  const slots = p.needs.reduce((sum, n) => sum + n.wanted, 0);
  let max = 100_00;
  for (const n of p.needs) for (const c of n.candidates) max = Math.max(max, cents(c.score));
  const network: RoundNetwork = {
    // Candidates are best first, so their costs (MAX − score) ascend.
    needs: p.needs.map((n) => ({
      wanted: n.wanted,
      experts: Int32Array.from(n.candidates, (c) => expertIndex.get(c.expertId) as number),
      costs: Int32Array.from(n.candidates, (c) => max - cents(c.score)),
    })),
    capacities: p.experts.map((e) => p.remaining.get(e.id) ?? 0),
    // Larger than any difference in Σ(MAX − score) between two rounds of at most `slots` pairs.
    cover: max * slots + 1,
  };
  const { assigned } = solveRoundNetwork(network, initialWidth);
  return result(
    'OPTIMAL',
    p,
    p.needs.flatMap((need, i) => assigned[i]!.map((position) => ({ need, candidate: need.candidates[position]! }))),
  );
}

/** Best score first across all needs (ties by need id, then expert id), while slots and capacity last. */
export function greedyRound(openNeeds: readonly OpenNeed[], experts: readonly Expert[], options: EligibilityOptions = {}): RoundResult {
  const p = prepare(openNeeds, experts, options);
  const candidates: Choice[] = p.needs.flatMap((need) => need.candidates.map((candidate) => ({ need, candidate })));
  candidates.sort((a, b) => b.candidate.score - a.candidate.score || byId(a.need.open.need.id, b.need.open.need.id) || byId(a.candidate.expertId, b.candidate.expertId));
  const remaining = new Map(p.remaining);
  const slots = new Map(p.needs.map((n) => [n.open.need.id, n.wanted]));
  const choices: Choice[] = [];
  for (const c of candidates) {
    const needId = c.need.open.need.id;
    const left = remaining.get(c.candidate.expertId) ?? 0;
    const open = slots.get(needId) ?? 0;
    if (left === 0 || open === 0) continue;
    remaining.set(c.candidate.expertId, left - 1);
    slots.set(needId, open - 1);
    choices.push(c);
  }
  return result('GREEDY', p, choices);
}

export interface RoundObjective {
  covered: number;
  pairs: number;
  /** Total score in hundredths, an exact integer. */
  scoreCents: number;
}

export function roundObjective(r: RoundResult): RoundObjective {
  return { covered: r.coverage.full + r.coverage.partial, pairs: r.assignments.length, scoreCents: r.assignments.reduce((s, a) => s + cents(a.score), 0) };
}

/** Positive when `a` is better than `b` under the round's lexicographic objective. */
export function compareObjectives(a: RoundObjective, b: RoundObjective): number {
  return a.covered - b.covered || a.pairs - b.pairs || a.scoreCents - b.scoreCents;
}
