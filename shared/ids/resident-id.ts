import { schemaText } from '../http/messages';
import { hasValidMod11_2Check } from './mod11-2';
import { isKnownProvinceCode } from './regions';

export type ResidentIdProblem = 'format' | 'region' | 'birthDate' | 'checkCharacter';

/** Normalises what people type: full-width digits, a lower-case x, surrounding spaces. */
export function normaliseResidentId(input: string): string {
  return input.normalize('NFKC').trim().toUpperCase();
}

/**
 * Validates an 18-character resident ID number (GB 11643-1999): a known province, a real
 * birth date not in the future, and the MOD 11-2 check character. Returns the problem or null.
 */
export function residentIdProblem(normalised: string, today = new Date()): ResidentIdProblem | null {
  if (!/^\d{17}[\dX]$/.test(normalised)) return 'format';
  if (!isKnownProvinceCode(normalised.slice(0, 2))) return 'region';
  const year = Number(normalised.slice(6, 10));
  const month = Number(normalised.slice(10, 12));
  const day = Number(normalised.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day ||
    birth.getTime() > today.getTime()
  ) {
    return 'birthDate';
  }
  if (!hasValidMod11_2Check(normalised.slice(0, 17), normalised[17]!)) return 'checkCharacter';
  return null;
}

/** Schema messages (shared/http/messages): the English text, with its Chinese in the catalogue. */
export const RESIDENT_ID_MESSAGES: Record<ResidentIdProblem, string> = {
  format: schemaText('居民身份证号码应为 17 位数字加 1 位数字或 X', 'A resident ID number is 17 digits followed by a digit or X'),
  region: schemaText('前两位不是省级行政区划代码', 'The first two digits are not a province code'),
  birthDate: schemaText('号码中的出生日期不是真实的过去日期', 'The birth date in the number is not a real past date'),
  checkCharacter: schemaText('校验码不符（GB 11643）', 'The check character does not match (GB 11643)'),
};

/** "310101********123X": enough for a person to recognise their own number, not to recover it. */
export function maskResidentId(normalised: string): string {
  return `${normalised.slice(0, 4)}${'*'.repeat(Math.max(0, normalised.length - 8))}${normalised.slice(-4)}`;
}
