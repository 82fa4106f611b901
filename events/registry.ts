import type { EventContract } from './envelope';
import { EVENT_CONTRACTS } from './index';

/** Any domain event, as it travels: the envelope with a detail its contract describes. */
export interface DomainEvent {
  id: string;
  type: string;
  source: string;
  time: string;
  detail: unknown;
}

const byType = new Map(EVENT_CONTRACTS.map((c) => [c.type, c]));

/** The contract of an event type; an unknown type is a programming error, not data to skip. */
export function contractOf(type: string): EventContract {
  const contract = byType.get(type);
  if (!contract) throw new Error(`No contract for event type ${type} in events/index.ts`);
  return contract;
}
