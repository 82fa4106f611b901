import { createHash } from 'node:crypto';

export type Category = 'PUBLIC' | 'PROFESSIONAL';

/** An hour record as stored: the person only as keyed hash and masked name. */
export interface HourRecord {
  institutionId: string;
  recordId: string;
  personId: string;
  personNameMasked: string;
  /** The full name and masked ID number, for the continuing-education certificate (DESIGN §8). */
  personName: string;
  /**
   * Keyed hash of the full normalised name (shared/pii/keyed-hash `personNameHashFor`), which an
   * HR lookup compares; absent on records stored before it existed (see core/person-lookups).
   */
  personNameHash?: string;
  idNumberMasked: string;
  course: { code: string; title: string; category: Category };
  hours: number;
  completedOn: string;
  year: number;
  replaces?: string;
  status: 'ACTIVE' | 'VOIDED';
  voided?: { at: string; by: string; reason: string };
  /** Identifies the content, so a re-post can be told apart as duplicate or conflict. */
  contentHash: string;
  postedBy: string;
  postedAt: string;
  /** The CSV roster upload that brought the record in, if any. */
  upload?: string;
}

export type RecordContent = Pick<HourRecord, 'personId' | 'course' | 'hours' | 'completedOn' | 'replaces'>;

export function contentHash(content: RecordContent): string {
  const canonical = JSON.stringify([content.personId, content.course.code, content.course.title, content.course.category, content.hours, content.completedOn, content.replaces ?? null]);
  return createHash('sha256').update(canonical).digest('base64url');
}

export type PostOutcome = 'created' | 'duplicate' | 'conflict';

/**
 * The most records one person may have in one calendar year, across all institutions (voided
 * ones included: they stay stored and listed). The smallest record is half an hour, so 180 such
 * records already meet the national 90 hours; 500 leaves room for corrections and micro-courses,
 * while a person-year stays one Query page (under 1 MB) for the requirement tracker and a
 * lookup, instead of a roster of 20,000 rows for one ID number growing it without bound.
 */
export const MAX_RECORDS_PER_PERSON_YEAR = 500;

type Posted = Pick<HourRecord, 'contentHash' | 'upload'>;

/**
 * Same recordId: same content is a harmless re-post, other content a conflict (nothing is
 * overwritten). A roster upload that is ingested again (S3 may deliver its notification twice,
 * and a crashed ingest is retried) still reports the records it brought in as its own.
 */
export function repostOutcome(existing: Posted, incoming: Posted): PostOutcome {
  if (existing.contentHash !== incoming.contentHash) return 'conflict';
  return incoming.upload !== undefined && existing.upload === incoming.upload ? 'created' : 'duplicate';
}

/** A stored record in the shape the compliance core credits (category at the top level). */
export type Creditable = HourRecord & { category: Category };
export const creditable = (r: HourRecord): Creditable => ({ ...r, category: r.course.category });
