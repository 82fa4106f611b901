import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { HourRecord } from '../core/records';
import { judgePersonYear, rejudgePerson } from '../app/requirements';
import { observed } from '../../../shared/http/observability';

const processor = new BatchProcessor(EventType.DynamoDBStreams);

/**
 * Keeps each person-year's MET marker in step with its records (app/requirements.ts): after new
 * or voided hour records, and after a person joins or leaves an employer's staff list (the
 * policy judging them changes with it). A batch judges each person-year once, however many of
 * its records the batch carries (a roster of one ID number brings up to 50 per batch).
 */
const recordKey = (r: Pick<HourRecord, 'institutionId' | 'recordId'>) => `${r.institutionId}#${r.recordId}`;
const personYearKey = (r: Pick<HourRecord, 'personId' | 'year'>) => `${r.personId}#${r.year}`;
const image = (streamRecord: DynamoDBRecord) =>
  unmarshall((streamRecord.dynamodb!.NewImage ?? streamRecord.dynamodb!.OldImage) as Record<string, AttributeValue>) as Record<string, unknown>;
const isEmployment = (item: Record<string, unknown>) => item.entity === 'Employment';

/**
 * Each batch's records grouped by person-year, the last image of each record winning (stream
 * order); every stream record of a person-year shares one judgement, so a failure fails them all.
 */
function trackBatch(event: DynamoDBStreamEvent) {
  const byPersonYear = new Map<string, Map<string, HourRecord>>();
  for (const streamRecord of event.Records) {
    const item = image(streamRecord);
    if (isEmployment(item)) continue;
    const changed = item as unknown as HourRecord;
    const group = byPersonYear.get(personYearKey(changed)) ?? new Map<string, HourRecord>();
    group.delete(recordKey(changed));
    group.set(recordKey(changed), changed);
    byPersonYear.set(personYearKey(changed), group);
  }
  const judged = new Map<string, Promise<void>>();
  return async (streamRecord: DynamoDBRecord): Promise<void> => {
    const item = image(streamRecord);
    if (isEmployment(item)) return rejudgePerson(String(item.personId));
    const changed = item as unknown as HourRecord;
    const key = personYearKey(changed);
    let judgement = judged.get(key);
    if (!judgement) judged.set(key, (judgement = judgePersonYear(changed.personId, changed.year, [...byPersonYear.get(key)!.values()])));
    await judgement;
  };
}

export const handler = observed('learning-hours', (event: DynamoDBStreamEvent, context: Context) => processPartialResponse(event, trackBatch(event), processor, { context }));
