import type { StreamConsumerDefinition, TableDefinition } from '../service/definitions';

/**
 * The stream consumer that publishes a service's domain events (shared/events/publish.ts): it
 * reads only the entities events are derived from, retries, bisects and keeps what still fails.
 */
export function eventPublisher(service: string, handler: string, table: TableDefinition, entities: string[]): StreamConsumerDefinition {
  return {
    service,
    id: 'publishEvents',
    handler,
    table,
    filters: [{ dynamodb: { NewImage: { entity: { S: entities } } } }],
    batchSize: 25,
    maxRetries: 10,
    bisectOnError: true,
    grants: [{ eventBus: 'publish' }],
  };
}
