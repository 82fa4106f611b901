import type { BucketDefinition, SecretDefinition, TableDefinition } from '../../shared/service/definitions';

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

/** The HMAC key of resident ID numbers, shared by every service that handles them (shared/pii). */
export const piiHashKeySecret: SecretDefinition = {
  id: 'pii-hash-key',
  envName: 'PII_HASH_KEY',
  description: 'HMAC key for resident ID numbers: never rotate without re-hashing stored identities.',
  generate: 'random',
};
