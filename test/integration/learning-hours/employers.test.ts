import { beforeAll, describe, expect, it } from 'vitest';
import { staffIdFor, type Employer, type StaffMember } from '../../../functions/learning-hours/core/employers';
import { learningHoursService } from '../../../functions/learning-hours/service';
import { addStaffMember, createEmployer, employmentOf, removeStaffMember } from '../../../functions/learning-hours/store/employers';
import { useLocalAws } from '../../support/local-aws';

/*
 * A person's record is kept by one employer at a time, and the staff list and the employment
 * item (which the one compliance rule reads) are written together: under concurrent adds by two
 * employers exactly one wins, and what the lists say always agrees with the employment item.
 */
const employer = (id: string, region: string): Employer => ({ id, name: id, region, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'admin:test' });
const member = (employerId: string, personId: string, name = '王小明'): StaffMember => ({
  staffId: staffIdFor(employerId, personId),
  personId,
  idType: 'RESIDENT',
  idNumberMasked: '3205**********1234',
  name,
  addedAt: '2026-01-01T00:00:00.000Z',
  addedBy: `employer:${employerId}`,
});

const JS = employer('EMP-JS', '320100');
const GD = employer('EMP-GD', '440100');

beforeAll(async () => {
  await useLocalAws([learningHoursService]);
  expect(await createEmployer(JS)).toBe(true);
  expect(await createEmployer(GD)).toBe(true);
  expect(await createEmployer(JS)).toBe(false);
});

describe('staff lists and employment', () => {
  it('lets exactly one of two employers adding the same person at once keep them', async () => {
    for (let i = 0; i < 15; i++) {
      const personId = `person-race-${i}-0123456789abcdef`;
      const outcomes = await Promise.all([addStaffMember(JS, member(JS.id, personId)), addStaffMember(GD, member(GD.id, personId))]);
      expect(outcomes.toSorted()).toEqual(['created', 'elsewhere']);
      const employment = await employmentOf(personId, true);
      const winner = outcomes[0] === 'created' ? JS : GD;
      expect(employment).toMatchObject({ employerId: winner.id, region: winner.region });
    }
  });

  it('answers duplicate for a re-add, and frees the person for another employer once removed', async () => {
    const personId = 'person-move-0123456789abcdef';
    expect(await addStaffMember(JS, member(JS.id, personId, '李四'))).toBe('created');
    expect(await addStaffMember(JS, member(JS.id, personId, '李四'))).toBe('duplicate');
    expect(await employmentOf(personId, true)).toEqual({ employerId: JS.id, region: JS.region, name: '李四' });
    // Another employer cannot take the removal on itself.
    expect(await removeStaffMember(GD.id, staffIdFor(JS.id, personId))).toBeUndefined();
    expect(await removeStaffMember(JS.id, staffIdFor(JS.id, personId))).toMatchObject({ personId, name: '李四' });
    expect(await removeStaffMember(JS.id, staffIdFor(JS.id, personId))).toBeUndefined();
    expect(await employmentOf(personId, true)).toBeUndefined();
    expect(await addStaffMember(GD, member(GD.id, personId, '李四'))).toBe('created');
    expect(await employmentOf(personId, true)).toMatchObject({ employerId: GD.id, region: GD.region });
  });
});
