import { createHmac } from 'node:crypto';
import { secretValue } from '../config/secrets';
import { normaliseName } from './names';

/*
 * Resident ID numbers are never stored or logged in plaintext: services keep an HMAC-SHA256
 * under a platform secret (so the 10^17-sized space cannot be brute-forced from a table dump)
 * plus a masked form. Every service uses the same key, so a person's hash is a stable
 * identifier across services and in the `custom:personId` claim.
 */
export function personIdFor(normalisedIdNumber: string, key: string): string {
  if (key.length < 32) throw new Error('The PII hash key must be at least 32 characters');
  return createHmac('sha256', key).update(`resident-id:${normalisedIdNumber}`).digest('base64url');
}

/** The platform's PII hash key (PII_HASH_KEY locally, PII_HASH_KEY_SECRET_ARN in AWS). */
export function piiHashKey(): Promise<string> {
  return secretValue('PII_HASH_KEY');
}

/**
 * A keyed hash of a person's full name, normalised as certificates compare names (NFKC,
 * whitespace, middle dots, case). Stored on hour records so an HR lookup compares the whole
 * name, not its masked form (张* matches every two-character 张), without the table keeping a
 * comparable plaintext. Its own domain prefix: a name hash can never equal an ID-number hash.
 */
export function personNameHashFor(name: string, key: string): string {
  if (key.length < 32) throw new Error('The PII hash key must be at least 32 characters');
  return createHmac('sha256', key).update(`person-name:${normaliseName(name)}`).digest('base64url');
}
