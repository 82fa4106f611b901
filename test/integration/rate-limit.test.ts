import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { platformService } from '../../functions/platform/service';
import { rateLimitTable } from '../../functions/platform/table';
import { charge } from '../../shared/rate-limit/counter-store';
import { useLocalAws } from '../support/local-aws';

/*
 * The budget counters (shared/rate-limit/counter-store.ts) on DynamoDB Local: concurrent
 * requests of one client never pass the budget together, a refused request leaves nothing
 * charged, and no address is stored.
 */

const W = 300;
let aws: Awaited<ReturnType<typeof useLocalAws>>;

beforeAll(async () => {
  aws = await useLocalAws([platformService]);
});

async function storedItem(key: string) {
  const { Item } = await aws.clients.ddb.send(new GetItemCommand({ TableName: aws.tables[rateLimitTable.id]!, Key: { id: { S: key } }, ConsistentRead: true }));
  return Item;
}

describe('rate-limit counters (DynamoDB Local)', () => {
  it('admits at most the budget when 30 batches of 50 arrive at once, and keeps only what it admitted', async () => {
    const key = `test#concurrent-${Date.now()}`;
    // The start of a window, so the previous one (empty) weighs nothing either way.
    const nowMs = 5_000_000 * W * 1000 + 1000;
    const decisions = await Promise.all(Array.from({ length: 30 }, () => charge({ key, cost: 50, limit: 600, windowSeconds: W, nowMs })));
    const admitted = decisions.filter((d) => d.allowed).length;
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(12);
    const item = await storedItem(key);
    expect(Number(item?.[`w${5_000_000}`]?.N)).toBe(admitted * 50);
    // Once the racing is over, whatever room is left is still there to use.
    for (let i = admitted; i < 12; i++) expect((await charge({ key, cost: 50, limit: 600, windowSeconds: W, nowMs })).allowed).toBe(true);
    expect(await charge({ key, cost: 1, limit: 600, windowSeconds: W, nowMs })).toMatchObject({ allowed: false });
  });

  it('carries the previous window into the next and drops the window before it', async () => {
    const key = `test#windows-${Date.now()}`;
    const at = (index: number, seconds: number) => (index * W + seconds) * 1000;
    expect((await charge({ key, cost: 600, limit: 600, windowSeconds: W, nowMs: at(100, 299) })).allowed).toBe(true);
    // 60 s into the next window 80 % of the previous one still counts: 480, so 120 fit and 121 do not.
    expect(await charge({ key, cost: 121, limit: 600, windowSeconds: W, nowMs: at(101, 60) })).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect((await charge({ key, cost: 120, limit: 600, windowSeconds: W, nowMs: at(101, 60) })).allowed).toBe(true);
    expect((await charge({ key, cost: 1, limit: 600, windowSeconds: W, nowMs: at(102, 0) })).allowed).toBe(true);
    const item = await storedItem(key);
    expect(Object.keys(item!).sort()).toEqual(['expiresAt', 'id', 'w101', 'w102']);
    expect(item!.expiresAt!.N).toBe(String(104 * W));
  });
});
