import { paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client';

/**
 * Every item a Query matches, page after page (DynamoDB stops a page at 1 MB). For partitions
 * known to stay small — a case's versions or attachments — where a caller wants them all.
 */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: documentClient() }, input)) items.push(...(page.Items ?? []));
  return items;
}
