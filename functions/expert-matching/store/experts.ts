import { GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import type { Need } from '../core/model';
import type { StoredExpert } from '../core/need-state';
import { batchGet } from './batch';
import { expertGroupItem, expertGroupKey, expertKey, groupsOf, strip, table } from './items';
import { lostRace, transact, type TransactItem } from './transactions';

/**
 * The writes that store `next` as the expert's profile and its discipline copies, in step:
 * the profile's version is checked (absent for a new expert), copies for disciplines the expert
 * left are deleted. Callers add these to their own transaction, so a load change, say, lands
 * together with the answer that caused it — or not at all.
 */
export function expertWrites(next: StoredExpert, previous?: StoredExpert): TransactItem[] {
  const writes: TransactItem[] = [
    {
      Put: {
        TableName: table(),
        Item: { ...expertKey(next.id), entity: 'Expert', ...next },
        ConditionExpression: previous ? 'version = :v' : 'attribute_not_exists(pk)',
        ExpressionAttributeValues: previous ? { ':v': previous.version } : undefined,
      },
    },
    ...groupsOf(next.fields).map((g) => ({ Put: { TableName: table(), Item: expertGroupItem(next, g) } })),
  ];
  const kept = new Set(groupsOf(next.fields));
  for (const g of groupsOf(previous?.fields ?? [])) if (!kept.has(g)) writes.push({ Delete: { TableName: table(), Key: expertGroupKey(next.id, g) } });
  return writes;
}

/** Registers an expert; false when the id is taken. */
export async function createExpert(expert: StoredExpert): Promise<boolean> {
  try {
    await transact(expertWrites(expert));
    return true;
  } catch (error) {
    if (lostRace(error)) return false;
    throw error;
  }
}

export async function getExpert(id: string): Promise<StoredExpert | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: expertKey(id), ConsistentRead: true }));
  return Item ? strip<StoredExpert>(Item) : undefined;
}

export async function getExperts(ids: readonly string[]): Promise<Map<string, StoredExpert>> {
  const experts = (await batchGet([...new Set(ids)].map(expertKey))).map((i) => strip<StoredExpert>(i));
  return new Map(experts.map((e) => [e.id, e]));
}

/**
 * Candidates for a need: one Query per first-level discipline of the need on `byDiscipline`,
 * never a scan of the pool. With `feasibleOnly`, DynamoDB drops experts the hard rules exclude
 * anyway (inactive, outside the window, without the form, at capacity) before they travel;
 * without it every expert in the disciplines comes back, for explaining who is blocked by what.
 */
export async function candidatesFor(need: Pick<Need, 'fields' | 'serviceForm' | 'window'>, feasibleOnly: boolean): Promise<StoredExpert[]> {
  const experts = new Map<string, StoredExpert>();
  for (const group of groupsOf(need.fields)) {
    const input: QueryCommandInput = {
      TableName: table(),
      IndexName: 'byDiscipline',
      KeyConditionExpression: 'disciplineGroup = :g',
      ExpressionAttributeValues: { ':g': group },
    };
    if (feasibleOnly) {
      input.FilterExpression = '#status = :active AND availableFrom <= :from AND availableTo >= :to AND contains(serviceForms, :form) AND #load < #capacity';
      input.ExpressionAttributeNames = { '#status': 'status', '#load': 'load', '#capacity': 'capacity' };
      input.ExpressionAttributeValues = { ...input.ExpressionAttributeValues, ':active': 'ACTIVE', ':from': need.window.from, ':to': need.window.to, ':form': need.serviceForm };
    }
    let start: Record<string, unknown> | undefined;
    do {
      const res = await documentClient().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      for (const item of res.Items ?? []) experts.set(String(item.expertId), strip<StoredExpert>(item));
      start = res.LastEvaluatedKey;
    } while (start);
  }
  return [...experts.values()];
}
