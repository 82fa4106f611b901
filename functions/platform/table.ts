import type { BucketDefinition, SecretDefinition, TableDefinition } from '../../shared/service/definitions';

/** Powertools idempotency records (its default schema: `id` key, `expiration` TTL). */
export const idempotencyTable: TableDefinition = {
  id: 'idempotency',
  envVar: 'IDEMPOTENCY_TABLE',
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiration',
};

/**
 * Per-client budgets of public lookups (shared/rate-limit): one item per client and budget,
 * `id` = `<budget>#<client>`, holding a count per 5-minute window (`w<window number>`); items
 * expire (`expiresAt`) once both windows they can still count in are over. Clients are keyed by
 * organisation, or by a keyed hash of their address: no address is stored in the clear.
 */
export const rateLimitTable: TableDefinition = {
  id: 'rate-limit',
  envVar: 'RATE_LIMIT_TABLE',
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
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
