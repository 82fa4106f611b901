import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chooseHolderName, type NamedRecord } from '../../../functions/learning-hours/core/holder-name';
import { judgingRegion } from '../../../functions/learning-hours/core/policy-choice';

describe('judgingRegion: one rule for the own view, lookups and the JX certificate', () => {
  it("judges a person on an employer's staff by the employer's region, whatever a lookup names", () => {
    expect(judgingRegion({ employerId: 'EMP-JS', region: '320100' })).toEqual({ region: '320100', basis: 'EMPLOYER' });
    expect(judgingRegion({ employerId: 'EMP-JS', region: '320100' }, '440000')).toEqual({ region: '320100', basis: 'EMPLOYER' });
  });
  it('judges anyone else nationally unless a lookup names a region', () => {
    expect(judgingRegion(undefined)).toEqual({ region: undefined, basis: 'NATIONAL' });
    expect(judgingRegion(undefined, '320000')).toEqual({ region: '320000', basis: 'LOOKUP' });
  });
});

const rec = (personName: string, hours: number, completedOn: string, recordId: string, institutionId = 'INST-A', status: 'ACTIVE' | 'VOIDED' = 'ACTIVE'): NamedRecord => ({
  personName,
  hours,
  completedOn,
  institutionId,
  recordId,
  status,
});

describe('chooseHolderName: the name on the certificate comes from an authoritative source', () => {
  it('takes the name most records agree on and flags the year when they disagree', () => {
    const chosen = chooseHolderName([rec('张叁', 60, '2026-01-05', 'R1', 'INST-B'), rec('张三', 10, '2026-03-01', 'R2'), rec('张 三', 20, '2026-04-01', 'R3')]);
    expect(chosen).toEqual({ name: '张三', source: 'RECORDS', review: true, variants: ['张三', '张叁'] });
  });
  it('breaks a tie by hours, then by the record seen first', () => {
    expect(chooseHolderName([rec('李四', 8, '2026-05-01', 'R1'), rec('李肆', 16, '2026-06-01', 'R2')])?.name).toBe('李肆');
    expect(chooseHolderName([rec('李四', 8, '2026-05-01', 'R1'), rec('李肆', 8, '2026-06-01', 'R2')])?.name).toBe('李四');
  });
  it('ignores voided records and does not flag a year whose names all agree', () => {
    expect(chooseHolderName([rec('王五', 90, '2026-02-01', 'R1'), rec('王伍', 90, '2026-02-02', 'R2', 'INST-A', 'VOIDED')])).toEqual({
      name: '王五',
      source: 'RECORDS',
      review: false,
      variants: ['王五'],
    });
  });
  it("prefers an employer's staff list and flags records that name the person otherwise", () => {
    const records = [rec('赵六', 50, '2026-02-01', 'R1'), rec('赵六', 40, '2026-02-02', 'R2')];
    expect(chooseHolderName(records, '赵陆')).toEqual({ name: '赵陆', source: 'STAFF_LIST', review: true, variants: ['赵陆', '赵六'] });
    expect(chooseHolderName(records, '赵六')).toEqual({ name: '赵六', source: 'STAFF_LIST', review: false, variants: ['赵六'] });
  });
  it('does not depend on the order records arrive in', () => {
    const names = ['张三', '张叁', '章三'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ name: fc.constantFrom(...names), hours: fc.integer({ min: 1, max: 40 }), day: fc.integer({ min: 1, max: 28 }) }), { minLength: 1, maxLength: 12 }),
        fc.integer(),
        (rows, seed) => {
          const records = rows.map((r, i) => rec(r.name, r.hours, `2026-01-${String(r.day).padStart(2, '0')}`, `R${i}`));
          const shuffled = [...records].sort((a, b) => ((a.recordId.length * 31 + seed) % 7) - ((b.recordId.length * 17 + seed) % 5) || a.recordId.localeCompare(b.recordId) * (seed % 2 ? 1 : -1));
          expect(chooseHolderName(shuffled)).toEqual(chooseHolderName(records));
        },
      ),
    );
  });
});
