import { handlerPath, type ServiceDefinition } from '../../shared/service/definitions';
import { accessMatrix } from './access-matrix';
import { routes } from './routes';
import { caseDocumentsBucket, casesTable } from './table';

const service = 'case-publication';

export const casePublicationService: ServiceDefinition = {
  name: service,
  tables: [casesTable],
  buckets: [caseDocumentsBucket],
  routes,
  accessMatrix,
  // Domain events are derived from the table stream (core/events.ts); putting them on the bus is
  // another issue's work.
  streamConsumers: [],
  s3Triggers: [
    {
      service,
      id: 'verifyCaseAttachments',
      handler: handlerPath(import.meta.url, './handlers/verify-attachments.ts'),
      bucket: caseDocumentsBucket,
      // Only uploads live under cases/: bodies and published copies are written elsewhere.
      prefix: 'cases/',
      timeoutSeconds: 60,
      memoryMb: 256,
      grants: [
        { table: casesTable, access: 'readwrite' },
        // Refused uploads are deleted, every version of them.
        { bucket: caseDocumentsBucket, access: 'read', prefix: 'cases/', delete: true },
      ],
    },
  ],
};
