import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client';

const KEYS_PER_CALL = 100;
const ATTEMPTS = 6;

/**
 * The items stored under `keys` (absent keys are simply missing), 100 keys a BatchGetItem,
 * retrying with back-off what DynamoDB leaves unprocessed. Unprocessed keys left after the last
 * attempt throw a ThrottlingException, which the HTTP envelope answers 503.
 */
export async function batchGetItems(tableName: string, keys: readonly Record<string, unknown>[], options: { consistentRead?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += KEYS_PER_CALL) {
    let pending = keys.slice(i, i + KEYS_PER_CALL);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === ATTEMPTS) throw Object.assign(new Error('Unprocessed keys remain'), { name: 'ThrottlingException' });
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const res = await documentClient().send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: [...pending], ConsistentRead: options.consistentRead } } }));
      items.push(...(res.Responses?.[tableName] ?? []));
      pending = res.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return items;
}
