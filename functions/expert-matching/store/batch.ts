import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { table } from './items';

/** Items by key, 100 keys a call, retrying what DynamoDB leaves unprocessed. */
export async function batchGet(keys: readonly Record<string, string>[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Record<string, unknown>[] | undefined = keys.slice(i, i + 100);
    while (pending?.length) {
      const res: BatchGetCommandOutput = await documentClient().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(res.Responses?.[table()] ?? []));
      pending = res.UnprocessedKeys?.[table()]?.Keys;
    }
  }
  return items;
}
