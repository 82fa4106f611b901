import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export async function transact(items: TransactItem[]): Promise<void> {
  await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
}

/** True when a write failed because a condition (a version, a status) no longer held: someone else got there first. */
export function lostRace(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed'))
  );
}

/**
 * True when DynamoDB cancelled a transaction because another one was writing the same item at
 * the same moment (reason TransactionConflict; the SDK does not retry it). Nothing was written
 * and nothing decided: the attempt is simply run again. DynamoDB Local serialises transactions
 * and never reports this, so only real tables show it — e.g. two experts of a province accepting
 * at once both update the province's counters.
 */
export function transactionConflict(error: unknown): boolean {
  return error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
}

/**
 * Runs read-decide-write `attempt`s until one commits without losing a race (each re-reads the
 * state), at most `tries` times. Optimistic concurrency: conditions in the transaction make a
 * stale decision fail instead of, say, pushing an expert past capacity.
 */
export async function withRetries<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(lostRace(error) || transactionConflict(error)) || i >= tries) throw error;
      await new Promise((r) => setTimeout(r, 10 * 2 ** i + Math.random() * 20));
    }
  }
}
