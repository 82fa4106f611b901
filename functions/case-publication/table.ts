import type { BucketDefinition, TableDefinition } from '../../shared/service/definitions';

/**
 * One table for the service (single-table design), every item of a case in its partition:
 *  - `CASE#<id>` / `#CASE`              the case: status, current draft, live version, history
 *  - `CASE#<id>` / `VERSION#<nnnnnn>`   a published version, frozen
 *  - `CASE#<id>` / `ATT#<id>`           an attachment and its upload state
 *  - `CASE#<id>` / `LIST#<t>#<r>#<y>`   the case's entry in one public listing (core/listing.ts)
 *  - `CASE#<id>` / `TERM#<term>`        the case's posting for one search term
 * Listing entries and postings carry `ipk` = their sk and `isk` = `<first published>#<id>`: the
 * sparse `inverted` index turns them into newest-first lists, one per filter combination and
 * one per term. Keeping them in the case's partition means publish and withdraw find every
 * entry of a case with one Query, whatever the tokeniser did when they were written.
 */
export const casesTable: TableDefinition = {
  id: 'cases',
  envVar: 'CASES_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      name: 'inverted',
      partitionKey: { name: 'ipk', type: 'S' },
      sortKey: { name: 'isk', type: 'S' },
      // The card a list page shows; postings have none of these, so they stay a few bytes.
      projection: { include: ['id', 'version', 'title', 'summary', 'topic', 'region', 'year', 'tags', 'publishedAt'] },
    },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
};

/**
 * Bodies and attachments:
 *  - `drafts/<caseId>/<sha256>.md`                 draft bodies, content-addressed (an edit never overwrites)
 *  - `cases/<caseId>/attachments/<id>.<ext>`       uploads through presigned PUTs (checked by a trigger)
 *  - `published/<caseId>/v<n>/…`                   frozen versions: body and attachment copies that no
 *                                                  upload URL can reach
 */
export const caseDocumentsBucket: BucketDefinition = {
  id: 'case-documents',
  envVar: 'CASE_DOCUMENTS_BUCKET',
  browserUploads: true,
};
