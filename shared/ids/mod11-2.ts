/*
 * ISO 7064 MOD 11-2, as used by GB 11643 (the 18-character resident ID number) and by this
 * platform's certificate numbers: over 17 digits d1..d17, S = Σ d_i · (2^(18−i) mod 11),
 * and the check character is "10X98765432"[S mod 11].
 */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const CHECK_CHARACTERS = '10X98765432';

export function mod11_2CheckCharacter(seventeenDigits: string): string {
  if (!/^\d{17}$/.test(seventeenDigits)) throw new RangeError('MOD 11-2 needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(seventeenDigits[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export function hasValidMod11_2Check(seventeenDigits: string, check: string): boolean {
  return /^\d{17}$/.test(seventeenDigits) && mod11_2CheckCharacter(seventeenDigits) === check.toUpperCase();
}
