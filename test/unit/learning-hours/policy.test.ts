import { describe, expect, it } from 'vitest';
import { POLICIES } from '../../../functions/learning-hours/core/policies';
import type { CompliancePolicy } from '../../../functions/learning-hours/core/policy';
import { compliancePolicySchema, policyFor, policySetSchema, requiredHours } from '../../../functions/learning-hours/core/policy';

const national: CompliancePolicy = { id: 'national', name: '全国', region: '000000', minTotal: 90, minProfessional: 60, minPublic: 0, reviewYears: 5, serviceCreditCapHours: 30 };

describe('the shipped policies', () => {
  it('are the national default of Order No. 25, Jiangsu and Guangdong', () => {
    expect(POLICIES.map((p) => p.id)).toEqual(['national', 'jiangsu', 'guangdong']);
    const [nat, js, gd] = POLICIES;
    expect(nat).toMatchObject({ region: '000000', minTotal: 90, minProfessional: 60, minPublic: 0, reviewYears: 5 });
    expect(nat!.dailyCapHours).toBeUndefined();
    expect(js).toMatchObject({ region: '320000', minTotal: 90, minProfessional: 60, minPublic: 30, reviewYears: 5 });
    expect(js!.dailyCapHours).toBeUndefined();
    expect(gd).toMatchObject({ region: '440000', minTotal: 90, minProfessional: 60, minPublic: 0, dailyCapHours: 8, reviewYears: 5, serviceCreditCapHours: 24 });
  });
});

describe('policyFor', () => {
  it.each([
    ['320500', 'jiangsu'], // Suzhou, a city in Jiangsu
    ['320000', 'jiangsu'],
    ['320508', 'jiangsu'], // a district of Suzhou
    ['440300', 'guangdong'], // Shenzhen
    ['110000', 'national'], // Beijing has no policy of its own
    ['000000', 'national'],
    ['not-a-code', 'national'],
    [undefined, 'national'],
  ])('gives region %s the %s policy', (region, id) => {
    expect(policyFor(region, POLICIES).id).toBe(id);
  });

  it('prefers a city policy over its province, and the province over national', () => {
    const suzhou: CompliancePolicy = { ...national, id: 'suzhou', region: '320500', minTotal: 100 };
    const policies = [suzhou, ...POLICIES]; // order of the list must not matter
    expect(policyFor('320508', policies).id).toBe('suzhou');
    expect(policyFor('320500', policies).id).toBe('suzhou');
    expect(policyFor('320100', policies).id).toBe('jiangsu'); // Nanjing
    expect(policyFor('330100', policies).id).toBe('national'); // Hangzhou, Zhejiang
  });

  it('refuses to answer without a national default', () => {
    expect(() => policyFor('320500', POLICIES.filter((p) => p.region !== '000000'))).toThrow(/national/);
  });
});

describe('requiredHours', () => {
  it('folds a professional share in, rounded up to a half hour', () => {
    expect(requiredHours(national)).toEqual({ total: 90, professional: 60, public: 0 });
    expect(requiredHours({ ...national, minProfessional: 0, minProfessionalShare: 2 / 3 })).toEqual({ total: 90, professional: 60, public: 0 });
    // 2/3 of 100 is 66.67: the next half hour is 67.
    expect(requiredHours({ ...national, minTotal: 100, minProfessional: 60, minProfessionalShare: 2 / 3 }).professional).toBe(67);
    // 2/3 of 73 is 48.67 → 49, but a higher fixed minimum wins.
    expect(requiredHours({ ...national, minTotal: 73, minProfessional: 50, minProfessionalShare: 2 / 3 }).professional).toBe(50);
    // 0.55 × 100 is 55.00000000000001 in floating point: still 55, not 55.5.
    expect(requiredHours({ ...national, minTotal: 100, minProfessional: 0, minProfessionalShare: 0.55 }).professional).toBe(55);
  });
});

describe('compliancePolicySchema', () => {
  const errorsOf = (policy: unknown) => {
    const result = compliancePolicySchema.safeParse(policy);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  it('accepts the national policy and an optional share and cap', () => {
    expect(errorsOf(national)).toEqual([]);
    expect(errorsOf({ ...national, minProfessionalShare: 1, dailyCapHours: 8.5 })).toEqual([]);
  });

  it.each([
    ['a negative minimum', { minPublic: -1 }, 'minPublic'],
    ['0.3 hours', { minTotal: 90.3 }, 'minTotal'],
    ['0.3 hours of professional', { minProfessional: 0.3 }, 'minProfessional'],
    ['a share above 1', { minProfessionalShare: 1.5 }, 'minProfessionalShare'],
    ['a share of 0', { minProfessionalShare: 0 }, 'minProfessionalShare'],
    ['a daily cap of 0', { dailyCapHours: 0 }, 'dailyCapHours'],
    ['a daily cap of 7.3', { dailyCapHours: 7.3 }, 'dailyCapHours'],
    ['reviewYears 0', { reviewYears: 0 }, 'reviewYears'],
    ['reviewYears 11', { reviewYears: 11 }, 'reviewYears'],
    ['reviewYears 2.5', { reviewYears: 2.5 }, 'reviewYears'],
    ['a 4-digit region', { region: '3200' }, 'region'],
    ['an unknown region', { region: '990000' }, 'region'],
    ['an unknown key', { dailyCap: 8 }, ''],
    ['hours as a string', { minTotal: '90' }, 'minTotal'],
  ])('rejects %s', (_, change, path) => {
    expect(errorsOf({ ...national, ...change })).toContain(path);
  });

  it('rejects parts that add up to more than the total', () => {
    expect(errorsOf({ ...national, minPublic: 30.5 })).toEqual(['']);
    expect(errorsOf({ ...national, minPublic: 30 })).toEqual([]);
    expect(errorsOf({ ...national, minProfessional: 0, minProfessionalShare: 0.9, minPublic: 10 })).toEqual(['']);
  });

  it('checks a policy set has one national policy and no duplicate regions or ids', () => {
    expect(policySetSchema.safeParse(POLICIES).success).toBe(true);
    expect(policySetSchema.safeParse(POLICIES.slice(1)).success).toBe(false);
    expect(policySetSchema.safeParse([...POLICIES, { ...POLICIES[1]!, id: 'jiangsu-2' }]).success).toBe(false);
    expect(policySetSchema.safeParse([...POLICIES, { ...national, id: 'jiangsu', region: '330000' }]).success).toBe(false);
  });
});
