import * as z from 'zod';
import type { EventContract } from '../../events/envelope';
import type { ServiceDefinition } from '../service/definitions';

export interface CatalogueEntry {
  type: string;
  producer: string;
  description: string;
  /** What the contract says consumes it, and what the bus's rules actually deliver it to. */
  consumers: string[];
  deliveredTo: string[];
  /** JSON Schema (draft 2020-12) of the whole event as it travels, for outside subscribers. */
  schema: unknown;
  sample: unknown;
}

/**
 * The event catalogue (DESIGN §8), generated: contracts from `events/`, deliveries from the
 * services' event-consumer definitions — the same ones the CDK stage turns into rules.
 */
export function eventCatalogue(contracts: EventContract[], services: ServiceDefinition[]): CatalogueEntry[] {
  return contracts.map((c) => ({
    type: c.type,
    producer: c.producer,
    description: c.description,
    consumers: c.consumers,
    deliveredTo: services.flatMap((s) => (s.eventConsumers ?? []).filter((e) => e.events.includes(c.type)).map((e) => `${s.name}.${e.id}`)),
    schema: z.toJSONSchema(c.schema, { io: 'input' }),
    sample: c.sample,
  }));
}
