import { batchGetItems } from '../../../shared/ddb/batch-get';
import { table } from './items';

/** Items by key, strongly consistent (matching decides on them), 100 keys a call. */
export async function batchGet(keys: readonly Record<string, string>[]): Promise<Record<string, unknown>[]> {
  return batchGetItems(table(), keys, { consistentRead: true });
}
