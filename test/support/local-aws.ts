import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { ServiceDefinition } from '../../shared/service/definitions';
import { localClients, provision, type ProvisionedNames } from '../../infra/local/provision';

/**
 * Points this test file's process at the shared DynamoDB Local and local S3, and creates the
 * given services' tables and buckets under a stage name of its own, so files never collide.
 */
export async function useLocalAws(services: ServiceDefinition[]): Promise<ProvisionedNames & { clients: ReturnType<typeof localClients> }> {
  const dynamoEndpoint = inject('dynamoEndpoint');
  const s3Endpoint = inject('s3Endpoint');
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    S3_FORCE_PATH_STYLE: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    POWERTOOLS_METRICS_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'SILENT',
    PII_HASH_KEY: process.env.PII_HASH_KEY ?? 'integration-test-pii-hash-key-0123456789abcdef',
  });
  const clients = localClients(dynamoEndpoint, s3Endpoint);
  const stage = `it${randomBytes(4).toString('hex')}`;
  const names = await provision(services, stage, clients.ddb, clients.s3);
  Object.assign(process.env, names.env);
  return { ...names, clients };
}
