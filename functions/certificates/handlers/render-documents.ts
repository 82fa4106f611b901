import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { loggerFor, observed } from '../../../shared/http/observability';
import { signingKeys, verifyUrl } from '../app/keys';
import { renderCertificatePdf } from '../core/document';
import type { Certificate } from '../core/model';
import { signVerificationToken } from '../core/verification-token';
import { putCertificatePdf } from '../store/documents';

const processor = new BatchProcessor(EventType.DynamoDBStreams);
const logger = loggerFor('certificates');

/**
 * Renders the PDF of each newly issued certificate (stream INSERTs, filtered by the mapping).
 * Off the request path, so issuing 500 certificates stays fast. Re-delivery just re-renders
 * the same object: the effect is idempotent.
 */
async function renderOne(record: DynamoDBRecord): Promise<void> {
  const cert = unmarshall(record.dynamodb!.NewImage as Record<string, AttributeValue>) as Certificate;
  const token = await signVerificationToken(cert.number, await signingKeys());
  await putCertificatePdf(cert.number, await renderCertificatePdf(cert, verifyUrl(token)));
  logger.info('Certificate PDF rendered', { number: cert.number });
}

export const handler = observed('certificates', (event: DynamoDBStreamEvent, context: Context) => processPartialResponse(event, renderOne, processor, { context }));
