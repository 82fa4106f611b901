import { describe, expect, it } from 'vitest';
import { RULES, checkEligibility, explainPool, violatedRules } from '../../../functions/expert-matching/core/eligibility';
import type { PriorAnswer } from '../../../functions/expert-matching/core/model';
import { expert, need } from './fixtures';

const window = { from: '2026-05-01', to: '2026-07-31' };

describe('checkEligibility', () => {
  it('admits an active, available, under-capacity expert offering the form and sharing expertise', () => {
    expect(checkEligibility(need(), expert())).toEqual({ eligible: true });
  });

  describe('availability window', () => {
    it('admits availability that starts and ends exactly on the window edges', () => {
      expect(checkEligibility(need({ window }), expert({ availableFrom: '2026-05-01', availableTo: '2026-07-31' })).eligible).toBe(true);
    });

    it('refuses availability starting one day late or ending one day early', () => {
      const late = checkEligibility(need({ window }), expert({ availableFrom: '2026-05-02' }));
      const early = checkEligibility(need({ window }), expert({ availableTo: '2026-07-30' }));
      expect(late).toMatchObject({ eligible: false, rule: 'NOT_AVAILABLE' });
      expect(early).toMatchObject({ eligible: false, rule: 'NOT_AVAILABLE' });
      if (!early.eligible) {
        expect(early.reason).toBe('Available 2026-01-01 to 2026-07-30, not throughout 2026-05-01 to 2026-07-31');
        expect(early.reasonZh).toContain('未覆盖需求时段');
      }
    });

    it('admits a one-day window inside the availability', () => {
      expect(checkEligibility(need({ window: { from: '2026-12-31', to: '2026-12-31' } }), expert()).eligible).toBe(true);
    });

    it('throws on malformed or inverted dates instead of guessing', () => {
      expect(() => checkEligibility(need({ window: { from: '2026-02-30', to: '2026-03-01' } }), expert())).toThrow(/not a YYYY-MM-DD date/);
      expect(() => checkEligibility(need({ window: { from: '2026-06-01', to: '2026-05-01' } }), expert())).toThrow(/before it starts/);
      expect(() => checkEligibility(need(), expert({ availableTo: '2026/12/31' }))).toThrow(RangeError);
    });
  });

  describe('capacity', () => {
    it('admits an expert with one free slot', () => {
      expect(checkEligibility(need(), expert({ capacity: 3, load: 2 })).eligible).toBe(true);
    });

    it('refuses an expert whose load has reached capacity, or who takes no services', () => {
      expect(checkEligibility(need(), expert({ capacity: 3, load: 3 }))).toMatchObject({ rule: 'AT_CAPACITY', reason: 'At capacity: 3 of 3 concurrent services' });
      expect(checkEligibility(need(), expert({ capacity: 0, load: 0 }))).toMatchObject({ rule: 'AT_CAPACITY' });
    });
  });

  it('refuses inactive experts', () => {
    expect(checkEligibility(need(), expert({ status: 'INACTIVE' }))).toMatchObject({ rule: 'INACTIVE', reasonZh: '专家处于停用状态' });
  });

  it('refuses a retired expert unless they volunteered', () => {
    expect(checkEligibility(need(), expert({ categories: ['RETIRED'] }))).toMatchObject({ rule: 'RETIRED_NOT_WILLING' });
    expect(checkEligibility(need(), expert({ categories: ['RETIRED'], retiredAndWilling: false }))).toMatchObject({ rule: 'RETIRED_NOT_WILLING' });
    expect(checkEligibility(need(), expert({ categories: ['RETIRED', 'ACADEMICIAN'], retiredAndWilling: true })).eligible).toBe(true);
  });

  it('refuses an expert who does not offer the requested form', () => {
    const result = checkEligibility(need({ serviceForm: 'JOINT_RESEARCH' }), expert({ serviceForms: ['LECTURE'] }));
    expect(result).toMatchObject({ rule: 'FORM_NOT_OFFERED', reason: 'Does not offer joint research (JOINT_RESEARCH)', reasonZh: '不提供“联合攻关”服务' });
  });

  it.each<[PriorAnswer, string]>([
    ['PROPOSED', 'Already proposed for this need'],
    ['ACCEPTED', 'Already serving this need'],
    ['DECLINED', 'Declined this need earlier'],
  ])('never proposes the same expert twice (%s)', (state, reason) => {
    const result = checkEligibility(need(), expert(), new Map([['E-001', state]]));
    expect(result).toMatchObject({ eligible: false, rule: 'ALREADY_PROPOSED', reason });
  });

  it('accepts a plain set of excluded ids', () => {
    expect(checkEligibility(need(), expert(), new Set(['E-001']))).toMatchObject({ rule: 'ALREADY_PROPOSED' });
    expect(checkEligibility(need(), expert(), new Set(['E-999'])).eligible).toBe(true);
  });

  it('refuses an expert sharing no discipline group and no keyword, unless told not to', () => {
    const lawyer = expert({ fields: ['82030'], keywords: ['合同纠纷'] });
    expect(checkEligibility(need(), lawyer)).toMatchObject({ rule: 'NO_SHARED_EXPERTISE' });
    expect(checkEligibility(need(), lawyer, undefined, { requireSharedExpertise: false }).eligible).toBe(true);
    // A keyword alone is enough…
    expect(checkEligibility(need(), expert({ fields: ['82030'], keywords: ['病虫害'] })).eligible).toBe(true);
    // …and so is the same first-level group alone.
    expect(checkEligibility(need(), expert({ fields: ['21040'], keywords: [] })).eligible).toBe(true);
  });

  it('reports the FIRST blocking rule, in rule order', () => {
    const everythingWrong = expert({
      status: 'INACTIVE',
      categories: ['RETIRED'],
      serviceForms: [],
      availableTo: '2026-01-31',
      load: 3,
      capacity: 3,
      fields: ['82030'],
      keywords: [],
    });
    const broken = violatedRules(need(), everythingWrong, new Set(['E-001']));
    expect(broken.map((b) => b.rule)).toEqual([...RULES]);
    expect(checkEligibility(need(), everythingWrong, new Set(['E-001']))).toMatchObject({ rule: 'INACTIVE' });
    expect(checkEligibility(need(), { ...everythingWrong, status: 'ACTIVE', retiredAndWilling: true }, new Set())).toMatchObject({ rule: 'FORM_NOT_OFFERED' });
  });
});

describe('explainPool', () => {
  const unavailable = (id: string) => expert({ id, availableTo: '2026-06-30' });
  const full = (id: string) => expert({ id, load: 3 });

  it('names the rule that empties the pool, with counts per rule', () => {
    const experts = [unavailable('E1'), unavailable('E2'), { ...unavailable('E3'), load: 3 }, full('E4')];
    const pool = explainPool(need(), experts);
    expect(pool).toMatchObject({ candidates: 4, eligible: 0, emptiedBy: 'NOT_AVAILABLE', eliminatesAll: [] });
    expect(pool.firstBlocking).toMatchObject({ NOT_AVAILABLE: 3, AT_CAPACITY: 1, INACTIVE: 0 });
    expect(pool.violating).toMatchObject({ NOT_AVAILABLE: 3, AT_CAPACITY: 2 });
    // Lifting the window alone would admit E1 and E2; lifting capacity alone would admit E4.
    expect(pool.onlyBlocker).toMatchObject({ NOT_AVAILABLE: 2, AT_CAPACITY: 1 });
    expect(pool.summary).toBe('0 of 4 experts eligible; blocked by NOT_AVAILABLE 3, AT_CAPACITY 2');
  });

  it('lists the rules every candidate fails', () => {
    const pool = explainPool(need({ serviceForm: 'DECISION_CONSULTING' }), [full('E1'), unavailable('E2')]);
    expect(pool.eliminatesAll).toEqual(['FORM_NOT_OFFERED']);
    expect(pool.emptiedBy).toBe('FORM_NOT_OFFERED');
  });

  it('breaks ties towards the earlier rule', () => {
    expect(explainPool(need(), [full('E1'), unavailable('E2')]).emptiedBy).toBe('NOT_AVAILABLE');
  });

  it('has no culprit when someone is eligible, and NO_CANDIDATES when there is nobody', () => {
    expect(explainPool(need(), [expert(), full('E2')]).emptiedBy).toBeUndefined();
    expect(explainPool(need(), [])).toMatchObject({ candidates: 0, eligible: 0, emptiedBy: 'NO_CANDIDATES', summary: 'No experts to choose from' });
  });
});
