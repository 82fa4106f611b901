import { eventPublisher } from '../../shared/events/publisher-definition';
import { handlerPath, type ServiceDefinition } from '../../shared/service/definitions';
import { accessMatrix } from './access-matrix';
import { routes } from './routes';
import { piiHashKeySecret } from '../platform/table';
import { learningHoursTable, rosterUploadsBucket } from './table';

export const learningHoursService: ServiceDefinition = {
  name: 'learning-hours',
  tables: [learningHoursTable],
  buckets: [rosterUploadsBucket],
  routes,
  accessMatrix,
  streamConsumers: [
    eventPublisher('learning-hours', handlerPath(import.meta.url, './handlers/publish-events.ts'), learningHoursTable, ['HourRecord', 'RequirementMet']),
    {
      service: 'learning-hours',
      id: 'trackAnnualRequirements',
      handler: handlerPath(import.meta.url, './handlers/track-requirements.ts'),
      table: learningHoursTable,
      // New records, and records that change (voids); markers and institutions never re-trigger.
      // A person joining or leaving a staff list changes the policy that judges them (DESIGN §10).
      filters: [
        { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['HourRecord'] } } } },
        { eventName: ['INSERT', 'REMOVE'], dynamodb: { Keys: { sk: { S: ['EMPLOYMENT'] } } } },
      ],
      batchSize: 50,
      maxRetries: 5,
      bisectOnError: true,
      grants: [{ table: learningHoursTable, access: 'readwrite' }],
    },
  ],
  eventConsumers: [
    {
      service: 'learning-hours',
      id: 'creditExpertService',
      handler: handlerPath(import.meta.url, './handlers/credit-expert-service.ts'),
      events: ['ServiceCompleted', 'ServiceWithdrawn'],
      grants: [{ table: learningHoursTable, access: 'readwrite' }, { idempotency: true }],
    },
  ],
  s3Triggers: [
    {
      service: 'learning-hours',
      id: 'ingestRosters',
      handler: handlerPath(import.meta.url, './handlers/ingest-roster.ts'),
      bucket: rosterUploadsBucket,
      prefix: 'uploads/',
      suffix: '.csv',
      // 20,000 rows at the posting rate take well under a minute; the margin covers retries.
      timeoutSeconds: 600,
      memoryMb: 1024,
      grants: [
        { table: learningHoursTable, access: 'readwrite' },
        // Rosters hold plaintext ID numbers: each is deleted, every version, once ingested.
        { bucket: rosterUploadsBucket, access: 'read', prefix: 'uploads/', delete: true },
        { bucket: rosterUploadsBucket, access: 'write', prefix: 'results/' },
        { secret: piiHashKeySecret },
      ],
    },
  ],
};
