import { isPastBirthDate } from './birth-date';
import { isKnownCountryNumeric } from './countries';
import { hasValidMod11_2Check } from './mod11-2';
import { isKnownProvinceCode } from './regions';

/*
 * The number of a foreign permanent resident ID card (外国人永久居留身份证, 2023 format, DESIGN §2):
 * 18 characters — 9, the 2-digit code of the province that accepted the application, the
 * 3-digit ISO 3166-1 numeric code of the nationality, the birth date YYYYMMDD, a 3-digit
 * sequence and the ISO 7064 MOD 11-2 check character over the first 17.
 */
export type ForeignPrProblem = 'format' | 'prefix' | 'province' | 'nationality' | 'birthDate' | 'checkCharacter';

/** Province codes outside the mainland, where no permanent residence card is applied for. */
const NOT_MAINLAND = new Set(['71', '81', '82']);

export function foreignPrProblem(normalised: string, today = new Date()): ForeignPrProblem | null {
  if (!/^\d{17}[\dX]$/.test(normalised)) return 'format';
  if (normalised[0] !== '9') return 'prefix';
  const province = normalised.slice(1, 3);
  if (!isKnownProvinceCode(province) || NOT_MAINLAND.has(province)) return 'province';
  if (!isKnownCountryNumeric(normalised.slice(3, 6))) return 'nationality';
  if (!isPastBirthDate(normalised.slice(6, 14), today)) return 'birthDate';
  if (!hasValidMod11_2Check(normalised.slice(0, 17), normalised[17]!)) return 'checkCharacter';
  return null;
}
