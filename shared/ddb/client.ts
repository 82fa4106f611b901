import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../http/observability';

/*
 * One client per container. The endpoint comes from the SDK's standard variables
 * (AWS_ENDPOINT_URL_DYNAMODB points it at DynamoDB Local), so handler code is identical
 * in AWS and in the local runtime.
 */
let raw: DynamoDBClient | undefined;
let doc: DynamoDBDocumentClient | undefined;

export function dynamoClient(): DynamoDBClient {
  raw ??= traced(new DynamoDBClient({ maxAttempts: Number(process.env.DDB_MAX_ATTEMPTS ?? 3) }));
  return raw;
}

export function documentClient(): DynamoDBDocumentClient {
  doc ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return doc;
}

/** Test and benchmark hook: use a client with instrumentation or injected faults. */
export function setDynamoClient(client: DynamoDBClient | undefined): void {
  raw = client;
  doc = undefined;
}
