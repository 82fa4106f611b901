import { createHmac } from 'node:crypto';
import type { IdentityDocument } from '../ids/identity-document';
import { personIdFor } from './keyed-hash';

/**
 * The keyed hash that names a person across services and in `custom:personId` (DESIGN §2), for
 * any identity document. A resident ID number hashes exactly as it always has (personIdFor:
 * stored records and professionals' tokens depend on it); every other document hashes under its
 * own domain with its type — and a passport with its country — so numbers of different documents
 * never name the same person by accident.
 */
export function personIdForDocument(doc: IdentityDocument, key: string): string {
  if (doc.idType === 'RESIDENT') return personIdFor(doc.idNumber, key);
  if (key.length < 32) throw new Error('The PII hash key must be at least 32 characters');
  if (doc.idType === 'PASSPORT' && !doc.idCountry) throw new Error('A passport is hashed with its country');
  const subject = doc.idType === 'PASSPORT' ? `${doc.idCountry}:${doc.idNumber}` : doc.idNumber;
  return createHmac('sha256', key).update(`id-document:${doc.idType}:${subject}`).digest('base64url');
}
