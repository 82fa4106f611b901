import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { yearCompliance } from '../core/compliance';
import { POLICIES } from '../core/policies';
import { policyFor } from '../core/policy';
import { creditable, type HourRecord } from '../core/records';
import { markRequirementMet, setRequirementState } from '../store/requirement-markers';
import { recordsOfPersonYear } from '../store/records';
import { observed } from '../../../shared/http/observability';

const processor = new BatchProcessor(EventType.DynamoDBStreams);
const NATIONAL = policyFor(undefined, POLICIES);

/**
 * After each new or voided hour record, re-judges that person-year against the national policy
 * and keeps a MET marker in step: created the first time the year is met (its INSERT becomes
 * AnnualRequirementMet), set LAPSED when voids pull it under, MET again when it recovers.
 * The index may lag the triggering write, so the record from the stream image is merged in.
 */
async function track(streamRecord: DynamoDBRecord): Promise<void> {
  const changed = unmarshall(streamRecord.dynamodb!.NewImage as Record<string, AttributeValue>) as HourRecord;
  const stored = await recordsOfPersonYear(changed.personId, changed.year);
  const records = [...stored.filter((r) => !(r.institutionId === changed.institutionId && r.recordId === changed.recordId)), changed];
  const result = yearCompliance(changed.year, records.map(creditable), NATIONAL);
  const totals = { policy: NATIONAL.id, totalHours: result.totalHours, professionalHours: result.professionalHours, publicHours: result.publicHours };
  const holder = { holderName: changed.personName, idNumberMasked: changed.idNumberMasked };
  if (result.compliant) {
    if (!(await markRequirementMet(changed.personId, changed.year, totals, holder))) await setRequirementState(changed.personId, changed.year, 'MET', totals, holder);
  } else {
    await setRequirementState(changed.personId, changed.year, 'LAPSED', totals, holder);
  }
}

export const handler = observed('learning-hours', (event: DynamoDBStreamEvent, context: Context) => processPartialResponse(event, track, processor, { context }));
