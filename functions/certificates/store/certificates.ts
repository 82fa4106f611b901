import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { batchGetItems } from '../../../shared/ddb/batch-get';
import { tableName } from '../../../shared/ddb/table-name';
import type { AuditEntry, Certificate, StateChange } from '../core/model';
import { MAX_SERIAL } from '../core/number';
import { certificatesTable } from '../table';
import { certificateKey, counterKey, holderPk } from './keys';

const table = () => tableName(certificatesTable);
const TRANSACTION_LIMIT = 100;

function toItem(cert: Certificate) {
  return {
    ...certificateKey(cert.number),
    entity: 'Certificate',
    ...cert,
    holderPk: holderPk(cert.personId),
    holderSk: `${cert.issueDate}#${cert.number}`,
  };
}

function fromItem(item: Record<string, unknown>): Certificate {
  const { pk: _pk, sk: _sk, entity: _entity, holderPk: _hp, holderSk: _hs, ...cert } = item;
  return cert as unknown as Certificate;
}

/** One eventually consistent GetItem: the whole cost of a public lookup. */
export async function getCertificate(number: string): Promise<Certificate | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: certificateKey(number) }));
  return Item ? fromItem(Item) : undefined;
}

/** Up to 100 certificates in one BatchGetItem (retrying unprocessed keys). */
export async function getCertificates(numbers: string[]): Promise<Map<string, Certificate>> {
  const items = await batchGetItems(table(), [...new Set(numbers)].map(certificateKey));
  return new Map(items.map((item) => fromItem(item)).map((cert) => [cert.number, cert]));
}

/**
 * Reserves `count` consecutive serials for (type, region, year) with one atomic update, so
 * concurrent issuers never get the same serial. Returns the first one.
 *
 * The update also leaves its own random token and the value it started from. When a timeout
 * loses the answer of an applied update, the SDK sends it again; without the token that retry
 * would reserve a second block and leave the first as a gap nobody recorded. With it, the retry
 * fails its condition and the item it returns says which block the first attempt reserved.
 * (Only when another issuer of the same sequence allocates between the lost answer and the
 * retry — milliseconds — is the token gone and the first block skipped.)
 */
export async function allocateSerials(type: string, region: string, year: number, count: number): Promise<number> {
  const token = randomUUID();
  try {
    const res = await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: counterKey(type, region, year),
        UpdateExpression: 'SET #last = if_not_exists(#last, :zero) + :count, #from = if_not_exists(#last, :zero), #token = :token',
        ConditionExpression: '(attribute_not_exists(#last) OR #last <= :max) AND (attribute_not_exists(#token) OR #token <> :token)',
        ExpressionAttributeNames: { '#last': 'last', '#from': 'allocatedFrom', '#token': 'allocationToken' },
        ExpressionAttributeValues: { ':count': count, ':zero': 0, ':max': MAX_SERIAL - count, ':token': token },
        ReturnValues: 'UPDATED_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return Number(res.Attributes?.last) - count + 1;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException && error.Item) {
      const item = unmarshall(error.Item);
      if (item.allocationToken === token) return Number(item.allocatedFrom) + 1;
    }
    throw error;
  }
}

/**
 * Gives back serials whose certificates could not be written, when nobody has allocated after
 * them; returns false when later serials exist (the caller then records the gap instead).
 */
export async function releaseSerials(type: string, region: string, year: number, first: number, count: number): Promise<boolean> {
  try {
    await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: counterKey(type, region, year),
        UpdateExpression: 'SET #last = :previous',
        ConditionExpression: '#last = :allocatedUpTo',
        ExpressionAttributeNames: { '#last': 'last' },
        ExpressionAttributeValues: { ':previous': first - 1, ':allocatedUpTo': first + count - 1 },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * An item written in the same transaction as a certificate, on condition it does not exist yet:
 * e.g. the claim that a person-year has its continuing-education certificate, so no second one
 * can ever be issued.
 */
export type CompanionItem = (cert: Certificate) => Record<string, unknown> & { pk: string; sk: string };

/**
 * Writes certificates in transactions of up to 100: each chunk is all or nothing, and a retried
 * chunk (same ClientRequestToken) is never applied twice. Returns how many chunks were written
 * before a failure, and the failure.
 */
export async function putCertificates(certs: Certificate[], companion?: CompanionItem): Promise<{ written: number; error?: unknown; uncertain?: boolean }> {
  let written = 0;
  // With a companion, each certificate takes two of the transaction's items.
  const perTransaction = companion ? TRANSACTION_LIMIT / 2 : TRANSACTION_LIMIT;
  for (let i = 0; i < certs.length; i += perTransaction) {
    const chunk = certs.slice(i, i + perTransaction);
    try {
      await documentClient().send(
        new TransactWriteCommand({
          ClientRequestToken: randomUUID(),
          TransactItems: chunk.flatMap((cert) => [
            { Put: { TableName: table(), Item: toItem(cert), ConditionExpression: 'attribute_not_exists(pk)' } },
            ...(companion ? [{ Put: { TableName: table(), Item: companion(cert), ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
          ]),
        }),
      );
      written += chunk.length;
    } catch (error) {
      // A timeout or lost connection may come after DynamoDB applied the transaction: read back.
      const applied = await chunkApplied(chunk).catch(() => undefined);
      if (applied) {
        written += chunk.length;
        continue;
      }
      return { written, error, uncertain: applied === undefined };
    }
  }
  return { written };
}

/** Whether a chunk's transaction was applied (all or nothing: its first certificate tells). */
async function chunkApplied(chunk: Certificate[]): Promise<boolean> {
  const cert = chunk[0]!;
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: certificateKey(cert.number), ConsistentRead: true }));
  const issued = (Item?.history as AuditEntry[] | undefined)?.[0];
  return Item !== undefined && Item.personId === cert.personId && issued?.at === cert.history[0]?.at && issued?.by === cert.history[0]?.by;
}

/** Marks serials that were allocated but never used, so the sequence has no silent holes. */
export async function recordUnusedSerials(type: string, region: string, year: number, serials: number[], reason: string): Promise<void> {
  for (let i = 0; i < serials.length; i += TRANSACTION_LIMIT) {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: serials.slice(i, i + TRANSACTION_LIMIT).map((serial) => ({
          Put: {
            TableName: table(),
            Item: { pk: `SERIAL#${type}#${region}#${year}`, sk: `UNUSED#${String(serial).padStart(7, '0')}`, reason, at: new Date().toISOString() },
          },
        })),
      }),
    );
  }
}

export type StateTransition = 'revoke' | 'reinstate' | 'suspend' | 'restore';

const TRANSITIONS: Record<StateTransition, { attribute: 'revocation' | 'suspension'; set: boolean; action: AuditEntry['action'] }> = {
  revoke: { attribute: 'revocation', set: true, action: 'REVOKED' },
  reinstate: { attribute: 'revocation', set: false, action: 'REINSTATED' },
  suspend: { attribute: 'suspension', set: true, action: 'SUSPENDED' },
  restore: { attribute: 'suspension', set: false, action: 'RESTORED' },
};

export type TransitionResult = { outcome: 'done'; certificate: Certificate } | { outcome: 'not-found' } | { outcome: 'conflict'; certificate: Certificate };

/**
 * Revokes, reinstates, suspends or restores in one conditional UpdateItem that also appends
 * who, when and why to the history: the state and its audit entry cannot diverge.
 */
export async function applyTransition(number: string, transition: StateTransition, change: StateChange): Promise<TransitionResult> {
  const { attribute, set, action } = TRANSITIONS[transition];
  const entry: AuditEntry = { action, at: new Date().toISOString(), by: change.by, reason: change.reason };
  try {
    const res = await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: certificateKey(number),
        UpdateExpression: set ? 'SET #state = :change, #history = list_append(#history, :entry)' : 'REMOVE #state SET #history = list_append(#history, :entry)',
        ConditionExpression: set ? 'attribute_exists(pk) AND attribute_not_exists(#state)' : 'attribute_exists(pk) AND attribute_exists(#state)',
        ExpressionAttributeNames: { '#state': attribute, '#history': 'history' },
        ExpressionAttributeValues: { ...(set ? { ':change': change } : {}), ':entry': [entry] },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { outcome: 'done', certificate: fromItem(res.Attributes!) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      // The document client does not unmarshall the item returned with a failed condition.
      return error.Item ? { outcome: 'conflict', certificate: fromItem(unmarshall(error.Item)) } : { outcome: 'not-found' };
    }
    throw error;
  }
}

export async function listHolderCertificates(personId: string): Promise<Certificate[]> {
  const certs: Certificate[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await documentClient().send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'byHolder',
        KeyConditionExpression: 'holderPk = :pk',
        ExpressionAttributeValues: { ':pk': holderPk(personId) },
        ScanIndexForward: false,
        ExclusiveStartKey: start,
      }),
    );
    certs.push(...(res.Items ?? []).map(fromItem));
    start = res.LastEvaluatedKey;
  } while (start);
  return certs;
}

export function isTransactionConflict(error: unknown): boolean {
  return error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
}
