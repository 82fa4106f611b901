import type { BucketDefinition, TableDefinition } from '../../shared/service/definitions';

/**
 * One table for the service:
 *  - `INST#<id>` / `#INST`          an institution
 *  - `INST#<id>` / `REC#<recordId>` an hour record, keyed by its poster so a recordId is unique
 *                                   per institution and a re-post is a conditional-put question
 *  - `INST#<id>` / `UPLOAD#<id>`    a CSV roster upload: its status, progress and counts
 *  - `PERSON#<personId>` / `LOOKUP#<at>#<id>`  an HR lookup of the person (who, when, which
 *                                   years), shown to them in `GET /me/learning-hours` (TTL: 3 years)
 *  - `PERSON#<personId>` / `RECORDS#<year>`  how many records the person-year holds, raised in
 *                                   the transaction that stores each (the cap: store/records.ts)
 *  - `PERSON#<personId>` / `SERVICE-CREDIT#<year>`  hours of active expert-service credits, and
 *    `INST#PLATFORM-EXPERT-SERVICE` / `WITHDRAWN#<recordId>`  a withdrawn service's tombstone
 *                                   (store/service-credits.ts)
 * `byPersonYear` answers compliance with one query per person-year; `byInstitutionYear` feeds
 * the institution's annual report.
 */
export const learningHoursTable: TableDefinition = {
  id: 'learning-hours',
  envVar: 'LEARNING_HOURS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    { name: 'byPersonYear', partitionKey: { name: 'personYear', type: 'S' }, sortKey: { name: 'personYearSk', type: 'S' }, projection: 'ALL' },
    { name: 'byInstitutionYear', partitionKey: { name: 'institutionYear', type: 'S' }, sortKey: { name: 'sk', type: 'S' }, projection: 'ALL' },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
};

/**
 * CSV rosters: institutions PUT them to `uploads/<institution>/<uploadId>.csv` through presigned
 * URLs; the ingest function writes `results/<institution>/<uploadId>.csv` (no ID numbers) and
 * deletes the roster, which carries ID numbers in plaintext. Expiry is the backstop for rosters
 * never ingested, and keeps results a week for download.
 */
export const rosterUploadsBucket: BucketDefinition = {
  id: 'roster-uploads',
  envVar: 'ROSTER_UPLOADS_BUCKET',
  browserUploads: true,
  expireAfterDays: 7,
};
