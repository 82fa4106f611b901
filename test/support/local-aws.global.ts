import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { startS3Local } from '../../infra/local/s3-local';

/** Starts one in-memory DynamoDB Local and one local S3 for all integration tests. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  const s3 = await startS3Local();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  return async () => {
    await s3.stop();
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
  }
}
