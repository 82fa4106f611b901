import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankCandidates, scoreExpert } from '../../../functions/expert-matching/core/score';
import { expert, need } from './fixtures';

/** Codes from the shipped table: horticulture and plant protection (210), forestry (220), economics (790). */
const CODES = ['21040', '21060', '21030', '22020', '22030', '790', '79015'];

describe('score properties', () => {
  it('never lowers the score when the expert shares one more of the need’s fields', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: 4 }), fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: 4 }), (needFields, expertFields) => {
        const n = need({ fields: needFields });
        const missing = needFields.find((f) => !expertFields.includes(f));
        fc.pre(missing !== undefined);
        const before = scoreExpert(n, expert({ fields: expertFields })).score;
        const after = scoreExpert(n, expert({ fields: [...expertFields, missing!] })).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});

describe('Chinese keyword relevance on real-looking texts', () => {
  const facilityFarming = need({
    id: 'N-FACILITY',
    title: '设施农业技术指导',
    description: '合作社新建连栋温室和塑料大棚共 40 亩，需要温室环境调控、设施蔬菜栽培和病虫害绿色防控方面的指导。',
    fields: ['21040'],
    keywords: ['设施农业'],
  });

  it('puts the greenhouse expert before the finance expert for a 设施农业 need, on words alone', () => {
    // Same disciplines for both, so only the words can tell them apart.
    const greenhouse = expert({ id: 'E-GREENHOUSE', fields: ['21040'], keywords: ['温室大棚', '设施园艺'] });
    const finance = expert({ id: 'E-FINANCE', fields: ['21040'], keywords: ['金融', '农村信贷'] });
    const ranking = rankCandidates(facilityFarming, [finance, greenhouse], undefined, { requireSharedExpertise: false });
    expect(ranking.proposals.map((p) => p.expertId)).toEqual(['E-GREENHOUSE', 'E-FINANCE']);
    const keywordPoints = (id: string) => ranking.proposals.find((p) => p.expertId === id)!.factors.find((f) => f.factor === 'KEYWORDS')!.points;
    expect(keywordPoints('E-GREENHOUSE')).toBeGreaterThan(0);
    expect(keywordPoints('E-FINANCE')).toBe(0);
  });

  it('rules a finance expert of another discipline out entirely, saying why', () => {
    const finance = expert({ id: 'E-FINANCE', fields: ['79015'], keywords: ['金融', '农村信贷'] });
    const ranking = rankCandidates(facilityFarming, [finance]);
    expect(ranking.proposals).toEqual([]);
    expect(ranking.rejected).toEqual([expect.objectContaining({ expertId: 'E-FINANCE', rule: 'NO_SHARED_EXPERTISE' })]);
  });
});
