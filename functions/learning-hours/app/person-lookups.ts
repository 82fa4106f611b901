import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../shared/auth/principal';
import { personNameHashFor } from '../../../shared/pii/keyed-hash';
import { lookupView, personLookup, recordNamesPerson } from '../core/person-lookups';
import { listPersonLookups, putPersonLookup } from '../store/person-lookups';
import type { NameCheck } from './compliance';

/**
 * The name check of an HR lookup (core/person-lookups): records are compared by the keyed hash
 * of the full normalised name, and a lookup that matched is logged under the person before it
 * is answered — a lookup that cannot be logged is not answered.
 */
export function lookupNameCheck(personId: string, name: string, piiKey: string, looker: Pick<Principal, 'label' | 'region'>): NameCheck {
  const nameHash = personNameHashFor(name, piiKey);
  // Records stored before they carried a name hash: hash their full name once per distinct name.
  const hashed = new Map<string, string>();
  const hashOfName = (n: string) => hashed.get(n) ?? hashed.set(n, personNameHashFor(n, piiKey)).get(n)!;
  return {
    names: (record) => recordNamesPerson(record, nameHash, hashOfName),
    matched: (years) => putPersonLookup(personId, personLookup(looker, years, new Date().toISOString(), randomUUID())),
  };
}

/** Who looked the person up, newest first (at most LOOKUPS_SHOWN), as the person sees it. */
export async function lookupsOf(personId: string) {
  return (await listPersonLookups(personId)).map(lookupView);
}
