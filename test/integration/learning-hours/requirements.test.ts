import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as track } from '../../../functions/learning-hours/handlers/track-requirements';
import { contentHash, type HourRecord } from '../../../functions/learning-hours/core/records';
import { learningHoursService } from '../../../functions/learning-hours/service';
import { putRecord, voidRecord } from '../../../functions/learning-hours/store/records';
import { platformService } from '../../../functions/platform/service';
import { documentClient } from '../../../shared/ddb/client';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { useLocalAws } from '../../support/local-aws';

const PERSON = 'p-integration-0123456789abcdef';
let aws: Awaited<ReturnType<typeof useLocalAws>>;

function hourRecord(recordId: string, hours: number, category: 'PUBLIC' | 'PROFESSIONAL', day: number): HourRecord {
  const content = { personId: PERSON, course: { code: 'C', title: 't', category }, hours, completedOn: `2026-03-${String(day).padStart(2, '0')}` };
  return { institutionId: 'INST-1', recordId, ...content, personNameMasked: '张*', personName: '张三', idNumberMasked: '1101**********002X', year: 2026, status: 'ACTIVE', contentHash: contentHash(content), postedBy: 'x', postedAt: '' };
}

const streamEvent = (record: HourRecord, sequence: string): DynamoDBStreamEvent => ({
  Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: sequence, NewImage: marshall({ entity: 'HourRecord', ...record }, { removeUndefinedValues: true }) as never } }],
});

const marker = async () =>
  (await documentClient().send(new GetCommand({ TableName: aws.tables['learning-hours'], Key: { pk: `PERSON#${PERSON}`, sk: 'MET#2026' }, ConsistentRead: true }))).Item;

describe('tracking the annual requirement (stream consumer on DynamoDB Local)', () => {
  beforeAll(async () => {
    aws = await useLocalAws([platformService, learningHoursService]);
  });

  it('marks the year once, when the requirement is first met, whatever the redelivery', async () => {
    const records = [...Array.from({ length: 8 }, (_, i) => hourRecord(`P${i}`, 8, 'PROFESSIONAL', i + 1)), ...Array.from({ length: 3 }, (_, i) => hourRecord(`U${i}`, 10, 'PUBLIC', i + 10))];
    for (const record of records.slice(0, -1)) {
      await putRecord(record);
      await track(streamEvent(record, record.recordId), lambdaContext('track', 30) as Context);
    }
    expect(await marker()).toBeUndefined(); // 64 professional + 20 public = 84
    const last = records.at(-1)!;
    await putRecord(last);
    await track(streamEvent(last, 'last'), lambdaContext('track', 30) as Context);
    const met = await marker();
    expect(met).toMatchObject({ state: 'MET', totalHours: 94, professionalHours: 64, publicHours: 30 });
    await track(streamEvent(last, 'last'), lambdaContext('track', 30) as Context);
    expect((await marker())!.metAt).toBe(met!.metAt);
  });

  it('lapses when voids pull the year under, and is MET again when hours recover', async () => {
    const voided = await voidRecord('INST-1', 'P0', { at: 'now', by: 'institution:INST-1', reason: '错误' });
    if (voided.outcome !== 'done') throw new Error('void failed');
    await track(streamEvent(voided.record, 'void'), lambdaContext('track', 30) as Context);
    expect(await marker()).toMatchObject({ state: 'LAPSED', totalHours: 86 });
    const extra = hourRecord('P9', 8, 'PROFESSIONAL', 20);
    await putRecord(extra);
    await track(streamEvent(extra, 'extra'), lambdaContext('track', 30) as Context);
    expect(await marker()).toMatchObject({ state: 'MET', totalHours: 94 });
  });
});
