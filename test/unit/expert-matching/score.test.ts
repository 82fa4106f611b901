import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expert } from '../../../functions/expert-matching/core/model';
import type { Factor, ScoreBreakdown } from '../../../functions/expert-matching/core/score';
import { WEIGHTS, rankCandidates, scoreCandidates, scoreExpert } from '../../../functions/expert-matching/core/score';
import { expert, need } from './fixtures';

const points = (b: ScoreBreakdown, factor: Factor) => b.factors.find((f) => f.factor === factor)!.points;
const detail = (b: ScoreBreakdown, factor: Factor) => b.factors.find((f) => f.factor === factor)!.detail;

describe('scoreExpert', () => {
  it('breaks the score down factor by factor, adding up exactly', () => {
    const b = scoreExpert(need(), expert({ keywords: ['病虫害', '绿色防控'], categories: ['SPECIAL_ALLOWANCE'] }));
    expect(b.factors.map((f) => [f.factor, f.points])).toEqual([
      ['FIELDS', 30],
      ['KEYWORDS', 25.2],
      ['SERVICE_FORM', 10],
      ['REGION', 10],
      ['LOAD', 6.67],
      ['CATEGORY', 3],
      ['RELIABILITY', 0],
    ]);
    expect(b.score).toBe(84.87);
    expect(detail(b, 'KEYWORDS')).toBe('shared keywords: 病虫害, 绿色防控');
  });

  it('gives the same discipline group half the field points of the same code', () => {
    expect(points(scoreExpert(need(), expert({ fields: ['21040'] })), 'FIELDS')).toBe(WEIGHTS.fields / 2);
  });

  describe('region', () => {
    it('gives the east→west bonus to an eastern expert serving a western need', () => {
      const b = scoreExpert(need({ region: '650100' }), expert({ region: '310000' }));
      expect(points(b, 'REGION')).toBe(10);
      expect(detail(b, 'REGION')).toContain('east→west');
    });

    it('gives no east→west bonus the other way round, only proximity', () => {
      const b = scoreExpert(need({ region: '310000' }), expert({ region: '650100' }));
      expect(points(b, 'REGION')).toBeLessThan(1);
      expect(points(b, 'REGION')).toBeGreaterThan(0);
    });

    it('decays with distance: same province 5, neighbours more than far provinces', () => {
      const at = (expertRegion: string) => points(scoreExpert(need({ region: '420100' }), expert({ region: expertRegion })), 'REGION');
      expect(at('420500')).toBe(5); // Wuhan need, Yichang expert
      expect(at('430100')).toBeGreaterThan(at('110000')); // Changsha nearer than Beijing
      expect(at('110000')).toBeGreaterThan(at('650100')); // Beijing nearer than Urumqi
    });

    it('gives nothing when a region is not a province', () => {
      expect(points(scoreExpert(need({ region: '000000' }), expert()), 'REGION')).toBe(0);
    });
  });

  it('prefers the less loaded expert', () => {
    const idle = scoreExpert(need(), expert({ load: 0 }));
    const busy = scoreExpert(need(), expert({ load: 2 }));
    expect(points(idle, 'LOAD')).toBe(10);
    expect(points(busy, 'LOAD')).toBe(3.33);
    expect(idle.score).toBeGreaterThan(busy.score);
  });

  it('counts only the best category, so labels do not stack', () => {
    expect(points(scoreExpert(need(), expert({ categories: ['ACADEMICIAN'] })), 'CATEGORY')).toBe(5);
    expect(points(scoreExpert(need(), expert({ categories: ['POSTDOC', 'RETURNED_SCHOLAR', 'MAJOR_TALENT_PROGRAMME'] })), 'CATEGORY')).toBe(4);
    const retired = scoreExpert(need(), expert({ categories: ['RETIRED'], retiredAndWilling: true }));
    expect(points(retired, 'CATEGORY')).toBe(0);
    expect(detail(retired, 'CATEGORY')).toContain('of their own will');
  });

  it('adds capped reliability from the track record', () => {
    const veteran = scoreExpert(need(), expert({ reliability: { completed: 1000, ratingCount: 1000, ratingSum: 5000 } }));
    const poor = scoreExpert(need(), expert({ reliability: { completed: 20, ratingCount: 20, ratingSum: 20 } }));
    expect(points(veteran, 'RELIABILITY')).toBeLessThanOrEqual(WEIGHTS.reliability);
    expect(points(veteran, 'RELIABILITY')).toBeGreaterThan(4.9);
    expect(points(poor, 'RELIABILITY')).toBeLessThan(0);
  });

  it('never exceeds 100 points', () => {
    const best = scoreExpert(
      need({ keywords: ['病虫害', '绿色防控', '稻瘟病'] }),
      expert({ load: 0, categories: ['ACADEMICIAN'], keywords: ['病虫害', '绿色防控', '稻瘟病', '稻飞虱'], reliability: { completed: 10_000, ratingCount: 10_000, ratingSum: 50_000 } }),
    );
    expect(best.score).toBeLessThanOrEqual(100);
    expect(best.score).toBeGreaterThan(95);
  });
});

describe('rankCandidates', () => {
  it('ranks eligible experts with reasons and rejects the others with their blocking rule', () => {
    const ranking = rankCandidates(need(), [
      expert({ id: 'E-FAR', region: '650100' }),
      expert({ id: 'E-EAST' }),
      expert({ id: 'E-FULL', load: 3 }),
      expert({ id: 'E-LAW', fields: ['82030'], keywords: ['合同纠纷'] }),
      expert({ id: 'E-DONE' }),
    ], new Map([['E-DONE', 'DECLINED' as const]]));
    expect(ranking.needId).toBe('N-RICE');
    expect(ranking.proposals.map((p) => p.expertId)).toEqual(['E-EAST', 'E-FAR']);
    expect(ranking.proposals[0]!.reasons).toEqual([
      'fields +30: same discipline: 21060 植物保护学 (Plant Protection)',
      'keywords +18: shared keywords: 病虫害',
      'service form +10: offers technical guidance (技术指导)',
      'region +10: east→west collaboration (东西部协作): 江苏 → 贵州',
      'load +6.67: current load 1 of 3',
      'available throughout 2026-05-01 to 2026-07-31',
    ]);
    expect(ranking.rejected).toEqual([
      { expertId: 'E-DONE', rule: 'ALREADY_PROPOSED', reason: 'Declined this need earlier', reasonZh: '已婉拒该需求' },
      { expertId: 'E-FULL', rule: 'AT_CAPACITY', reason: 'At capacity: 3 of 3 concurrent services', reasonZh: '服务已满（3/3）' },
      { expertId: 'E-LAW', rule: 'NO_SHARED_EXPERTISE', reason: 'Shares no discipline and no keyword with the need', reasonZh: '与需求无共同学科或关键词' },
    ]);
  });

  it('rounds scores to 2 decimals', () => {
    const { proposals } = rankCandidates(need(), [expert({ capacity: 7, load: 1 })]);
    expect(proposals[0]!.score).toBe(Math.round(proposals[0]!.score * 100) / 100);
  });

  it('breaks ties by expert id, whatever the input order', () => {
    const twins = ['E-C', 'E-A', 'E-B'].map((id) => expert({ id }));
    const ids = rankCandidates(need(), twins).proposals.map((p) => p.expertId);
    expect(ids).toEqual(['E-A', 'E-B', 'E-C']);
    fc.assert(
      fc.property(fc.shuffledSubarray(twins, { minLength: 3, maxLength: 3 }), (shuffled) => {
        expect(rankCandidates(need(), shuffled).proposals.map((p) => p.expertId)).toEqual(ids);
      }),
    );
  });

  it('is deterministic and input-order independent on random pools', () => {
    const arbExpert = fc.record({
      id: fc.string({ unit: fc.constantFrom('A', 'B', 'C', '1', '2'), minLength: 1, maxLength: 3 }),
      fields: fc.subarray(['21060', '21040', '23030', '82030']),
      keywords: fc.subarray(['病虫害', '稻瘟病', '蔬菜', 'pest control']),
      region: fc.constantFrom('320100', '520100', '650100', '420100', '110000'),
      load: fc.integer({ min: 0, max: 3 }),
    });
    const pools = fc
      .uniqueArray(arbExpert, { selector: (e) => e.id, maxLength: 8 })
      .map((partials): Expert[] => partials.map((p) => expert(p)))
      .chain((experts) => fc.tuple(fc.constant(experts), fc.shuffledSubarray(experts, { minLength: experts.length, maxLength: experts.length })));
    fc.assert(
      fc.property(pools, ([experts, shuffled]) => {
        const a = rankCandidates(need(), experts);
        expect(rankCandidates(need(), shuffled)).toEqual(a);
        for (let i = 1; i < a.proposals.length; i++) {
          const [prev, cur] = [a.proposals[i - 1]!, a.proposals[i]!];
          expect(prev.score > cur.score || (prev.score === cur.score && prev.expertId < cur.expertId)).toBe(true);
        }
        expect(a.proposals.length + a.rejected.length).toBe(experts.length);
      }),
    );
  });

  it('agrees with scoreCandidates, the numbers-only ranking matching rounds use', () => {
    const arbExpert = fc.record({
      fields: fc.subarray(['21060', '21040', '23030', '82030']),
      keywords: fc.subarray(['病虫害', '稻瘟病', '蔬菜', 'pest control', '合同纠纷']),
      region: fc.constantFrom('320100', '520100', '650100', '420100', '110000', '000000'),
      load: fc.integer({ min: 0, max: 3 }),
      serviceForms: fc.subarray(['TECH_GUIDANCE', 'LECTURE'] as const),
      categories: fc.subarray(['ACADEMICIAN', 'POSTDOC', 'RETIRED'] as const),
      retiredAndWilling: fc.boolean(),
      completed: fc.nat(30),
    });
    fc.assert(
      fc.property(fc.array(arbExpert, { maxLength: 8 }), fc.boolean(), (partials, requireSharedExpertise) => {
        const experts = partials.map(({ completed, ...p }, i) => expert({ ...p, id: `E${i}`, reliability: { completed, ratingCount: completed, ratingSum: 4 * completed } }));
        const full = rankCandidates(need(), experts, new Set(['E0']), { requireSharedExpertise });
        const lean = scoreCandidates(need(), experts, new Set(['E0']), { requireSharedExpertise });
        expect(lean).toEqual(full.proposals.map((p) => ({ expertId: p.expertId, score: p.score })));
      }),
    );
  });

  it('refuses a candidate list with the same expert twice', () => {
    expect(() => rankCandidates(need(), [expert(), expert()])).toThrow(/appears twice/);
  });
});
