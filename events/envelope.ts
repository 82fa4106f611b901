import { createHash } from 'node:crypto';
import * as z from 'zod';

/*
 * Every domain event travels in the same envelope. `id` is derived from the stream record that
 * caused it (table stream ARN + sequence number + event type), so a redelivered record yields
 * the same id and consumers can recognise it.
 */
export function eventEnvelope<T extends z.ZodType>(type: string, detail: T) {
  return z.strictObject({
    id: z.string().min(16).max(128),
    type: z.literal(type),
    source: z.string().regex(/^tsp\.[a-z-]+$/),
    time: z.iso.datetime(),
    detail,
  });
}

export function eventId(streamArn: string, sequenceNumber: string, type: string): string {
  return createHash('sha256').update(`${streamArn}|${sequenceNumber}|${type}`).digest('base64url').slice(0, 32);
}

/** What the event catalogue (docs) says about each event. */
export interface EventContract<T extends z.ZodType = z.ZodType> {
  type: string;
  producer: string;
  consumers: string[];
  description: string;
  schema: T;
  sample: z.input<T>;
}

/** A table stream record as the event derivations read it: images unmarshalled. */
export interface StreamChange {
  streamArn: string;
  sequenceNumber: string;
  at: string;
  oldImage?: Record<string, unknown>;
  newImage?: Record<string, unknown>;
}

/** The envelope fields of an event of `type` caused by `change`, from the producing service. */
export function envelopeFor(change: StreamChange, source: string, type: string) {
  return { id: eventId(change.streamArn, change.sequenceNumber, type), source, time: change.at };
}
