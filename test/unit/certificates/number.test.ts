import { describe, expect, it } from 'vitest';
import { formatCertificateNumber, parseCertificateNumber } from '../../../functions/certificates/core/number';

describe('certificate numbers', () => {
  it('formats the DESIGN example: Shanghai, 2026, serial 1234, check 6', () => {
    expect(formatCertificateNumber({ type: 'ZC', region: '310000', year: 2026, serial: 1234 })).toBe('ZC310000202600012346');
  });

  it('parses a valid number, forgiving spaces, full-width characters and case', () => {
    const parsed = parseCertificateNumber(' zc3100 0020 2600 012346 ');
    expect(parsed).toEqual({ ok: true, number: 'ZC310000202600012346', parts: { type: 'ZC', region: '310000', year: 2026, serial: 1234 } });
    expect(parseCertificateNumber('ＺＣ３１００００２０２６０００１２３４６').ok).toBe(true);
  });

  it.each([
    ['ZC31000020260001234', 'format'],
    ['QQ310000202600012346', 'type'],
    ['ZC990000202600012346', 'region'],
    ['ZC310000190000012346', 'year'],
    ['ZC310000202600012345', 'checkCharacter'],
  ])('rejects %s (%s)', (number, problem) => {
    expect(parseCertificateNumber(number)).toEqual({ ok: false, problem });
  });

  it('accepts 000000 for national issuers', () => {
    const number = formatCertificateNumber({ type: 'JD', region: '000000', year: 2025, serial: 7 });
    expect(parseCertificateNumber(number).ok).toBe(true);
  });

  it('catches every single-character substitution of a valid number', () => {
    const valid = formatCertificateNumber({ type: 'ZY', region: '440300', year: 2024, serial: 987654 });
    let substitutions = 0;
    for (let position = 2; position < 20; position++) {
      for (const replacement of '0123456789X') {
        if (replacement === valid[position] || (replacement === 'X' && position < 19)) continue;
        const typo = valid.slice(0, position) + replacement + valid.slice(position + 1);
        expect(parseCertificateNumber(typo).ok, typo).toBe(false);
        substitutions++;
      }
    }
    expect(substitutions).toBe(17 * 9 + 10);
  });

  it('refuses serials outside 1..9,999,999', () => {
    expect(() => formatCertificateNumber({ type: 'ZC', region: '310000', year: 2026, serial: 0 })).toThrow(RangeError);
    expect(() => formatCertificateNumber({ type: 'ZC', region: '310000', year: 2026, serial: 10_000_000 })).toThrow(RangeError);
  });
});
