/*
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters — registration
 * authority (1), organisation type (1), GB/T 2260 region of registration (6), the organisation's
 * code (9) and a check character (1). The alphabet is the digits and the capitals without
 * I, O, S, V and Z (31 symbols); the check character is 31 − (Σ value·3^i mod 31) mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normaliseCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'characters' | 'check';

/** Why a (normalised) code is not a unified social credit code, or undefined when it is one. */
export function creditCodeProblem(code: string): CreditCodeProblem | undefined {
  if (code.length !== 18) return 'length';
  if (![...code].every((c) => ALPHABET.includes(c))) return 'characters';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? undefined : 'check';
}
