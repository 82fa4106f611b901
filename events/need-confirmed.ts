import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const needConfirmedDetail = z.strictObject({
  needId: z.uuid(),
  unitId: z.string(),
  region: z.string().regex(/^\d{6}$/),
  expertIds: z.array(z.string()).min(1),
});

export const needConfirmed = eventEnvelope('NeedConfirmed', needConfirmedDetail);
export type NeedConfirmed = z.infer<typeof needConfirmed>;

export const needConfirmedContract: EventContract<typeof needConfirmed> = {
  type: 'NeedConfirmed',
  producer: 'expert-matching',
  consumers: [],
  description: 'As many experts as a need wanted have accepted it.',
  schema: needConfirmed,
  sample: {
    id: 'Nc5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'NeedConfirmed',
    source: 'tsp.expert-matching',
    time: '2026-03-03T09:00:00.000Z',
    detail: { needId: '2bd1112d-c90d-4172-89b1-8d4287b0ca76', unitId: 'GS-COOP-01', region: '620100', expertIds: ['EXP-GREENHOUSE', 'EXP-ORCHARD'] },
  },
};
