import type { BucketDefinition, TableDefinition } from '../../shared/service/definitions';

/** Powertools idempotency records (its default schema: `id` key, `expiration` TTL). */
export const idempotencyTable: TableDefinition = {
  id: 'idempotency',
  envVar: 'IDEMPOTENCY_TABLE',
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiration',
};

/** The public web site (verification and case pages) when deployed to S3 + CloudFront. */
export const siteBucket: BucketDefinition = {
  id: 'site',
  envVar: 'SITE_BUCKET',
};
