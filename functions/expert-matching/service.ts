import { eventPublisher } from '../../shared/events/publisher-definition';
import { handlerPath, type ServiceDefinition } from '../../shared/service/definitions';
import { accessMatrix } from './access-matrix';
import { routes } from './routes';
import { expertMatchingTable } from './table';

export const expertMatchingService: ServiceDefinition = {
  name: 'expert-matching',
  tables: [expertMatchingTable],
  buckets: [],
  routes,
  accessMatrix,
  streamConsumers: [
    eventPublisher('expert-matching', handlerPath(import.meta.url, './handlers/publish-events.ts'), expertMatchingTable, ['Need', 'Proposal', 'Service']),
    {
      service: 'expert-matching',
      id: 'matchNeeds',
      handler: handlerPath(import.meta.url, './handlers/match-needs.ts'),
      table: expertMatchingTable,
      // Only the INSERT of a need triggers matching; its own later writes never re-trigger it.
      filters: [{ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Need'] } } } }],
      batchSize: 10,
      maxRetries: 5,
      bisectOnError: true,
      timeoutSeconds: 60,
      memoryMb: 1024,
      grants: [{ table: expertMatchingTable, access: 'readwrite' }],
    },
  ],
  s3Triggers: [],
};
