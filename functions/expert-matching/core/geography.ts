import * as z from 'zod';
import table from '../data/provinces.json';

/*
 * Provinces, the east/central/west zones and a coarse distance, read from data/provinces.json.
 *
 * The zones drive the east→west collaboration bonus (人社厅发〔2025〕2号 §1: "鼓励开展东中西部人才
 * 协作，发挥发达地区专家人才资源优势带动欠发达地区发展"). Distances run between provincial capitals:
 * good enough to prefer a neighbour over the far side of the country, which is all the score
 * asks of them; a need and an expert in the same province are 0 km apart.
 */
export type Zone = 'EAST' | 'CENTRAL' | 'WEST';

export const ZONE_LABELS: Record<Zone, { en: string; zh: string }> = {
  EAST: { en: 'east', zh: '东部' },
  CENTRAL: { en: 'central', zh: '中部' },
  WEST: { en: 'west', zh: '西部' },
};

export interface Province {
  /** The 2-digit GB/T 2260 prefix. */
  code: string;
  name: string;
  shortName: string;
  nameEn: string;
  zone: Zone;
  capital: { name: string; lat: number; lon: number };
}

const provinceSchema = z.strictObject({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  shortName: z.string().min(1),
  nameEn: z.string().min(1),
  zone: z.enum(['EAST', 'CENTRAL', 'WEST']),
  // Mainland China lies within these bounds: a swapped lat/lon fails here.
  capital: z.strictObject({ name: z.string().min(1), lat: z.number().min(18).max(54), lon: z.number().min(73).max(136) }),
});

const provinces = z
  .array(provinceSchema)
  .length(31)
  .refine((ps) => new Set(ps.map((p) => p.code)).size === ps.length, 'Province codes must be unique')
  .parse(table.provinces);

const byPrefix = new Map<string, Province>(provinces.map((p) => [p.code, p]));

/** The 31 provincial-level divisions, by code. */
export const PROVINCES: readonly Province[] = [...provinces].sort((a, b) => a.code.localeCompare(b.code));

/** The province of a 6-digit (or 2-digit) division code, or undefined ('000000', unknown prefixes). */
export function provinceOf(regionCode: string): Province | undefined {
  if (!/^\d{2}(\d{4})?$/.test(regionCode)) return undefined;
  return byPrefix.get(regionCode.slice(0, 2));
}

/** EAST, CENTRAL or WEST for a division code, or undefined when it names no province. */
export function zoneOf(regionCode: string): Zone | undefined {
  return provinceOf(regionCode)?.zone;
}

/** Whether an expert from `expertRegion` serving a need in `needRegion` is east→west collaboration. */
export function isEastToWest(expertRegion: string, needRegion: string): boolean {
  return zoneOf(expertRegion) === 'EAST' && zoneOf(needRegion) === 'WEST';
}

const EARTH_RADIUS_KM = 6371;
const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance in km between the capitals of the provinces of two division codes; 0 in
 * the same province; undefined when either code names no province.
 */
export function distanceKm(regionA: string, regionB: string): number | undefined {
  const a = provinceOf(regionA);
  const b = provinceOf(regionB);
  if (!a || !b) return undefined;
  if (a.code === b.code) return 0;
  const dLat = rad(b.capital.lat - a.capital.lat);
  const dLon = rad(b.capital.lon - a.capital.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.capital.lat)) * Math.cos(rad(b.capital.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
