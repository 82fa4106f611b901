import type { ServiceDefinition } from '../../shared/service/definitions';
import { accessMatrix } from './access-matrix';
import { routes } from './routes';
import { idempotencyTable, piiHashKeySecret, rateLimitTable, siteBucket } from './table';

export const platformService: ServiceDefinition = {
  name: 'platform',
  tables: [idempotencyTable, rateLimitTable],
  buckets: [siteBucket],
  secrets: [piiHashKeySecret],
  routes,
  accessMatrix,
  streamConsumers: [],
  s3Triggers: [],
};
