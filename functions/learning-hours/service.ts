import { handlerPath, type ServiceDefinition } from '../../shared/service/definitions';
import { routes } from './routes';
import { learningHoursTable } from './table';

export const learningHoursService: ServiceDefinition = {
  name: 'learning-hours',
  tables: [learningHoursTable],
  buckets: [],
  routes,
  streamConsumers: [
    {
      service: 'learning-hours',
      id: 'trackAnnualRequirements',
      handler: handlerPath(import.meta.url, './handlers/track-requirements.ts'),
      table: learningHoursTable,
      // New records, and records that change (voids); markers and institutions never re-trigger.
      filters: [{ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['HourRecord'] } } } }],
      batchSize: 50,
      maxRetries: 5,
      bisectOnError: true,
      grants: [{ table: learningHoursTable, access: 'readwrite' }],
    },
  ],
  s3Triggers: [],
};
