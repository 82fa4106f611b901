import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import type { VerificationRecord } from '../core/verification-log';
import { certificatesTable } from '../table';
import { certificateKey, VERIFY_PREFIX } from './keys';

const RETENTION_SECONDS = 3 * 365 * 24 * 3600;
const table = () => tableName(certificatesTable);

/** Stores verification records next to their certificates, 25 per BatchWriteItem. */
export async function putVerifications(records: VerificationRecord[]): Promise<void> {
  const requests = records.map((record) => ({
    PutRequest: {
      Item: {
        pk: certificateKey(record.number).pk,
        // The record's own id makes a redelivered log event overwrite itself, not duplicate.
        sk: `${VERIFY_PREFIX}${record.at}#${record.id}`,
        entity: 'Verification',
        ...record,
        expiresAt: Math.floor(Date.parse(record.at) / 1000) + RETENTION_SECONDS,
      },
    },
  }));
  for (let i = 0; i < requests.length; i += 25) {
    let pending: typeof requests = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      if (attempt > 6) throw Object.assign(new Error('Unprocessed verification records remain'), { name: 'ThrottlingException' });
      const res = await documentClient().send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
      pending = (res.UnprocessedItems?.[table()] ?? []) as typeof requests;
    }
  }
}

export async function listVerifications(number: string, limit = 50): Promise<VerificationRecord[]> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': certificateKey(number).pk, ':prefix': VERIFY_PREFIX },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (res.Items ?? []).map(({ number: n, at, method, verifier, id }) => ({ number: n, at, method, verifier, id }) as VerificationRecord);
}

export const newVerificationId = () => randomUUID();
