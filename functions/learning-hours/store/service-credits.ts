import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import type { HourRecord } from '../core/records';
import { SERVICE_CREDIT_INSTITUTION } from '../core/service-credit';
import { learningHoursTable } from '../table';
import { getRecord, hourRecordItem } from './records';

/*
 * Expert-service credit (DESIGN §8 flow 2) under races. Beside each credit record
 * (`INST#PLATFORM-EXPERT-SERVICE` / `REC#SVC-…`, an ordinary hour record) the table keeps:
 *  - `PERSON#<personId>` / `SERVICE-CREDIT#<year>`: the hours of the year's active service
 *    credits. A credit is written in one transaction with the increment of this total, on
 *    condition that the total plus the hours stays within the cap: two ServiceCompleted events
 *    cannot both fit into what only one of them fits into. A void decrements it in the same way.
 *  - `INST#PLATFORM-EXPERT-SERVICE` / `WITHDRAWN#<recordId>`: a withdrawal, kept as a tombstone.
 *    A credit's transaction checks that none exists, so a ServiceCompleted arriving after (or
 *    racing) its ServiceWithdrawn can never leave an active credit.
 */
const table = () => tableName(learningHoursTable);
const totalKey = (personId: string, year: number) => ({ pk: `PERSON#${personId}`, sk: `SERVICE-CREDIT#${year}` });
const withdrawalKey = (recordId: string) => ({ pk: `INST#${SERVICE_CREDIT_INSTITUTION.id}`, sk: `WITHDRAWN#${recordId}` });
const recordKey = (recordId: string) => ({ pk: `INST#${SERVICE_CREDIT_INSTITUTION.id}`, sk: `REC#${recordId}` });

/** Transactions on one expert-year's total can collide (TransactionConflict): tried again this often. */
const CONFLICT_ATTEMPTS = 6;
const backOff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
const isConflict = (error: TransactionCanceledException) => (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/** The hours of a person-year's active service credits; undefined before the first credit of the year. */
export async function creditedServiceHours(personId: string, year: number): Promise<number | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: totalKey(personId, year), ConsistentRead: true }));
  return Item ? Number(Item.creditedHours) : undefined;
}

/**
 * Starts a person-year's total, once: from the credits stored before totals were kept (none
 * for a year credited only since). Nothing credits a year without its total, so the sum cannot
 * change while it is taken.
 */
export async function startServiceCreditTotal(personId: string, year: number, creditedHours: number): Promise<void> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: table(),
        Item: { ...totalKey(personId, year), entity: 'ServiceCreditTotal', personId, year, creditedHours },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export type CreditWrite = { outcome: 'credited' } | { outcome: 'exists' } | { outcome: 'over-cap' } | { outcome: 'withdrawn'; voided: NonNullable<HourRecord['voided']> };

/**
 * Stores an active credit record and adds its hours to the year's total, in one transaction, on
 * three conditions: no withdrawal of the service is recorded, the record does not exist, and the
 * total plus the hours stays within `capHours`. Which condition failed is the answer.
 */
export async function writeServiceCredit(record: HourRecord, capHours: number): Promise<CreditWrite> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: table(), Key: withdrawalKey(record.recordId), ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
            { Put: { TableName: table(), Item: hourRecordItem(record), ConditionExpression: 'attribute_not_exists(pk)' } },
            {
              Update: {
                TableName: table(),
                Key: totalKey(record.personId, record.year),
                UpdateExpression: 'SET creditedHours = creditedHours + :hours',
                ConditionExpression: 'attribute_exists(creditedHours) AND creditedHours <= :room',
                ExpressionAttributeValues: { ':hours': record.hours, ':room': capHours - record.hours },
              },
            },
          ],
        }),
      );
      return { outcome: 'credited' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [withdrawal, put, total] = error.CancellationReasons ?? [];
      if (withdrawal?.Code === 'ConditionalCheckFailed' && withdrawal.Item) {
        // The document client leaves this item marshalled.
        return { outcome: 'withdrawn', voided: (unmarshall(withdrawal.Item) as { voided: NonNullable<HourRecord['voided']> }).voided };
      }
      if (put?.Code === 'ConditionalCheckFailed') return { outcome: 'exists' };
      if (total?.Code === 'ConditionalCheckFailed') return { outcome: 'over-cap' };
      if (attempt >= CONFLICT_ATTEMPTS || !isConflict(error)) throw error;
      await backOff(attempt);
    }
  }
}

/** Records a service's withdrawal; a repeated one keeps the first (its time and reason). */
export async function recordWithdrawal(recordId: string, personId: string, voided: NonNullable<HourRecord['voided']>): Promise<void> {
  try {
    await documentClient().send(
      new PutCommand({
        TableName: table(),
        Item: { ...withdrawalKey(recordId), entity: 'ServiceWithdrawal', recordId, personId, voided },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export type CreditVoid = 'voided' | 'already-void' | 'not-found';

/**
 * Voids an active credit and takes its hours off the year's total, in one transaction on
 * condition that the record is still active with the hours read (so the total moves exactly once).
 */
export async function voidServiceCredit(recordId: string, voided: NonNullable<HourRecord['voided']>): Promise<CreditVoid> {
  for (let attempt = 1; ; attempt++) {
    const record = await getRecord(SERVICE_CREDIT_INSTITUTION.id, recordId);
    if (!record) return 'not-found';
    if (record.status !== 'ACTIVE') return 'already-void';
    try {
      await documentClient().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table(),
                Key: recordKey(recordId),
                UpdateExpression: 'SET #status = :voided, voided = :details',
                ConditionExpression: '#status = :active AND hours = :hours',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':voided': 'VOIDED', ':active': 'ACTIVE', ':details': voided, ':hours': record.hours },
              },
            },
            {
              Update: {
                TableName: table(),
                Key: totalKey(record.personId, record.year),
                UpdateExpression: 'SET creditedHours = creditedHours - :hours',
                ConditionExpression: 'attribute_exists(creditedHours)',
                ExpressionAttributeValues: { ':hours': record.hours },
              },
            },
          ],
        }),
      );
      return 'voided';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [change, total] = error.CancellationReasons ?? [];
      if (total?.Code === 'ConditionalCheckFailed') throw new Error(`Service credit ${recordId} is active but its year has no total`, { cause: error });
      if (attempt >= CONFLICT_ATTEMPTS) throw error;
      // The record changed meanwhile (voided by a redelivery): read it again.
      if (change?.Code === 'ConditionalCheckFailed') continue;
      if (!isConflict(error)) throw error;
      await backOff(attempt);
    }
  }
}

/** Stores a credit record born VOIDED (its withdrawal came first), unless the record exists. */
export async function putVoidedCredit(record: HourRecord): Promise<void> {
  try {
    await documentClient().send(new PutCommand({ TableName: table(), Item: hourRecordItem(record), ConditionExpression: 'attribute_not_exists(pk)' }));
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
