import type { ServiceDefinition } from '../../shared/service/definitions';
import { routes } from './routes';
import { learningHoursTable } from './table';

export const learningHoursService: ServiceDefinition = {
  name: 'learning-hours',
  tables: [learningHoursTable],
  buckets: [],
  routes,
  streamConsumers: [],
  s3Triggers: [],
};
