import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import { noCounts, type RosterCounts, type RosterUpload } from '../core/roster-upload';
import { learningHoursTable } from '../table';

const table = () => tableName(learningHoursTable);
const key = (institutionId: string, uploadId: string) => ({ pk: `INST#${institutionId}`, sk: `UPLOAD#${uploadId}` });

function fromItem(item: Record<string, unknown>): RosterUpload {
  const { pk: _pk, sk: _sk, entity: _e, ...upload } = item;
  return upload as unknown as RosterUpload;
}

export async function createUpload(upload: RosterUpload): Promise<void> {
  await documentClient().send(
    new PutCommand({ TableName: table(), Item: { ...key(upload.institutionId, upload.uploadId), entity: 'RosterUpload', ...upload }, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

export async function getUpload(institutionId: string, uploadId: string): Promise<RosterUpload | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: key(institutionId, uploadId), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

/**
 * Takes the job for one ingest run: a PENDING upload, or one whose run has shown no sign of
 * life (claim or progress saved, `heartbeatAt`) since `staleBefore` and so must have died (a
 * crashed, killed or timed-out function, which hands nothing back). A second delivery of the
 * same notification while a run is alive, or after it finished, gets undefined.
 */
export async function claimUpload(institutionId: string, uploadId: string, now: string, staleBefore: string): Promise<RosterUpload | undefined> {
  try {
    const res = await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: key(institutionId, uploadId),
        UpdateExpression: 'SET #status = :processing, startedAt = :now, heartbeatAt = :now, processedRows = :zero, counts = :counts',
        ConditionExpression:
          'attribute_exists(pk) AND (#status = :pending OR (#status = :processing AND (heartbeatAt < :stale OR (attribute_not_exists(heartbeatAt) AND startedAt < :stale))))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':processing': 'PROCESSING', ':pending': 'PENDING', ':now': now, ':stale': staleBefore, ':zero': 0, ':counts': noCounts() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return fromItem(res.Attributes!);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Hands a claimed job back (PENDING) so a retry can take it at once; only the run that claimed it may. */
export async function releaseClaim(institutionId: string, uploadId: string, startedAt: string): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: key(institutionId, uploadId),
      UpdateExpression: 'SET #status = :pending',
      ConditionExpression: '#status = :processing AND startedAt = :startedAt',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'PENDING', ':processing': 'PROCESSING', ':startedAt': startedAt },
    }),
  );
}

export async function recordProgress(institutionId: string, uploadId: string, progress: { totalRows: number; processedRows: number; counts: RosterCounts; encoding: string }): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: key(institutionId, uploadId),
      // The run's sign of life too: a job whose heartbeat stops may be taken over (claimUpload).
      UpdateExpression: 'SET totalRows = :total, processedRows = :processed, counts = :counts, encoding = :encoding, heartbeatAt = :now',
      ExpressionAttributeValues: { ':total': progress.totalRows, ':processed': progress.processedRows, ':counts': progress.counts, ':encoding': progress.encoding, ':now': new Date().toISOString() },
    }),
  );
}

export async function finishUpload(institutionId: string, uploadId: string, outcome: Pick<RosterUpload, 'status' | 'counts' | 'finishedAt' | 'error'>): Promise<void> {
  await documentClient().send(
    new UpdateCommand({
      TableName: table(),
      Key: key(institutionId, uploadId),
      UpdateExpression: outcome.error ? 'SET #status = :status, counts = :counts, finishedAt = :at, #error = :error' : 'SET #status = :status, counts = :counts, finishedAt = :at',
      ExpressionAttributeNames: { '#status': 'status', ...(outcome.error ? { '#error': 'error' } : {}) },
      ExpressionAttributeValues: { ':status': outcome.status, ':counts': outcome.counts, ':at': outcome.finishedAt, ...(outcome.error ? { ':error': outcome.error } : {}) },
    }),
  );
}
