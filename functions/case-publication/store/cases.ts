import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { queryAll } from '../../../shared/ddb/query-all';
import { tableName } from '../../../shared/ddb/table-name';
import { CASE_ENTITY } from '../core/events';
import type { CaseRecord, CaseVersion } from '../core/model';
import { casesTable } from '../table';
import { caseKey, VERSION_PREFIX, versionKey } from './keys';

const table = () => tableName(casesTable);

const toItem = (record: CaseRecord) => ({ ...caseKey(record.id), entity: CASE_ENTITY, ...record });

function fromItem(item: Record<string, unknown>): CaseRecord {
  const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
  return record as unknown as CaseRecord;
}

/** Writes a new case (ids are random UUIDs; the condition only guards against a collision). */
export async function createCase(record: CaseRecord): Promise<void> {
  try {
    await documentClient().send(new PutCommand({ TableName: table(), Item: toItem(record), ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    // The id is a fresh UUID: a case already there is this very put, applied by an attempt whose
    // answer was lost (timeout) before the SDK retried it.
    if (error instanceof ConditionalCheckFailedException) {
      const stored = await getCase(record.id);
      if (stored && stored.createdAt === record.createdAt && stored.createdBy === record.createdBy) return;
    }
    throw error;
  }
}

/** Strongly consistent by default: every change reads the revision it will be conditional on. */
export async function getCase(caseId: string, consistent = true): Promise<CaseRecord | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: caseKey(caseId), ConsistentRead: consistent }));
  return Item ? fromItem(Item) : undefined;
}

/** Items written or deleted in the same transaction as a case change (versions, listing entries). */
export interface Companions {
  puts?: Record<string, unknown>[];
  deletes?: { pk: string; sk: string }[];
}

export type SaveOutcome = 'saved' | 'conflict';

/**
 * Replaces the case with its next state on condition it is still at `expectedRevision`, so two
 * changes made from the same reading cannot both win; with companions, all of it in one
 * transaction. 'conflict' when someone else changed the case first (nothing was written).
 */
export async function saveCase(record: CaseRecord, expectedRevision: number, companions: Companions = {}): Promise<SaveOutcome> {
  const put = { TableName: table(), Item: toItem(record), ConditionExpression: '#revision = :expected', ExpressionAttributeNames: { '#revision': 'revision' }, ExpressionAttributeValues: { ':expected': expectedRevision } };
  const { puts = [], deletes = [] } = companions;
  try {
    if (puts.length === 0 && deletes.length === 0) {
      await documentClient().send(new PutCommand(put));
    } else {
      await documentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            ...puts.map((Item) => ({ Put: { TableName: table(), Item } })),
            ...deletes.map((Key) => ({ Delete: { TableName: table(), Key } })),
          ],
        }),
      );
    }
    return 'saved';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'conflict';
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'conflict';
    throw error;
  }
}

export const versionItem = (version: CaseVersion) => ({ ...versionKey(version.caseId, version.version), entity: 'CaseVersion', ...version });

export async function getVersion(caseId: string, version: number): Promise<CaseVersion | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: versionKey(caseId, version) }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = Item;
  return rest as unknown as CaseVersion;
}

export type VersionSummary = Pick<CaseVersion, 'version' | 'title' | 'publishedAt' | 'publishedBy'>;

/** Every published version of a case, oldest first (without their attachment lists). */
export async function listVersions(caseId: string): Promise<VersionSummary[]> {
  return (await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': caseKey(caseId).pk, ':prefix': VERSION_PREFIX },
    ProjectionExpression: 'version, title, publishedAt, publishedBy',
    ConsistentRead: true,
  })) as VersionSummary[];
}
