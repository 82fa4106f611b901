import type { TableDefinition } from '../../shared/service/definitions';

/**
 * One table for the service:
 *  - `EXPERT#<id>` / `#PROFILE`            an expert: profile, current load, reliability
 *  - `EXPERT#<id>` / `GROUP#<code>`        a copy of the profile per first-level discipline the
 *                                          expert works in; `byDiscipline` makes candidate
 *                                          retrieval one Query per discipline of a need
 *  - `NEED#<id>` / `#NEED`                 a need (its INSERT triggers matching)
 *  - `NEED#<id>` / `PROPOSAL#<expertId>`   an expert proposed for the need, and their answer
 *  - `NEED#<id>` / `SERVICE#<expertId>`    the service record an accepted expert filed
 *  - `NEED#<id>` / `FEEDBACK`              the unit's feedback
 *  - `STATS#<scope>` / `YEAR#<y>`          programme counters (scope: a province, or national)
 *  - `STATS#<scope>#<y>` / `EXPERT#<id>`   marks an expert as engaged, so engaged experts count once
 */
export const expertMatchingTable: TableDefinition = {
  id: 'expert-matching',
  envVar: 'EXPERT_MATCHING_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    { name: 'byDiscipline', partitionKey: { name: 'disciplineGroup', type: 'S' }, sortKey: { name: 'expertId', type: 'S' }, projection: 'ALL' },
    // Sparse: only needs still wanting experts carry `openSince`, so a round reads just those.
    { name: 'openNeeds', partitionKey: { name: 'openScope', type: 'S' }, sortKey: { name: 'openSince', type: 'S' }, projection: 'ALL' },
    { name: 'byExpert', partitionKey: { name: 'proposedExpert', type: 'S' }, sortKey: { name: 'proposedAt', type: 'S' }, projection: 'ALL' },
    { name: 'byUnit', partitionKey: { name: 'unitId', type: 'S' }, sortKey: { name: 'submittedAt', type: 'S' }, projection: 'ALL' },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
};
