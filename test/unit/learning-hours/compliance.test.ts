import { describe, expect, it } from 'vitest';
import type { CreditedRecord } from '../../../functions/learning-hours/core/compliance';
import { defaultReviewWindow, windowCompliance, yearCompliance } from '../../../functions/learning-hours/core/compliance';
import { POLICIES } from '../../../functions/learning-hours/core/policies';
import { policyFor } from '../../../functions/learning-hours/core/policy';

const NATIONAL = policyFor(undefined, POLICIES);
const JIANGSU = policyFor('320500', POLICIES);
const GUANGDONG = policyFor('440300', POLICIES);

let seq = 0;
function rec(hours: number, category: CreditedRecord['category'], completedOn = '2025-03-01', extra: Partial<CreditedRecord> = {}): CreditedRecord {
  seq += 1;
  return { recordId: `R${String(seq).padStart(4, '0')}`, institutionId: 'INST-A', category, hours, completedOn, status: 'ACTIVE', ...extra };
}
const prof = (hours: number, completedOn?: string, extra?: Partial<CreditedRecord>) => rec(hours, 'PROFESSIONAL', completedOn, extra);
const pub = (hours: number, completedOn?: string, extra?: Partial<CreditedRecord>) => rec(hours, 'PUBLIC', completedOn, extra);

describe('yearCompliance under the national policy', () => {
  it('is compliant at exactly 90 total with 60 professional', () => {
    const result = yearCompliance(2025, [prof(60), pub(30)], NATIONAL);
    expect(result).toMatchObject({
      year: 2025,
      totalHours: 90,
      professionalHours: 60,
      publicHours: 30,
      required: { total: 90, professional: 60, public: 0 },
      compliant: true,
      shortfall: { total: 0, professional: 0, public: 0 },
      policy: 'national',
    });
  });

  it('is not compliant at 89.5 total, and says the half hour is missing', () => {
    const result = yearCompliance(2025, [prof(60), pub(29.5)], NATIONAL);
    expect(result.totalHours).toBe(89.5);
    expect(result.compliant).toBe(false);
    expect(result.shortfall).toEqual({ total: 0.5, professional: 0, public: 0 });
  });

  it('is not compliant at 59.5 professional even with 90 total', () => {
    const result = yearCompliance(2025, [prof(59.5), pub(30.5)], NATIONAL);
    expect(result.totalHours).toBe(90);
    expect(result.professionalHours).toBe(59.5);
    expect(result.compliant).toBe(false);
    expect(result.shortfall).toEqual({ total: 0, professional: 0.5, public: 0 });
  });

  it('counts professional hours towards the total: 90 professional alone is compliant', () => {
    expect(yearCompliance(2025, [prof(90)], NATIONAL).compliant).toBe(true);
  });

  it('reports every dimension of a shortfall', () => {
    const result = yearCompliance(2025, [prof(20), pub(10)], NATIONAL);
    expect(result.shortfall).toEqual({ total: 60, professional: 40, public: 0 });
    expect(yearCompliance(2025, [], NATIONAL)).toMatchObject({
      totalHours: 0,
      compliant: false,
      shortfall: { total: 90, professional: 60, public: 0 },
      records: [],
    });
  });

  it('adds half hours exactly: 180 records of 0.5 make 90', () => {
    const records = [...Array.from({ length: 120 }, () => prof(0.5)), ...Array.from({ length: 60 }, () => pub(0.5))];
    const result = yearCompliance(2025, records, NATIONAL);
    expect(result.totalHours).toBe(90);
    expect(result.professionalHours).toBe(60);
    expect(result.compliant).toBe(true);
    const short = yearCompliance(2025, records.slice(1), NATIONAL);
    expect(short.totalHours).toBe(89.5);
    expect(short.shortfall).toEqual({ total: 0.5, professional: 0.5, public: 0 });
  });

  it('never counts voided records', () => {
    const voided = prof(30, '2025-05-01', { status: 'VOIDED' });
    const result = yearCompliance(2025, [prof(60), pub(29.5), voided], NATIONAL);
    expect(result.totalHours).toBe(89.5);
    expect(result.compliant).toBe(false);
    expect(result.records.map((r) => r.recordId)).not.toContain(voided.recordId);
  });

  it('ignores records of other years, by completion date', () => {
    const records = [prof(60, '2025-01-01'), pub(30, '2025-12-31'), prof(40, '2024-12-31'), pub(40, '2026-01-01')];
    const result = yearCompliance(2025, records, NATIONAL);
    expect(result.totalHours).toBe(90);
    expect(result.records).toHaveLength(2);
    expect(yearCompliance(2024, records, NATIONAL).totalHours).toBe(40);
  });

  it('applies no daily cap: 12 hours on one day count in full', () => {
    const result = yearCompliance(2025, [prof(6, '2025-03-01', { institutionId: 'A' }), prof(6, '2025-03-01', { institutionId: 'B' })], NATIONAL);
    expect(result.totalHours).toBe(12);
    expect(result.records.map((r) => r.creditedHours)).toEqual([6, 6]);
  });

  it('refuses hour values that are not half-hour multiples, and malformed dates', () => {
    expect(() => yearCompliance(2025, [prof(0.3)], NATIONAL)).toThrow(RangeError);
    expect(() => yearCompliance(2025, [prof(-1)], NATIONAL)).toThrow(RangeError);
    expect(() => yearCompliance(2025, [prof(1, '2025-3-1')], NATIONAL)).toThrow(RangeError);
    expect(() => yearCompliance(2025.5, [], NATIONAL)).toThrow(RangeError);
  });
});

describe('yearCompliance under the Jiangsu policy', () => {
  it('requires 30 public hours: 29.5 is not enough even with 90 total and 60 professional', () => {
    const result = yearCompliance(2025, [prof(60.5), pub(29.5)], JIANGSU);
    expect(result).toMatchObject({ totalHours: 90, professionalHours: 60.5, publicHours: 29.5, compliant: false, policy: 'jiangsu' });
    expect(result.required).toEqual({ total: 90, professional: 60, public: 30 });
    expect(result.shortfall).toEqual({ total: 0, professional: 0, public: 0.5 });
  });

  it('is compliant with 30 public hours', () => {
    const result = yearCompliance(2025, [prof(60), pub(30)], JIANGSU);
    expect(result.compliant).toBe(true);
    expect(result.shortfall).toEqual({ total: 0, professional: 0, public: 0 });
  });

  it('would pass the same record set under the national policy', () => {
    expect(yearCompliance(2025, [prof(60.5), pub(29.5)], NATIONAL).compliant).toBe(true);
  });
});

describe('yearCompliance under the Guangdong daily cap of 8 hours', () => {
  it('credits two institutions posting 6 + 6 on the same day as 8, reducing the later one in order', () => {
    const b = prof(6, '2025-04-10', { institutionId: 'INST-B', recordId: 'x' });
    const a = prof(6, '2025-04-10', { institutionId: 'INST-A', recordId: 'y' });
    const result = yearCompliance(2025, [b, a], GUANGDONG);
    expect(result.totalHours).toBe(8);
    expect(result.professionalHours).toBe(8);
    // Same day and category: institutionId decides, INST-A first.
    expect(result.records.map((r) => [r.institutionId, r.hours, r.creditedHours])).toEqual([
      ['INST-A', 6, 6],
      ['INST-B', 6, 2],
    ]);
  });

  it('credits professional hours before public ones on a capped day', () => {
    const publicFirstAlphabetically = pub(6, '2025-04-10', { institutionId: 'INST-A' });
    const professional = prof(6, '2025-04-10', { institutionId: 'INST-Z' });
    const result = yearCompliance(2025, [publicFirstAlphabetically, professional], GUANGDONG);
    expect(result.professionalHours).toBe(6);
    expect(result.publicHours).toBe(2);
    expect(result.records.map((r) => [r.category, r.creditedHours])).toEqual([
      ['PROFESSIONAL', 6],
      ['PUBLIC', 2],
    ]);
  });

  it('falls back to recordId within one institution, and may credit a record nothing', () => {
    const records = [
      prof(3, '2025-04-10', { recordId: 'c' }),
      prof(8, '2025-04-10', { recordId: 'a' }),
      prof(2, '2025-04-10', { recordId: 'b' }),
    ];
    const result = yearCompliance(2025, records, GUANGDONG);
    expect(result.records.map((r) => [r.recordId, r.creditedHours])).toEqual([
      ['a', 8],
      ['b', 0],
      ['c', 0],
    ]);
    expect(result.totalHours).toBe(8);
  });

  it('credits in half hours: 7.5 + 1 on one day credit 8', () => {
    const result = yearCompliance(2025, [prof(7.5, '2025-04-10', { recordId: 'a' }), prof(1, '2025-04-10', { recordId: 'b' })], GUANGDONG);
    expect(result.records.map((r) => r.creditedHours)).toEqual([7.5, 0.5]);
    expect(result.totalHours).toBe(8);
  });

  it('caps each day separately: 6 + 6 on different days count in full', () => {
    const result = yearCompliance(2025, [prof(6, '2025-04-10', { institutionId: 'INST-A' }), prof(6, '2025-04-11', { institutionId: 'INST-B' })], GUANGDONG);
    expect(result.totalHours).toBe(12);
    expect(result.records.map((r) => r.creditedHours)).toEqual([6, 6]);
  });

  it('leaves voided records out of the cap', () => {
    const voided = prof(8, '2025-04-10', { institutionId: 'INST-A', status: 'VOIDED' });
    const result = yearCompliance(2025, [voided, prof(6, '2025-04-10', { institutionId: 'INST-B' })], GUANGDONG);
    expect(result.totalHours).toBe(6);
  });

  it('gives the same answer whatever order the records arrive in', () => {
    const records = [
      prof(5, '2025-04-10', { institutionId: 'B' }),
      pub(5, '2025-04-10', { institutionId: 'A' }),
      prof(5, '2025-04-10', { institutionId: 'A' }),
      pub(3, '2025-04-09', { institutionId: 'C' }),
    ];
    const forward = yearCompliance(2025, records, GUANGDONG);
    const backward = yearCompliance(2025, [...records].reverse(), GUANGDONG);
    expect(backward).toEqual(forward);
    expect(forward.records.map((r) => [r.completedOn, r.category, r.institutionId, r.creditedHours])).toEqual([
      ['2025-04-09', 'PUBLIC', 'C', 3],
      ['2025-04-10', 'PROFESSIONAL', 'A', 5],
      ['2025-04-10', 'PROFESSIONAL', 'B', 3],
      ['2025-04-10', 'PUBLIC', 'A', 0],
    ]);
  });

  it('judges compliance on credited hours, not posted ones', () => {
    // 12 days of 8 posted as 6 + 4 from two institutions: 120 posted, 96 credited.
    const records = Array.from({ length: 12 }, (_, i) => {
      const day = `2025-05-${String(i + 1).padStart(2, '0')}`;
      return [prof(6, day, { institutionId: 'A' }), pub(4, day, { institutionId: 'B' })];
    }).flat();
    const result = yearCompliance(2025, records, GUANGDONG);
    expect(result.totalHours).toBe(96);
    expect(result.professionalHours).toBe(72);
    expect(result.publicHours).toBe(24);
    expect(result.compliant).toBe(true);
    const shorter = yearCompliance(2025, records.slice(0, 22), GUANGDONG); // 11 days: 88 credited
    expect(shorter.totalHours).toBe(88);
    expect(shorter.shortfall).toEqual({ total: 2, professional: 0, public: 0 });
  });
});

describe('windowCompliance', () => {
  const met = [prof(60, '2021-06-01'), pub(30, '2021-06-02')];
  const recordsByYear = new Map<number, CreditedRecord[]>([
    [2021, met],
    [2022, [prof(60, '2022-06-01'), pub(30, '2022-06-02')]],
    [2023, [prof(59.5, '2023-06-01'), pub(30.5, '2023-06-02')]],
  ]);

  it('answers year by year and says whether every year was met', () => {
    const result = windowCompliance(2021, 2023, recordsByYear, NATIONAL);
    expect(result.fromYear).toBe(2021);
    expect(result.toYear).toBe(2023);
    expect(result.years.map((y) => [y.year, y.compliant])).toEqual([
      [2021, true],
      [2022, true],
      [2023, false],
    ]);
    expect(result.allMet).toBe(false);
    expect(windowCompliance(2021, 2022, recordsByYear, NATIONAL).allMet).toBe(true);
  });

  it('treats a year without records as not met', () => {
    const result = windowCompliance(2020, 2022, recordsByYear, NATIONAL);
    expect(result.years[0]).toMatchObject({ year: 2020, totalHours: 0, compliant: false });
    expect(result.allMet).toBe(false);
  });

  it('judges a record by its completion date, not the year it was filed under', () => {
    const misfiled = new Map([[2022, met]]);
    expect(windowCompliance(2022, 2022, misfiled, NATIONAL).years[0]!.totalHours).toBe(0);
  });

  it('accepts a single year and up to ten years', () => {
    expect(windowCompliance(2021, 2021, recordsByYear, NATIONAL).years).toHaveLength(1);
    expect(windowCompliance(2016, 2025, recordsByYear, NATIONAL).years).toHaveLength(10);
  });

  it('rejects backward windows and windows longer than ten years', () => {
    expect(() => windowCompliance(2023, 2022, recordsByYear, NATIONAL)).toThrow(RangeError);
    expect(() => windowCompliance(2015, 2025, recordsByYear, NATIONAL)).toThrow(RangeError);
    expect(() => windowCompliance(2021.5, 2023, recordsByYear, NATIONAL)).toThrow(RangeError);
  });

  it('defaults to the policy review years before the current one', () => {
    expect(defaultReviewWindow(NATIONAL, 2026)).toEqual({ fromYear: 2021, toYear: 2025 });
    expect(defaultReviewWindow({ ...NATIONAL, reviewYears: 3 }, 2026)).toEqual({ fromYear: 2023, toYear: 2025 });
  });
});
