import { describe, expect, it } from 'vitest';
import { maskName, namesMatch, normaliseName } from '../../../functions/certificates/core/names';
import { certificateStatus, todayInChina } from '../../../functions/certificates/core/status';

describe('holder names', () => {
  it('match after NFKC, whitespace and middle-dot normalisation', () => {
    expect(namesMatch('阿依古丽·买买提', '阿依古丽 • 买买提')).toBe(true);
    expect(namesMatch('阿依古丽·买买提', '阿依古丽．买买提')).toBe(true);
    expect(namesMatch('张 三', '张三')).toBe(true);
    expect(namesMatch('John Smith', 'john  SMITH')).toBe(true);
    expect(namesMatch('张三', '张叁')).toBe(false);
    expect(normaliseName('Ｊｏｈｎ')).toBe('john');
  });

  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳娜娜', '欧阳**'],
    ['爱新觉罗溥仪', '爱新****'],
    ['李', '*'],
    ['John Smith', 'J*** S****'],
  ])('masks %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('certificate status', () => {
  const change = { date: '2026-05-01', reason: 'fraud' };
  it('ranks revocation over suspension over expiry', () => {
    expect(certificateStatus({ validUntil: '2020-01-01', revocation: change, suspension: change }, '2026-06-01')).toBe('REVOKED');
    expect(certificateStatus({ validUntil: '2020-01-01', suspension: change }, '2026-06-01')).toBe('SUSPENDED');
    expect(certificateStatus({ validUntil: '2020-01-01' }, '2026-06-01')).toBe('EXPIRED');
    expect(certificateStatus({}, '2026-06-01')).toBe('VALID');
  });

  it('is valid through the last day of validity', () => {
    expect(certificateStatus({ validUntil: '2026-06-01' }, '2026-06-01')).toBe('VALID');
    expect(certificateStatus({ validUntil: '2026-06-01' }, '2026-06-02')).toBe('EXPIRED');
  });

  it('counts days in China Standard Time', () => {
    expect(todayInChina(new Date('2026-06-01T16:30:00Z'))).toBe('2026-06-02');
    expect(todayInChina(new Date('2026-06-01T15:30:00Z'))).toBe('2026-06-01');
  });
});
