import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { NATIONAL_SCOPE, provinceScope } from '../core/need-state';
import { table } from './items';
import type { TransactItem } from './transactions';

/**
 * Programme counters, kept per province and nationally per year and moved by the same
 * transaction as the change they count — so `GET /matching/stats` is one GetItem, never a scan,
 * and a counter never runs ahead of (or behind) the data.
 */
export interface Counters {
  needsReceived: number;
  needsMatched: number;
  needsConfirmed: number;
  needsCompleted: number;
  expertsEngaged: number;
  serviceHours: number;
  ratingSum: number;
  ratingCount: number;
  eastToWestServices: number;
  eastToWestHours: number;
}

const statsKey = (scope: string, year: number) => ({ pk: `STATS#${scope}`, sk: `YEAR#${year}` });
const engagedKey = (scope: string, year: number, expertId: string) => ({ pk: `STATS#${scope}#${year}`, sk: `EXPERT#${expertId}` });
const scopesOf = (region: string) => [provinceScope(region), NATIONAL_SCOPE];

/**
 * Adds `delta` to the counters of the need's province and the nation. With `engagedAlready`
 * (from `engagedIn`), an expert not yet counted in a scope is marked there and counted once:
 * the marker's condition fails the transaction if someone counted them meanwhile.
 */
export function statsWrites(region: string, year: number, delta: Partial<Counters>, engaged?: { expertId: string; already: boolean[] }): TransactItem[] {
  return scopesOf(region).flatMap((scope, i) => {
    const scoped: Partial<Counters> = { ...delta, ...(engaged && !engaged.already[i] ? { expertsEngaged: 1 } : {}) };
    const entries = Object.entries(scoped).filter(([, v]) => v);
    const writes: TransactItem[] = [];
    if (engaged && !engaged.already[i]) {
      writes.push({ Put: { TableName: table(), Item: { ...engagedKey(scope, year, engaged.expertId), entity: 'Engagement' }, ConditionExpression: 'attribute_not_exists(pk)' } });
    }
    if (entries.length) {
      writes.push({
        Update: {
          TableName: table(),
          Key: statsKey(scope, year),
          UpdateExpression: `ADD ${entries.map(([k]) => `#${k} :${k}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([k, v]) => [`:${k}`, v])),
        },
      });
    }
    return writes;
  });
}

/** Whether the expert already counts as engaged in each scope (province, nation) of the region and year. */
export async function engagedIn(region: string, year: number, expertId: string): Promise<boolean[]> {
  return Promise.all(
    scopesOf(region).map(async (scope) => {
      const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: engagedKey(scope, year, expertId), ConsistentRead: true }));
      return Boolean(Item);
    }),
  );
}

export async function countersOf(scope: string, year: number): Promise<Counters> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: statsKey(scope, year) }));
  const n = (k: keyof Counters) => Number(Item?.[k] ?? 0);
  return {
    needsReceived: n('needsReceived'),
    needsMatched: n('needsMatched'),
    needsConfirmed: n('needsConfirmed'),
    needsCompleted: n('needsCompleted'),
    expertsEngaged: n('expertsEngaged'),
    serviceHours: n('serviceHours'),
    ratingSum: n('ratingSum'),
    ratingCount: n('ratingCount'),
    eastToWestServices: n('eastToWestServices'),
    eastToWestHours: n('eastToWestHours'),
  };
}
