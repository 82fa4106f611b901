import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import type { BucketDefinition, IndexDefinition, ServiceDefinition, TableDefinition } from '../../shared/service/definitions';
import { physicalBucketName, physicalTableName } from '../../shared/service/names';

function projection(index: IndexDefinition): Projection {
  if (index.projection === 'ALL' || index.projection === 'KEYS_ONLY') return { ProjectionType: index.projection };
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projection.include };
}

/** The CreateTable request for a definition; the CDK table construct maps the same fields. */
export function createTableInput(table: TableDefinition, name: string): CreateTableCommandInput {
  const attributes = new Map<string, string>();
  const keys = [table.partitionKey, table.sortKey, ...(table.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey])];
  for (const key of keys) if (key) attributes.set(key.name, key.type);
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType: AttributeType as 'S' })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    GlobalSecondaryIndexes: table.indexes?.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
        ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
      ],
      Projection: projection(index),
    })),
    StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: table.stream } : undefined,
  };
}

export interface ProvisionedNames {
  tables: Record<string, string>;
  buckets: Record<string, string>;
  /** Environment variables that point handlers at these tables and buckets. */
  env: Record<string, string>;
}

export function namesFor(services: ServiceDefinition[], stage: string): ProvisionedNames {
  const names: ProvisionedNames = { tables: {}, buckets: {}, env: {} };
  for (const service of services) {
    for (const table of service.tables) {
      names.tables[table.id] = physicalTableName(stage, table);
      names.env[table.envVar] = names.tables[table.id]!;
    }
    for (const bucket of service.buckets) {
      names.buckets[bucket.id] = physicalBucketName(stage, bucket);
      names.env[bucket.envVar] = names.buckets[bucket.id]!;
    }
  }
  return names;
}

async function ensureTable(ddb: DynamoDBClient, table: TableDefinition, name: string): Promise<void> {
  try {
    await ddb.send(new CreateTableCommand(createTableInput(table, name)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    return; // kept from an earlier run
  }
  if (table.timeToLiveAttribute) {
    await ddb.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: table.timeToLiveAttribute } }));
  }
  await ddb.send(new DescribeTableCommand({ TableName: name }));
}

async function ensureBucket(s3: S3Client, bucket: BucketDefinition, name: string): Promise<void> {
  try {
    await s3.send(new CreateBucketCommand({ Bucket: name }));
  } catch (error) {
    const code = (error as Error).name;
    if (code !== 'BucketAlreadyOwnedByYou' && code !== 'BucketAlreadyExists') throw error;
  }
  if (bucket.browserUploads) {
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: name,
        CORSConfiguration: { CORSRules: [{ AllowedMethods: ['PUT', 'GET'], AllowedOrigins: ['*'], AllowedHeaders: ['*'], MaxAgeSeconds: 3000 }] },
      }),
    );
  }
}

/** Creates every table (with GSIs, streams, TTL) and bucket of the given services; idempotent. */
export async function provision(services: ServiceDefinition[], stage: string, ddb: DynamoDBClient, s3: S3Client): Promise<ProvisionedNames> {
  const names = namesFor(services, stage);
  for (const service of services) {
    await Promise.all(service.tables.map((t) => ensureTable(ddb, t, names.tables[t.id]!)));
    await Promise.all(service.buckets.map((b) => ensureBucket(s3, b, names.buckets[b.id]!)));
  }
  return names;
}

export function localClients(dynamoEndpoint: string, s3Endpoint: string) {
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    ddb: new DynamoDBClient({ endpoint: dynamoEndpoint, region: 'local', credentials }),
    s3: new S3Client({ endpoint: s3Endpoint, region: 'us-east-1', credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' }),
  };
}
