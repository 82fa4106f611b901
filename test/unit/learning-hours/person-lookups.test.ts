import { describe, expect, it } from 'vitest';
import { toHourRecord } from '../../../functions/learning-hours/app/post-records';
import { lookupView, personLookup, recordNamesPerson } from '../../../functions/learning-hours/core/person-lookups';
import { hourRecordInput } from '../../../functions/learning-hours/schemas';
import { personIdFor, personNameHashFor } from '../../../shared/pii/keyed-hash';
import { maskName, normaliseName } from '../../../shared/pii/names';

const KEY = 'unit-test-pii-hash-key-0123456789abcdef';
const hash = (name: string) => personNameHashFor(name, KEY);

describe('the keyed hash of a full name', () => {
  it('tells apart names that mask the same (张三 and 张四 are both 张*)', () => {
    expect(maskName('张三')).toBe(maskName('张四'));
    expect(hash('张三')).not.toBe(hash('张四'));
    expect(hash('欧阳娜娜')).not.toBe(hash('欧阳丽丽'));
  });

  it('is taken over the name normalised as certificates compare it: NFKC, whitespace, middle dots, case', () => {
    expect(hash('阿依古丽·买买提')).toBe(hash('阿依古丽 • 买买提'));
    expect(hash('阿依古丽·买买提')).toBe(hash('阿依古丽．买买提'));
    expect(hash('张 三')).toBe(hash('张三'));
    expect(hash('John Smith')).toBe(hash('ＪＯＨＮ  smith'));
    expect(normaliseName('张 三')).toBe('张三');
  });

  it('depends on the key, and has a domain of its own: never equal to an ID-number hash of the same text', () => {
    expect(personNameHashFor('张三', `${KEY}-other`)).not.toBe(hash('张三'));
    expect(hash('11010519491231002X')).not.toBe(personIdFor('11010519491231002X', KEY));
    expect(() => personNameHashFor('张三', 'short')).toThrow(/at least 32/);
  });
});

describe('whether a record names the person a lookup named', () => {
  const named = (name: string) => ({ personName: name, personNameHash: hash(name) });

  it('compares the stored hash of the full name, not the masked form', () => {
    expect(recordNamesPerson(named('张三'), hash('张三'), hash)).toBe(true);
    expect(recordNamesPerson(named('张三'), hash('张四'), hash)).toBe(false);
    expect(recordNamesPerson(named('张三'), hash('张 三'), hash)).toBe(true);
  });

  it('the stored hash decides when there is one', () => {
    expect(recordNamesPerson({ personName: '张三', personNameHash: hash('李四') }, hash('张三'), hash)).toBe(false);
  });

  it('matches a record stored before name hashes by the keyed hash of its full name; one with no name matches nothing', () => {
    expect(recordNamesPerson({ personName: '张三' }, hash('张三'), hash)).toBe(true);
    expect(recordNamesPerson({ personName: '张三' }, hash('张四'), hash)).toBe(false);
    expect(recordNamesPerson({ personName: '' }, hash(''), hash)).toBe(false);
    expect(recordNamesPerson({} as { personName: string }, hash('张三'), hash)).toBe(false);
  });
});

describe('an hour record as stored', () => {
  it('carries the keyed hash of the full name, besides the masked name', () => {
    const input = hourRecordInput.parse({
      recordId: 'R-1',
      person: { idNumber: '11010519491231002X', name: '张三' },
      course: { code: 'AI-1', title: '人工智能应用', category: 'PROFESSIONAL' },
      hours: 8,
      completedOn: '2025-05-10',
    });
    const record = toHourRecord('INST-1', input, KEY, { postedBy: 'institution:INST-1', postedAt: '2025-05-11T00:00:00Z' });
    expect(record).toMatchObject({ personNameMasked: '张*', personNameHash: hash('张三') });
    expect(JSON.stringify(record)).not.toContain('11010519491231002X');
  });
});

describe('the lookup log', () => {
  it('keeps who looked (organisation and region), when and which years; the professional sees no id', () => {
    const looker = { label: 'issuer:320000', region: '320000', subject: 'token-subject', personId: 'p' };
    const entry = personLookup(looker, [2024, 2025], '2026-01-02T03:04:05.000Z', 'id-1');
    expect(entry).toEqual({ id: 'id-1', at: '2026-01-02T03:04:05.000Z', by: 'issuer:320000', region: '320000', years: [2024, 2025] });
    expect(lookupView(entry)).toEqual({ at: '2026-01-02T03:04:05.000Z', by: 'issuer:320000', region: '320000', years: [2024, 2025] });
    expect(lookupView(personLookup({ label: 'admin:alice' }, [2025], '2026-01-02T03:04:05.000Z', 'id-2'))).toEqual({ at: '2026-01-02T03:04:05.000Z', by: 'admin:alice', years: [2025] });
  });
});
