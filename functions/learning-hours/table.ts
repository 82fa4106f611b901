import type { TableDefinition } from '../../shared/service/definitions';

/**
 * One table for the service:
 *  - `INST#<id>` / `#INST`          an institution
 *  - `INST#<id>` / `REC#<recordId>` an hour record, keyed by its poster so a recordId is unique
 *                                   per institution and a re-post is a conditional-put question
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
};
