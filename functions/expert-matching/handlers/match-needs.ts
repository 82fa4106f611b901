import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { loggerFor, observed } from '../../../shared/http/observability';
import { matchSubmittedNeed } from '../app/matching';

const processor = new BatchProcessor(EventType.DynamoDBStreams);
const logger = loggerFor('expert-matching');

/**
 * Matches each newly stored need (stream INSERTs of needs, filtered by the mapping). A failing
 * need is reported alone, so the rest of the batch proceeds; after the retries it lands in the
 * failure queue, whose depth is alarmed — a need never stays SUBMITTED silently.
 */
async function matchOne(record: DynamoDBRecord): Promise<void> {
  const needId = String(record.dynamodb?.NewImage?.id?.S);
  const outcome = await matchSubmittedNeed(needId);
  logger.info('Need matched', { needId, outcome });
}

export const handler = observed('expert-matching', (event: DynamoDBStreamEvent, context: Context) => processPartialResponse(event, matchOne, processor, { context }));
