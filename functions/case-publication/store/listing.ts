import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetItems } from '../../../shared/ddb/batch-get';
import { documentClient } from '../../../shared/ddb/client';
import { queryAll } from '../../../shared/ddb/query-all';
import { tableName } from '../../../shared/ddb/table-name';
import type { ListEntry, Probe, Seek } from '../core/intersection';
import { idOfOrderKey } from '../core/listing';
import type { CaseCard } from '../core/model';
import { casesTable } from '../table';
import { caseKey, entryKey } from './keys';

const table = () => tableName(casesTable);
export const INVERTED_INDEX = 'inverted';
const BATCH_LIMIT = 25;
const BATCH_ATTEMPTS = 6;

/** A case's entry in a public listing, with the card the list shows (written in the publish transaction). */
export function listEntryItem(list: string, order: string, card: CaseCard) {
  return { ...entryKey(card.id, list), entity: 'CaseListEntry', ipk: list, isk: order, ...card };
}

/** The sort keys of a case's listing entries (`LIST#`) or postings (`TERM#`). */
export async function entriesOfCase(caseId: string, prefix: 'LIST#' | 'TERM#'): Promise<string[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':prefix': prefix },
    ProjectionExpression: 'sk',
    ConsistentRead: true,
  });
  return items.map((item) => String(item.sk));
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** BatchWriteItem in chunks of 25, retrying what DynamoDB leaves unprocessed with backoff. */
async function batchWrite(requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += BATCH_LIMIT) {
    let pending = requests.slice(i, i + BATCH_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_ATTEMPTS) throw Object.assign(new Error('Unprocessed items remain'), { name: 'ThrottlingException' });
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const res = await documentClient().send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
      pending = (res.UnprocessedItems?.[table()] ?? []) as WriteRequest[];
    }
  }
}

/** A case's posting in one term list (`TERM#<term>`): keys only, at its place in the newest-first order. */
export const postingItem = (caseId: string, termList: string, order: string) => ({ ...entryKey(caseId, termList), ipk: termList, isk: order });

export async function putPostings(caseId: string, termLists: readonly string[], order: string): Promise<void> {
  await batchWrite(termLists.map((list) => ({ PutRequest: { Item: postingItem(caseId, list, order) } })));
}

export async function deleteEntries(caseId: string, lists: readonly string[]): Promise<void> {
  await batchWrite(lists.map((list) => ({ DeleteRequest: { Key: entryKey(caseId, list) } })));
}

/**
 * Up to `limit` entries of a list, newest first, starting at `below` (the newest when absent):
 * one Query of the inverted index. `complete` says nothing older is left.
 */
export const seek: Seek = async (list, below, limit) => {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: table(),
      IndexName: INVERTED_INDEX,
      KeyConditionExpression: below ? `ipk = :list AND isk ${below.inclusive ? '<=' : '<'} :below` : 'ipk = :list',
      ExpressionAttributeValues: { ':list': list, ...(below ? { ':below': below.key } : {}) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  const entries = (res.Items ?? []).map(entryOf);
  return { entries, complete: res.LastEvaluatedKey === undefined };
};

/** A list's entry as the join sees it: its order, and the card when it is a listing entry. */
function entryOf(item: Record<string, unknown>): ListEntry {
  const { pk: _pk, sk: _sk, ipk: _ipk, isk, entity: _entity, ...card } = item;
  // A listing entry's attributes are the card listEntryItem wrote beside its keys.
  return { order: String(isk), ...('id' in card ? { card: card as unknown as CaseCard } : {}) };
}

/**
 * Whether cases are in lists, by the keys of their entries (each entry lives in its case's
 * partition under the list's name): one eventually consistent BatchGetItem per 100 — as
 * consistent as the index the lists are read from.
 */
export const probe: Probe = async (wanted) => {
  const items = await batchGetItems(
    table(),
    wanted.map(({ list, order }) => entryKey(idOfOrderKey(order), list)),
  );
  return items.map((item) => ({ list: String(item.sk), entry: entryOf(item) }));
};
