import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import { probeDynamoDb, probeS3 } from '../../functions/platform/store/probes';
import { useLocalAws } from '../support/local-aws';

describe('provisioning from the shared definitions', () => {
  let aws: Awaited<ReturnType<typeof useLocalAws>>;
  beforeAll(async () => {
    aws = await useLocalAws(SERVICES);
  });

  it('creates every table with its keys, indexes, stream and TTL, and every bucket', async () => {
    for (const table of SERVICES.flatMap((s) => s.tables)) {
      const { Table } = await aws.clients.ddb.send(new DescribeTableCommand({ TableName: aws.tables[table.id] }));
      expect(Table?.KeySchema?.[0]).toEqual({ AttributeName: table.partitionKey.name, KeyType: 'HASH' });
      expect((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual((table.indexes ?? []).map((i) => i.name).sort());
      expect(Boolean(Table?.StreamSpecification?.StreamEnabled)).toBe(Boolean(table.stream));
      if (table.timeToLiveAttribute) {
        const ttl = await aws.clients.ddb.send(new DescribeTimeToLiveCommand({ TableName: aws.tables[table.id] }));
        expect(ttl.TimeToLiveDescription?.AttributeName).toBe(table.timeToLiveAttribute);
      }
    }
    for (const bucket of SERVICES.flatMap((s) => s.buckets)) {
      await expect(aws.clients.s3.send(new HeadBucketCommand({ Bucket: aws.buckets[bucket.id] }))).resolves.toBeDefined();
    }
  });

  it('health probes reach DynamoDB and S3, and report a missing table as down', async () => {
    expect(await probeDynamoDb()).toMatchObject({ ok: true });
    expect(await probeS3()).toMatchObject({ ok: true });
    const real = process.env.IDEMPOTENCY_TABLE;
    process.env.IDEMPOTENCY_TABLE = 'no-such-table';
    try {
      expect(await probeDynamoDb()).toMatchObject({ ok: false, error: 'ResourceNotFoundException' });
    } finally {
      process.env.IDEMPOTENCY_TABLE = real;
    }
  });
});
