import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const matchProposedDetail = z.strictObject({
  needId: z.uuid(),
  expertId: z.string(),
  score: z.number(),
  proposedBy: z.enum(['matching', 'decline', 'round']),
});

export const matchProposed = eventEnvelope('MatchProposed', matchProposedDetail);
export type MatchProposed = z.infer<typeof matchProposed>;

export const matchProposedContract: EventContract<typeof matchProposed> = {
  type: 'MatchProposed',
  producer: 'expert-matching',
  consumers: [],
  description: 'An expert was proposed for a need (by the matching, after a decline, or in a round).',
  schema: matchProposed,
  sample: {
    id: 'Mp5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'MatchProposed',
    source: 'tsp.expert-matching',
    time: '2026-03-01T08:00:02.000Z',
    detail: { needId: '2bd1112d-c90d-4172-89b1-8d4287b0ca76', expertId: 'EXP-GREENHOUSE', score: 81.5, proposedBy: 'matching' },
  },
};
