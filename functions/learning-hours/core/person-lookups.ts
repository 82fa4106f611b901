import type { HourRecord } from './records';

/*
 * HR lookups of a person's hours (DESIGN §4, issue 13 item 2). An issuer or admin names the
 * person by ID number AND full name; the name is compared as a keyed hash of the whole
 * normalised name (shared/pii), never by its masked form, which 张三 and 张四 share.
 *
 * A lookup shows records only when at least one of the person's records in the period asked
 * names them so; otherwise it answers exactly as for an ID number with no records. Records
 * stored before hour records carried `personNameHash` are matched by the keyed hash of the full
 * name they do carry (`personName`, kept for the JX certificate): the same comparison, so no
 * earlier record becomes unfindable and none becomes easier to guess. A record with neither
 * matches nothing.
 *
 * Every lookup that matched is logged under the person, who sees who looked, when and for which
 * years in `GET /me/learning-hours`. A lookup that matched nothing is not logged: it named
 * nobody and showed nothing, and logging it under the ID number would tell the holder of that
 * number about strangers' guesses at other names.
 */

/** Whether a record names the person the lookup named (keyed hashes of full normalised names). */
export function recordNamesPerson(record: Pick<HourRecord, 'personNameHash' | 'personName'>, nameHash: string, hashOfName: (name: string) => string): boolean {
  if (record.personNameHash !== undefined) return record.personNameHash === nameHash;
  return typeof record.personName === 'string' && record.personName.length > 0 && hashOfName(record.personName) === nameHash;
}

/** One logged lookup, as stored: the looker as a non-personal label (never their token). */
export interface PersonLookup {
  id: string;
  at: string;
  /** The looker's organisation and role, e.g. "issuer:310000" or "admin:<account>". */
  by: string;
  /** The region the looker acts for, when their token names one. */
  region?: string;
  years: number[];
}

/** The newest lookups a professional is shown. */
export const LOOKUPS_SHOWN = 50;
/** How long a lookup stays in the log. */
export const LOOKUP_RETENTION_DAYS = 3 * 365;

export function personLookup(looker: { label: string; region?: string }, years: number[], at: string, id: string): PersonLookup {
  return { id, at, by: looker.label, ...(looker.region ? { region: looker.region } : {}), years: [...years] };
}

/** What the professional sees of a lookup. */
export const lookupView = (l: PersonLookup) => ({ at: l.at, by: l.by, ...(l.region ? { region: l.region } : {}), years: l.years });
