import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';
import { serviceDetail, serviceSample } from './service-completed';

export const serviceWithdrawnDetail = serviceDetail.extend({ reason: z.string().min(1) });

export const serviceWithdrawn = eventEnvelope('ServiceWithdrawn', serviceWithdrawnDetail);
export type ServiceWithdrawn = z.infer<typeof serviceWithdrawn>;

export const serviceWithdrawnContract: EventContract<typeof serviceWithdrawn> = {
  type: 'ServiceWithdrawn',
  producer: 'expert-matching',
  consumers: ['learning-hours (voids the credit)'],
  description: 'A filed service record was withdrawn as recorded in error.',
  schema: serviceWithdrawn,
  sample: {
    id: 'Sw5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'ServiceWithdrawn',
    source: 'tsp.expert-matching',
    time: '2026-04-20T10:00:00.000Z',
    detail: { ...serviceSample, reason: '服务记录重复填报' },
  },
};
