import { describe, expect, it } from 'vitest';
import { hasValidMod11_2Check, mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { maskResidentId, normaliseResidentId, residentIdProblem } from '../../shared/ids/resident-id';

describe('ISO 7064 MOD 11-2', () => {
  it('matches the published GB 11643 example (11010519491231002X)', () => {
    expect(mod11_2CheckCharacter('11010519491231002')).toBe('X');
  });

  it('computes the DESIGN example ZC310000202600012346 check character', () => {
    expect(mod11_2CheckCharacter('31000020260001234')).toBe('6');
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => mod11_2CheckCharacter('1234')).toThrow(RangeError);
    expect(hasValidMod11_2Check('1101051949123100A', 'X')).toBe(false);
  });

  it('accepts a lower-case x as the check character', () => {
    expect(hasValidMod11_2Check('11010519491231002', 'x')).toBe(true);
  });
});

describe('resident ID numbers (GB 11643)', () => {
  it('accepts a valid number and normalises full-width input', () => {
    expect(residentIdProblem(normaliseResidentId('１１０１０５１９４９１２３１００２ｘ'))).toBeNull();
  });

  it.each([
    ['11010519491231002', 'format'],
    ['99010519491231002X', 'region'],
    ['11010519490230002X', 'birthDate'],
    ['110105199912310021', 'checkCharacter'],
  ])('reports %s as %s', (id, problem) => {
    expect(residentIdProblem(id)).toBe(problem);
  });

  it('refuses a birth date in the future', () => {
    const future = `110105${new Date().getUTCFullYear() + 1}0101001`;
    expect(residentIdProblem(`${future}${mod11_2CheckCharacter(future)}`)).toBe('birthDate');
  });

  it('masks all but the first and last four characters', () => {
    expect(maskResidentId('11010519491231002X')).toBe('1101**********002X');
  });
});
