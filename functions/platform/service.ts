import type { ServiceDefinition } from '../../shared/service/definitions';
import { routes } from './routes';
import { idempotencyTable, siteBucket } from './table';

export const platformService: ServiceDefinition = {
  name: 'platform',
  tables: [idempotencyTable],
  buckets: [siteBucket],
  routes,
  streamConsumers: [],
  s3Triggers: [],
};
