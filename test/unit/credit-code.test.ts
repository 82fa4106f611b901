import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditCodeCheckCharacter, creditCodeProblem, normaliseCreditCode } from '../../shared/ids/credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('unified social credit code (GB 32100)', () => {
  it('accepts published codes', () => {
    // Codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '91110000600037341L', '91440300708461136T']) expect(creditCodeProblem(code)).toBeUndefined();
  });
  it('normalises full-width characters, spaces and lower case', () => {
    expect(normaliseCreditCode(' ９１３５０１００m０００１００y４３ ')).toBe('91350100M000100Y43');
  });
  it('refuses a wrong check character, a wrong length and letters outside the alphabet', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M0001O0Y43')).toBe('characters');
  });
  it('detects every single-character substitution', () => {
    const body = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((a) => a.join(''));
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...ALPHABET), (first17, at, replacement) => {
        const code = first17 + creditCodeCheckCharacter(first17);
        expect(creditCodeProblem(code)).toBeUndefined();
        const changed = code.slice(0, at) + replacement + code.slice(at + 1);
        if (changed !== code) expect(creditCodeProblem(changed)).toBe('check');
      }),
    );
  });
});
