import { isPastBirthDate } from './birth-date';
import { hasValidMod11_2Check } from './mod11-2';

/*
 * The number of a residence permit for Hong Kong, Macao and Taiwan residents (港澳台居民居住证,
 * DESIGN §2): 18 characters laid out like a GB 11643 number — 81 (Hong Kong), 82 (Macao) or 83
 * (Taiwan), four digits of the issuing authority's region, the birth date YYYYMMDD, a 3-digit
 * sequence and the ISO 7064 MOD 11-2 check character. The four region digits are not checked
 * against GB/T 2260: permits in circulation carry 0000 there (810000…, 820000…, 830000…).
 */
export type HmtPermitProblem = 'format' | 'prefix' | 'birthDate' | 'checkCharacter';

export const HMT_PERMIT_PREFIXES = ['81', '82', '83'] as const;

export function hmtPermitProblem(normalised: string, today = new Date()): HmtPermitProblem | null {
  if (!/^\d{17}[\dX]$/.test(normalised)) return 'format';
  if (!(HMT_PERMIT_PREFIXES as readonly string[]).includes(normalised.slice(0, 2))) return 'prefix';
  if (!isPastBirthDate(normalised.slice(6, 14), today)) return 'birthDate';
  if (!hasValidMod11_2Check(normalised.slice(0, 17), normalised[17]!)) return 'checkCharacter';
  return null;
}

/** Whether an 18-character number has the prefix of a residence permit (never of a resident ID card). */
export const looksLikeHmtPermit = (normalised: string) => (HMT_PERMIT_PREFIXES as readonly string[]).includes(normalised.slice(0, 2));
