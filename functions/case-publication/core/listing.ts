import { isKnownRegionCode, NATIONAL_REGION, provinceOf } from '../../../shared/ids/regions';
import type { CaseTopic } from './topics';

/*
 * How published cases are found without a scan (DESIGN §6). Every listing is a sorted list of
 * entries keyed `<first published at>#<id>`, read newest first with one Query on the table's
 * `inverted` index:
 *
 *  - `LIST#<topic>#<region>#<year>` — one list per filter combination, `*` where a filter is not
 *    set. A published case has an entry in each list it belongs to: topic or `*`, each region
 *    level it lies in (county, city, province) or `*`, year or `*` — at most 2 × 4 × 2 = 16. So
 *    any combination of filters is one Query of one list, paginated, and entries carry the card
 *    that the list page shows.
 *  - `TERM#<term>` — the posting list of one search term (core/search-terms.ts).
 *
 * A search intersects the filter combination's list with the posting lists of the query's terms
 * (app/public-listing.ts). Entries exist only while a case is published: they are written when
 * it is published and deleted when it is withdrawn, so nothing else is ever read.
 */
export const ANY = '*';

export interface ListFilters {
  topic?: CaseTopic;
  region?: string;
  year?: number;
}

/** The region itself and every larger division it lies in (a county → its city → its province). */
export function regionScopes(region: string): string[] {
  if (region === NATIONAL_REGION) return [region];
  const scopes = [region, `${region.slice(0, 4)}00`, provinceOf(region)];
  return [...new Set(scopes)].filter(isKnownRegionCode);
}

export const listPartition = (filters: ListFilters) => `LIST#${filters.topic ?? ANY}#${filters.region ?? ANY}#${filters.year ?? ANY}`;

/** Every list a case with this topic, region and year belongs to. */
export function listPartitionsOf(c: { topic: CaseTopic; region: string; year: number }): string[] {
  const partitions: string[] = [];
  for (const topic of [c.topic, undefined]) {
    for (const region of [...regionScopes(c.region), undefined]) {
      for (const year of [c.year, undefined]) partitions.push(listPartition({ topic, region, year }));
    }
  }
  return partitions;
}

export const termPartition = (term: string) => `TERM#${term}`;

/** Newest first is descending order of this key; the id makes it unique. */
export const orderKey = (publishedAt: string, id: string) => `${publishedAt}#${id}`;
export const idOfOrderKey = (key: string) => key.slice(key.indexOf('#') + 1);
