import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpenNeed, RoundObjective, RoundResult } from '../../../functions/expert-matching/core/assignment';
import { compareObjectives, greedyRound, planRound, roundObjective } from '../../../functions/expert-matching/core/assignment';
import type { Expert, ExpertCategory, ServiceForm } from '../../../functions/expert-matching/core/model';
import { rankCandidates } from '../../../functions/expert-matching/core/score';
import { expert, need } from './fixtures';

const pairs = (r: RoundResult) => r.assignments.map((a) => `${a.needId}:${a.expertId}`);

describe('planRound', () => {
  // X fits both needs and scores higher on the western one (east→west bonus); Y fits only the
  // western one, less well. Best score first gives X to the west and leaves the east uncovered.
  const west = need({ id: 'N-WEST', region: '520100' });
  const east = need({ id: 'N-EAST', region: '320100', serviceForm: 'LECTURE' });
  const x = expert({ id: 'E-X', capacity: 2, load: 1 });
  const y = expert({ id: 'E-Y', fields: ['21040'], keywords: [], serviceForms: ['TECH_GUIDANCE'] });
  const round = [{ need: west }, { need: east }];

  it('covers more needs before it scores higher', () => {
    const greedy = greedyRound(round, [x, y]);
    const best = planRound(round, [x, y]);
    expect(pairs(greedy)).toEqual(['N-WEST:E-X']);
    expect(greedy.uncovered).toEqual(['N-EAST']);
    expect(pairs(best)).toEqual(['N-EAST:E-X', 'N-WEST:E-Y']);
    expect(best.coverage).toEqual({ needs: 2, full: 2, partial: 0, uncovered: 0, slotsWanted: 2, slotsFilled: 2 });
    expect(best.fullyCovered).toEqual(['N-EAST', 'N-WEST']);
    expect(compareObjectives(roundObjective(best), roundObjective(greedy))).toBeGreaterThan(0);
  });

  it('reports total and minimum score', () => {
    const best = planRound(round, [x, y]);
    const scores = best.assignments.map((a) => a.score);
    expect(best.totalScore).toBe(Math.round(scores.reduce((a, b) => a + b, 0) * 100) / 100);
    expect(best.minScore).toBe(Math.min(...scores));
    expect(best.assignments[0]!.reasons.length).toBeGreaterThan(0);
    expect(planRound([], [x]).minScore).toBeNull();
  });

  it('gives a second need its first expert before another need its second', () => {
    const wantsTwo = need({ id: 'N-A', expertsWanted: 2 });
    const wantsOne = need({ id: 'N-B' });
    const result = planRound([{ need: wantsTwo }, { need: wantsOne }], [expert({ id: 'E-1', load: 2 }), expert({ id: 'E-2', load: 2, region: '650100' })]);
    expect(result.coverage).toMatchObject({ full: 1, partial: 1, uncovered: 0 });
    expect(result.partiallyCovered).toEqual(['N-A']);
  });

  it('fills only the slots still wanted, and leaves out needs that want nobody', () => {
    const result = planRound(
      [
        { need: need({ id: 'N-A', expertsWanted: 3 }), accepted: 2 },
        { need: need({ id: 'N-B', expertsWanted: 2 }), accepted: 2 },
      ],
      [expert({ id: 'E-1' }), expert({ id: 'E-2' })],
    );
    expect(pairs(result)).toEqual(['N-A:E-1']);
    expect(result.alreadyCovered).toEqual(['N-B']);
    expect(result.coverage.needs).toBe(1);
  });

  it('never gives a need an expert it already had', () => {
    const result = planRound([{ need: need({ id: 'N-A', expertsWanted: 2 }), accepted: 1, excluded: new Map([['E-1', 'ACCEPTED' as const]]) }], [expert({ id: 'E-1' }), expert({ id: 'E-2' })]);
    expect(pairs(result)).toEqual(['N-A:E-2']);
  });

  describe('shortfalls', () => {
    it('blames the rule that emptied the pool when nobody is eligible', () => {
      const result = planRound([{ need: need({ id: 'N-A' }) }], [expert({ id: 'E-1', availableTo: '2026-06-30' }), expert({ id: 'E-2', availableTo: '2026-06-30', load: 3 })]);
      expect(result.uncovered).toEqual(['N-A']);
      expect(result.shortfalls).toEqual([
        expect.objectContaining({ needId: 'N-A', wanted: 1, assigned: 0, cause: 'NOT_AVAILABLE', reasonZh: '符合条件的专家仅 0 名；其余 2 名中有 2 名因“需求时段内不可服务”不符合' }),
      ]);
    });

    it('says "capacity taken by higher-value assignments" when eligible experts went elsewhere', () => {
      const result = planRound([{ need: need({ id: 'N-A' }) }, { need: need({ id: 'N-B', region: '650100' }) }], [expert({ id: 'E-1', load: 2 })]);
      expect(result.coverage).toMatchObject({ full: 1, uncovered: 1 });
      expect(result.shortfalls).toHaveLength(1);
      expect(result.shortfalls[0]).toMatchObject({ cause: 'CAPACITY_TAKEN', assigned: 0 });
      expect(result.shortfalls[0]!.reason).toMatch(/^capacity taken by higher-value assignments/);
    });

    it('reports partial shortfalls too, and NO_CANDIDATES without experts', () => {
      const partial = planRound([{ need: need({ id: 'N-A', expertsWanted: 3 }) }], [expert({ id: 'E-1' }), expert({ id: 'E-2', serviceForms: ['LECTURE'] })]);
      expect(partial.shortfalls).toEqual([expect.objectContaining({ needId: 'N-A', wanted: 3, assigned: 1, cause: 'FORM_NOT_OFFERED' })]);
      expect(planRound([{ need: need() }], []).shortfalls[0]).toMatchObject({ cause: 'NO_CANDIDATES' });
    });
  });

  it('judges a need only against its listed candidates, and explains a shortfall from them', () => {
    const a = need({ id: 'N-A' });
    const best = expert({ id: 'E-1', categories: ['ACADEMICIAN'] });
    const listed = expert({ id: 'E-2' });
    expect(pairs(planRound([{ need: a }], [best, listed]))).toEqual(['N-A:E-1']);
    expect(pairs(planRound([{ need: a, candidates: ['E-2'] }], [best, listed]))).toEqual(['N-A:E-2']);
    expect(pairs(greedyRound([{ need: a, candidates: ['E-2'] }], [best, listed]))).toEqual(['N-A:E-2']);
    // Only the listed, unavailable expert is explained: not the eligible one left off the list.
    const blocked = planRound([{ need: a, candidates: ['E-3'] }], [best, expert({ id: 'E-3', availableTo: '2026-06-30' })]);
    expect(blocked.shortfalls).toEqual([expect.objectContaining({ cause: 'NOT_AVAILABLE', reasonZh: '符合条件的专家仅 0 名；其余 1 名中有 1 名因“需求时段内不可服务”不符合' })]);
    expect(planRound([{ need: a, candidates: [] }], [best]).shortfalls[0]).toMatchObject({ cause: 'NO_CANDIDATES' });
    expect(() => planRound([{ need: a, candidates: ['E-9'] }], [best])).toThrow(/E-9 is not among the round's experts/);
    expect(() => planRound([{ need: a, candidates: ['E-1', 'E-1'] }], [best])).toThrow(/E-1 appears twice/);
  });

  it('refuses a round listing the same need twice', () => {
    expect(() => planRound([{ need: need() }, { need: need() }], [expert()])).toThrow(/appears twice/);
  });
});

/* ---------------------------------------------------------------------------------------------
 * Random small rounds: the solver against brute-force enumeration and against greedy.
 * ------------------------------------------------------------------------------------------- */

const FIELDS = ['21060', '21040', '23030'];
const REGIONS = ['520100', '650100', '320100', '420100', '110000'];
const FORMS: ServiceForm[] = ['TECH_GUIDANCE', 'LECTURE'];
const CATEGORIES: ExpertCategory[] = ['OTHER', 'ACADEMICIAN', 'POSTDOC', 'SPECIAL_ALLOWANCE'];

// Each rule blocks a minority of pairs (they compound), so most rounds have real competition.
const arbNeed = fc.record({
  field: fc.constantFrom(...FIELDS),
  region: fc.constantFrom(...REGIONS),
  form: fc.constantFrom<ServiceForm>('TECH_GUIDANCE', 'TECH_GUIDANCE', 'TECH_GUIDANCE', 'LECTURE'),
  wanted: fc.integer({ min: 1, max: 3 }),
  accepted: fc.constantFrom(0, 0, 0, 1),
  excluded: fc.constantFrom<number[]>([], [], [], [], [0]),
});

const arbExpert = fc.record({
  fields: fc.subarray(FIELDS, { minLength: 1 }),
  region: fc.constantFrom(...REGIONS),
  forms: fc.constantFrom<ServiceForm[]>(FORMS, FORMS, FORMS, ['TECH_GUIDANCE'], ['LECTURE']),
  capacity: fc.constantFrom(0, 1, 1, 2, 2, 3, 3),
  load: fc.constantFrom(0, 0, 0, 1),
  category: fc.constantFrom(...CATEGORIES),
  available: fc.integer({ min: 0, max: 9 }),
  active: fc.integer({ min: 0, max: 19 }),
});

// Sizes drawn uniformly (fast-check's arrays lean towards short ones).
const arbRound = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }))
  .chain(([n, m]) => fc.record({ needs: fc.array(arbNeed, { minLength: n, maxLength: n }), experts: fc.array(arbExpert, { minLength: m, maxLength: m }) }))
  .map(({ needs, experts }) => {
    const openNeeds: OpenNeed[] = needs.map((n, i) => ({
      need: need({ id: `N${i}`, fields: [n.field], region: n.region, serviceForm: n.form, expertsWanted: n.wanted, description: '' }),
      accepted: n.accepted,
      excluded: new Set(n.excluded.map((j) => `E${j}`)),
    }));
    const pool: Expert[] = experts.map((e, j) =>
      expert({
        id: `E${j}`,
        fields: e.fields,
        keywords: [],
        region: e.region,
        serviceForms: e.forms,
        capacity: e.capacity,
        load: Math.min(e.load, e.capacity),
        categories: [e.category],
        availableTo: e.available > 0 ? '2026-12-31' : '2026-06-30',
        status: e.active > 0 ? 'ACTIVE' : 'INACTIVE',
      }),
    );
    return { openNeeds, experts: pool };
  });

/** The eligible (need, expert) pairs of a round. */
function candidatePairs(openNeeds: OpenNeed[], experts: Expert[]): number {
  return openNeeds.reduce((sum, o) => sum + (o.need.expertsWanted > (o.accepted ?? 0) ? rankCandidates(o.need, experts, o.excluded).proposals.length : 0), 0);
}

/** The best objective over every feasible set of (need, expert) pairs. */
function bruteForce(openNeeds: OpenNeed[], experts: Expert[]): RoundObjective {
  const candidates: { needId: string; expertId: string; cents: number }[] = [];
  const wanted = new Map<string, number>();
  for (const o of openNeeds) {
    const w = o.need.expertsWanted - (o.accepted ?? 0);
    if (w <= 0) continue;
    wanted.set(o.need.id, w);
    for (const p of rankCandidates(o.need, experts, o.excluded).proposals) candidates.push({ needId: o.need.id, expertId: p.expertId, cents: Math.round(p.score * 100) });
  }
  const remaining = new Map(experts.map((e) => [e.id, Math.max(0, e.capacity - e.load)]));
  let best: RoundObjective = { covered: 0, pairs: 0, scoreCents: 0 };
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const perNeed = new Map<string, number>();
    const perExpert = new Map<string, number>();
    let scoreCents = 0;
    let ok = true;
    candidates.forEach((c, k) => {
      if (!(mask & (1 << k))) return;
      perNeed.set(c.needId, (perNeed.get(c.needId) ?? 0) + 1);
      perExpert.set(c.expertId, (perExpert.get(c.expertId) ?? 0) + 1);
      scoreCents += c.cents;
    });
    for (const [id, n] of perNeed) if (n > (wanted.get(id) ?? 0)) ok = false;
    for (const [id, n] of perExpert) if (n > (remaining.get(id) ?? 0)) ok = false;
    if (!ok) continue;
    const objective = { covered: perNeed.size, pairs: [...perNeed.values()].reduce((a, b) => a + b, 0), scoreCents };
    if (compareObjectives(objective, best) > 0) best = objective;
  }
  return best;
}

/** Capacity, wanted slots, eligibility and the coverage lists all hold. */
function checkFeasible(result: RoundResult, openNeeds: OpenNeed[], experts: Expert[]): void {
  const seen = new Set<string>();
  const perExpert = new Map<string, number>();
  const perNeed = new Map<string, number>();
  for (const a of result.assignments) {
    const key = `${a.needId}:${a.expertId}`;
    expect(seen.has(key), key).toBe(false);
    seen.add(key);
    perExpert.set(a.expertId, (perExpert.get(a.expertId) ?? 0) + 1);
    perNeed.set(a.needId, (perNeed.get(a.needId) ?? 0) + 1);
    const open = openNeeds.find((o) => o.need.id === a.needId)!;
    const eligible = rankCandidates(open.need, experts, open.excluded).proposals.map((p) => p.expertId);
    expect(eligible).toContain(a.expertId);
  }
  for (const e of experts) expect(perExpert.get(e.id) ?? 0).toBeLessThanOrEqual(Math.max(0, e.capacity - e.load));
  for (const o of openNeeds) {
    const wanted = o.need.expertsWanted - (o.accepted ?? 0);
    const got = perNeed.get(o.need.id) ?? 0;
    expect(got).toBeLessThanOrEqual(Math.max(0, wanted));
    const list = wanted <= 0 ? result.alreadyCovered : got >= wanted ? result.fullyCovered : got > 0 ? result.partiallyCovered : result.uncovered;
    expect(list).toContain(o.need.id);
    expect(result.shortfalls.some((s) => s.needId === o.need.id)).toBe(wanted > 0 && got < wanted);
  }
}

describe('planRound on random small rounds', () => {
  it('equals brute-force enumeration (coverage, then pairs, then total score)', () => {
    fc.assert(
      fc.property(arbRound, ({ openNeeds, experts }) => {
        // 2^16 subsets at most: bigger rounds are left to the greedy comparison below.
        fc.pre(candidatePairs(openNeeds, experts) <= 16);
        const result = planRound(openNeeds, experts);
        checkFeasible(result, openNeeds, experts);
        expect(roundObjective(result)).toEqual(bruteForce(openNeeds, experts));
        // Started from no edges beyond the slots wanted, pricing must bring back whatever the optimum needs.
        const narrow = planRound(openNeeds, experts, {}, 0);
        checkFeasible(narrow, openNeeds, experts);
        expect(roundObjective(narrow)).toEqual(roundObjective(result));
      }),
      { numRuns: 500 },
    );
  });

  it('is never worse than greedy, and greedy is feasible too', () => {
    fc.assert(
      fc.property(arbRound, ({ openNeeds, experts }) => {
        const greedy = greedyRound(openNeeds, experts);
        checkFeasible(greedy, openNeeds, experts);
        expect(compareObjectives(roundObjective(planRound(openNeeds, experts)), roundObjective(greedy))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the all-pairs round when each need lists every expert eligible for it, in any order', () => {
    const withCandidates = arbRound.chain(({ openNeeds, experts }) =>
      fc.tuple(
        fc.constant({ openNeeds, experts }),
        // Per need: some of the ineligible experts too, and the list shuffled.
        fc.tuple(...openNeeds.map(() => fc.shuffledSubarray(experts.map((e) => e.id)))),
        fc.tuple(...openNeeds.map(() => fc.integer())),
      ),
    );
    const plan = (r: RoundResult) => ({ assignments: r.assignments, coverage: r.coverage, fullyCovered: r.fullyCovered, partiallyCovered: r.partiallyCovered, uncovered: r.uncovered, totalScore: r.totalScore });
    fc.assert(
      fc.property(withCandidates, ([{ openNeeds, experts }, extras, seeds]) => {
        const listed: OpenNeed[] = openNeeds.map((o, i) => {
          const eligible = rankCandidates(o.need, experts, o.excluded).proposals.map((p) => p.expertId);
          const ids = [...new Set([...extras[i]!, ...eligible])];
          // A deterministic shuffle, so eligible experts are not always last.
          const order = ids.map((id, k) => ({ id, key: (seeds[i]! ^ (k * 2654435761)) >>> 0 })).sort((x, y) => x.key - y.key);
          return { ...o, candidates: order.map((x) => x.id) };
        });
        expect(plan(planRound(listed, experts))).toEqual(plan(planRound(openNeeds, experts)));
        expect(plan(greedyRound(listed, experts))).toEqual(plan(greedyRound(openNeeds, experts)));
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order of needs and experts', () => {
    const shuffled = arbRound.chain(({ openNeeds, experts }) =>
      fc.tuple(
        fc.constant({ openNeeds, experts }),
        fc.shuffledSubarray(openNeeds, { minLength: openNeeds.length, maxLength: openNeeds.length }),
        fc.shuffledSubarray(experts, { minLength: experts.length, maxLength: experts.length }),
      ),
    );
    fc.assert(
      fc.property(shuffled, ([{ openNeeds, experts }, needs2, experts2]) => {
        expect(planRound(needs2, experts2)).toEqual(planRound(openNeeds, experts));
      }),
      { numRuns: 100 },
    );
  });

  it('only blames capacity when every other eligible expert is fully used', () => {
    fc.assert(
      fc.property(arbRound, ({ openNeeds, experts }) => {
        const result = planRound(openNeeds, experts);
        const used = new Map<string, number>();
        for (const a of result.assignments) used.set(a.expertId, (used.get(a.expertId) ?? 0) + 1);
        for (const s of result.shortfalls) {
          const open = openNeeds.find((o) => o.need.id === s.needId)!;
          const eligible = rankCandidates(open.need, experts, open.excluded).proposals.map((p) => p.expertId);
          const mine = new Set(result.assignments.filter((a) => a.needId === s.needId).map((a) => a.expertId));
          const others = eligible.filter((id) => !mine.has(id));
          if (s.cause === 'CAPACITY_TAKEN') {
            expect(others.length).toBeGreaterThan(0);
            for (const id of others) {
              const e = experts.find((x) => x.id === id)!;
              expect(used.get(id) ?? 0).toBe(e.capacity - e.load);
            }
          } else {
            expect(others).toEqual([]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
