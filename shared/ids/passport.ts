import { isKnownCountryAlpha3 } from './countries';

/*
 * A passport (DESIGN §2): the issuing country as an ISO 3166-1 alpha-3 code and the number as
 * printed, compared upper case without spaces: 5–20 of A-Z and 0-9. No check character is
 * common to all countries, so none is checked.
 */
export type PassportProblem = 'format' | 'countryMissing' | 'country';

export function passportProblem(normalisedNumber: string, country: string | undefined): PassportProblem | null {
  if (!/^[A-Z0-9]{5,20}$/.test(normalisedNumber)) return 'format';
  if (!country) return 'countryMissing';
  if (!isKnownCountryAlpha3(country)) return 'country';
  return null;
}
