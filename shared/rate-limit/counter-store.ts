import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { lazyConfig } from '../config/env';
import { documentClient } from '../ddb/client';
import { decide, windowPosition, type BudgetDecision } from './window';

/*
 * The counters behind the per-client budgets, in the platform's rate-limit table
 * (functions/platform/table.ts): one item per client and budget with a count per window.
 *
 * One UpdateItem per request: ADD the cost to the current window's count (dropping the count of
 * the window before last, renewing the TTL) and read back both windows that still count. If the
 * sliding-window rule (window.ts) then refuses, a second UpdateItem takes the cost back out, so a
 * refused request uses nothing. Every admitted request saw a total that already held every
 * request applied before it, so concurrent requests can never together pass the budget; at worst
 * two racing near the limit are both refused, erring on the safe side.
 */
const config = lazyConfig({ RATE_LIMIT_TABLE: z.string().min(1) });

export interface Charge {
  /** `<budget>#<client>`, e.g. `lookup#org:issuer:310000`. */
  key: string;
  cost: number;
  limit: number;
  windowSeconds: number;
  nowMs?: number;
}

const windowAttribute = (index: number) => `w${index}`;

export async function charge({ key, cost, limit, windowSeconds, nowMs = Date.now() }: Charge): Promise<BudgetDecision> {
  const { index, elapsed } = windowPosition(nowMs, windowSeconds);
  const current = windowAttribute(index);
  const client = documentClient();
  const { Attributes } = await client.send(
    new UpdateCommand({
      TableName: config().RATE_LIMIT_TABLE,
      Key: { id: key },
      UpdateExpression: 'ADD #current :cost SET expiresAt = :expiresAt REMOVE #stale',
      ExpressionAttributeNames: { '#current': current, '#stale': windowAttribute(index - 2) },
      // Kept until the end of the next window, the last one in which this window still counts.
      ExpressionAttributeValues: { ':cost': cost, ':expiresAt': (index + 2) * windowSeconds },
      ReturnValues: 'ALL_NEW',
    }),
  );
  const count = (name: string) => Number(Attributes?.[name] ?? 0);
  const decision = decide({ limit, cost, previous: count(windowAttribute(index - 1)), current: count(current) - cost, elapsed, windowSeconds });
  if (!decision.allowed) {
    // A refund that fails leaves the client with less budget for a window, never with more: not worth failing the answer for.
    await client
      .send(
        new UpdateCommand({
          TableName: config().RATE_LIMIT_TABLE,
          Key: { id: key },
          UpdateExpression: 'ADD #current :refund',
          ExpressionAttributeNames: { '#current': current },
          ExpressionAttributeValues: { ':refund': -cost },
        }),
      )
      .catch(() => undefined);
  }
  return decision;
}
