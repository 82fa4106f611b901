import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { CreateExpertRequest, SubmitNeedRequest } from '../../functions/expert-matching/schemas';

/*
 * Requests and stream records the expert-matching integration tests share. Each test file keeps
 * its own discipline and region (candidates are read per discipline group), passed in here.
 */

/** An active expert in `fields`, available 2026–2035, offering technical guidance. */
export const expertRequest = (id: string, fields: string[], overrides: Partial<CreateExpertRequest> = {}): CreateExpertRequest => ({
  id,
  name: '张三',
  fields,
  keywords: [],
  region: '320100',
  categories: ['OTHER'],
  titleLevel: 'SENIOR',
  serviceForms: ['TECH_GUIDANCE', 'LECTURE'],
  capacity: 1,
  availableFrom: '2026-01-01',
  availableTo: '2035-12-31',
  status: 'ACTIVE',
  ...overrides,
});

/** A cooperative's need for technical guidance in `fields`. */
export const needRequest = (fields: string[], overrides: Partial<SubmitNeedRequest> = {}): SubmitNeedRequest => ({
  title: '基层技术服务需求',
  description: '合作社希望专家开展现场技术指导。',
  fields,
  region: '620100',
  serviceForm: 'TECH_GUIDANCE',
  expertsWanted: 1,
  window: { from: '2030-03-01', to: '2030-06-30' },
  ...overrides,
});

/**
 * A maker of the stream records of items' INSERTs, as the matchNeeds mapping delivers them:
 * sequence numbers count up, or repeat when given (a redelivery).
 */
export function streamInserts(): (item: Record<string, unknown>, sequenceNumber?: string) => DynamoDBRecord {
  let sequence = 0;
  return (item, sequenceNumber = String(++sequence).padStart(21, '0')) => ({
    eventID: `ev-${sequenceNumber}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    eventSourceARN: 'arn:aws:dynamodb:local:000000000000:table/expert-matching/stream/2026-01-01T00:00:00.000',
    dynamodb: { SequenceNumber: sequenceNumber, Keys: marshall({ pk: item.pk, sk: item.sk }) as never, NewImage: marshall(item, { removeUndefinedValues: true }) as never, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
}
