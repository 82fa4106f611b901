import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../../shared/ddb/client';
import { tableName } from '../../../shared/ddb/table-name';
import { MAX_RECORDS_PER_PERSON_YEAR, repostOutcome, type HourRecord, type PostOutcome } from '../core/records';
import { learningHoursTable } from '../table';

const table = () => tableName(learningHoursTable);
const key = (institutionId: string, recordId: string) => ({ pk: `INST#${institutionId}`, sk: `REC#${recordId}` });
export const personYearKey = (personId: string, year: number) => `PERSON#${personId}#${year}`;

/** The stored item of a record: keys and index attributes added. */
export function hourRecordItem(record: HourRecord) {
  return {
    ...key(record.institutionId, record.recordId),
    entity: 'HourRecord',
    ...record,
    personYear: personYearKey(record.personId, record.year),
    personYearSk: `${record.completedOn}#${record.institutionId}#${record.recordId}`,
    institutionYear: `INST#${record.institutionId}#${record.year}`,
  };
}

function fromItem(item: Record<string, unknown>): HourRecord {
  const { pk: _pk, sk: _sk, entity: _e, personYear: _py, personYearSk: _pys, institutionYear: _iy, ...record } = item;
  return record as unknown as HourRecord;
}

/** Per person-year bookkeeping: how many records are stored, so the cap holds under concurrent posting. */
const recordCountKey = (personId: string, year: number) => ({ pk: `PERSON#${personId}`, sk: `RECORDS#${year}` });

/** Transactions on one person-year's counter can collide (TransactionConflict): tried again this often. */
const CONFLICT_ATTEMPTS = 6;

/**
 * Stores a record unless its (institution, recordId) exists, and counts it against its
 * person-year's cap, in one transaction: a conditional put of the record and a conditional
 * increment of the person-year's counter. So a re-posted batch — even two copies posted at
 * once — stores each record exactly once, and concurrent batches for one ID number together
 * store at most MAX_RECORDS_PER_PERSON_YEAR records for the year ('person-year-full' past it).
 */
export async function putRecord(record: HourRecord): Promise<PostOutcome | 'person-year-full'> {
  // A command per attempt: each gets a client request token of its own.
  const command = () =>
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table(), Item: hourRecordItem(record), ConditionExpression: 'attribute_not_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        {
          Update: {
            TableName: table(),
            Key: recordCountKey(record.personId, record.year),
            UpdateExpression: 'SET entity = :entity, personId = :person, #year = :year ADD #records :one',
            ConditionExpression: 'attribute_not_exists(#records) OR #records < :cap',
            ExpressionAttributeNames: { '#records': 'records', '#year': 'year' },
            ExpressionAttributeValues: { ':entity': 'PersonYearRecords', ':person': record.personId, ':year': record.year, ':one': 1, ':cap': MAX_RECORDS_PER_PERSON_YEAR },
          },
        },
      ],
    });
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(command());
      return 'created';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [put, count] = error.CancellationReasons ?? [];
      // The document client leaves this item marshalled.
      if (put?.Code === 'ConditionalCheckFailed' && put.Item) return repostOutcome(unmarshall(put.Item) as HourRecord, record);
      if (count?.Code === 'ConditionalCheckFailed') return 'person-year-full';
      if (attempt >= CONFLICT_ATTEMPTS || !error.CancellationReasons?.some((r) => r.Code === 'TransactionConflict')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}

export async function getRecord(institutionId: string, recordId: string): Promise<HourRecord | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: table(), Key: key(institutionId, recordId), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

export type VoidResult = { outcome: 'done'; record: HourRecord } | { outcome: 'not-found' } | { outcome: 'already-void' };

export async function voidRecord(institutionId: string, recordId: string, voided: NonNullable<HourRecord['voided']>): Promise<VoidResult> {
  try {
    const res = await documentClient().send(
      new UpdateCommand({
        TableName: table(),
        Key: key(institutionId, recordId),
        UpdateExpression: 'SET #status = :voided, voided = :details',
        ConditionExpression: 'attribute_exists(pk) AND #status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':voided': 'VOIDED', ':active': 'ACTIVE', ':details': voided },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { outcome: 'done', record: fromItem(res.Attributes!) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return error.Item ? { outcome: 'already-void' } : { outcome: 'not-found' };
    throw error;
  }
}

/** All records of one person in one year: one Query (paged only past 1 MB). */
export async function recordsOfPersonYear(personId: string, year: number): Promise<HourRecord[]> {
  const records: HourRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await documentClient().send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'byPersonYear',
        KeyConditionExpression: 'personYear = :py',
        ExpressionAttributeValues: { ':py': personYearKey(personId, year) },
        ExclusiveStartKey: start,
      }),
    );
    records.push(...(res.Items ?? []).map(fromItem));
    start = res.LastEvaluatedKey;
  } while (start);
  return records;
}
