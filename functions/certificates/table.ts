import type { BucketDefinition, TableDefinition } from '../../shared/service/definitions';

/**
 * One table for the service (single-table design):
 *  - `CERT#<number>` / `#CERT`              the certificate (holder only as keyed hash + mask)
 *  - `CERT#<number>` / `VERIFY#<at>#<id>`   one verification of it (TTL: kept 3 years)
 *  - `SERIAL#<type>#<region>#<year>` / `#COUNTER`   the last serial allocated
 * `byHolder` lists a person's certificates for GET /me/certificates.
 */
export const certificatesTable: TableDefinition = {
  id: 'certificates',
  envVar: 'CERTIFICATES_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      name: 'byHolder',
      partitionKey: { name: 'holderPk', type: 'S' },
      sortKey: { name: 'holderSk', type: 'S' },
      projection: 'ALL',
    },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
};

/** Certificate PDFs, at `certificates/<number>.pdf`; fetched through short-lived presigned URLs. */
export const certificateDocumentsBucket: BucketDefinition = {
  id: 'certificate-documents',
  envVar: 'CERTIFICATE_DOCUMENTS_BUCKET',
};
