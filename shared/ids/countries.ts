import { iso31661Alpha3ToAlpha2 } from 'iso-3166/1-a3-to-1-a2.js';
import { iso31661NumericToAlpha2 } from 'iso-3166/1-n-to-1-a2.js';

/*
 * ISO 3166-1 country codes from the `iso-3166` package (the assigned codes only; about 7 KB of
 * the package reaches a bundle): a passport's issuing country is an alpha-3 code, a foreign
 * permanent resident's nationality in the 2023 card number a numeric one (DESIGN §2).
 */
const has = (table: Record<string, string>, code: string) => Object.prototype.hasOwnProperty.call(table, code);

/** `USA`, `GBR`, `HKG` … — an assigned ISO 3166-1 alpha-3 code, upper case. */
export function isKnownCountryAlpha3(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && has(iso31661Alpha3ToAlpha2, code);
}

/** `840`, `004` … — an assigned ISO 3166-1 numeric code, three digits. */
export function isKnownCountryNumeric(code: string): boolean {
  return /^\d{3}$/.test(code) && has(iso31661NumericToAlpha2, code);
}
