import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const needSubmittedDetail = z.strictObject({
  needId: z.uuid(),
  unitId: z.string(),
  region: z.string().regex(/^\d{6}$/),
  fields: z.array(z.string()).min(1),
  serviceForm: z.string(),
  expertsWanted: z.number().int().min(1).max(5),
  window: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
});

export const needSubmitted = eventEnvelope('NeedSubmitted', needSubmittedDetail);
export type NeedSubmitted = z.infer<typeof needSubmitted>;

export const needSubmittedContract: EventContract<typeof needSubmitted> = {
  type: 'NeedSubmitted',
  producer: 'expert-matching',
  consumers: [],
  description: 'A grassroots unit submitted a need for experts (matching starts from the same stream record).',
  schema: needSubmitted,
  sample: {
    id: 'Ns5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'NeedSubmitted',
    source: 'tsp.expert-matching',
    time: '2026-03-01T08:00:00.000Z',
    detail: {
      needId: '2bd1112d-c90d-4172-89b1-8d4287b0ca76',
      unitId: 'GS-COOP-01',
      region: '620100',
      fields: ['21040'],
      serviceForm: 'TECH_GUIDANCE',
      expertsWanted: 2,
      window: { from: '2026-03-01', to: '2026-06-30' },
    },
  },
};
