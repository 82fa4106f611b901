import { describe, expect, it } from 'vitest';
import { hourRecordInput } from '../../../functions/learning-hours/schemas';

const record = (overrides: Record<string, unknown> = {}) => ({
  recordId: 'R-1',
  person: { idNumber: '11010519491231002X', name: '张三' },
  course: { code: 'AI-1', title: '人工智能应用', category: 'PROFESSIONAL' },
  hours: 8,
  completedOn: '2026-05-10',
  ...overrides,
});
const pathsOf = (input: unknown) => {
  const parsed = hourRecordInput.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('an hour record as posted', () => {
  it.each([0.5, 1, 7.5, 199.5, 200])('accepts %s hours: a positive multiple of 0.5 up to 200', (hours) => {
    expect(pathsOf(record({ hours }))).toEqual([]);
  });

  it.each([0, -1, 0.3, 1.25, 200.5, 1e9, Number.NaN, '8'])('rejects %s hours at the hours field', (hours) => {
    expect(pathsOf(record({ hours }))).toEqual(['hours']);
  });

  it('rejects a date that does not exist, another format, or one in the future (China time)', () => {
    expect(pathsOf(record({ completedOn: '2026-02-30' }))).toEqual(['completedOn']);
    expect(pathsOf(record({ completedOn: '2026/5/10' }))).toEqual(['completedOn']);
    const tomorrowInChina = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    expect(pathsOf(record({ completedOn: tomorrowInChina }))).toEqual(['completedOn']);
  });

  it('checks the ID number, the category and the record id, naming each field', () => {
    expect(pathsOf(record({ person: { idNumber: '110105194912310021', name: '张三' } }))).toEqual(['person.idNumber']);
    expect(pathsOf(record({ course: { code: 'AI-1', title: 't', category: 'ELECTIVE' } }))).toEqual(['course.category']);
    expect(pathsOf(record({ recordId: 'R 1/2' }))).toEqual(['recordId']);
  });

  it('refuses fields it does not know, so a typo is not silently dropped', () => {
    expect(pathsOf(record({ hour: 8 }))).toEqual(['']);
  });
});
