import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { lazyConfig } from '../config/env';

/*
 * Resident ID numbers are never stored or logged in plaintext: services keep an HMAC-SHA256
 * under a platform secret (so the 10^17-sized space cannot be brute-forced from a table dump)
 * plus a masked form. Every service uses the same key, so a person's hash is a stable
 * identifier across services and in the `custom:personId` claim.
 */
const config = lazyConfig({ PII_HASH_KEY: z.string().min(32, 'PII_HASH_KEY must be at least 32 characters') });

export function personIdFor(normalisedIdNumber: string, key: string = config().PII_HASH_KEY): string {
  return createHmac('sha256', key).update(`resident-id:${normalisedIdNumber}`).digest('base64url');
}
