import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const hoursVoidedDetail = z.strictObject({
  institutionId: z.string(),
  recordId: z.string(),
  personId: z.string().min(20),
  year: z.number().int(),
  category: z.enum(['PUBLIC', 'PROFESSIONAL']),
  hours: z.number().positive(),
  reason: z.string().min(1),
  by: z.string(),
});

export const hoursVoided = eventEnvelope('HoursVoided', hoursVoidedDetail);
export type HoursVoided = z.infer<typeof hoursVoided>;

export const hoursVoidedContract: EventContract<typeof hoursVoided> = {
  type: 'HoursVoided',
  producer: 'learning-hours',
  consumers: [],
  description: 'A recorded hour record was voided; it no longer counts towards any total.',
  schema: hoursVoided,
  sample: {
    id: 'Kp8sD2fG5hJ1lZ4xC7vB0nM3qW6eR9tY',
    type: 'HoursVoided',
    source: 'tsp.learning-hours',
    time: '2026-06-01T09:00:00.000Z',
    detail: {
      institutionId: 'JS-BASE-01',
      recordId: 'R-2026-000123',
      personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
      year: 2026,
      category: 'PROFESSIONAL',
      hours: 8,
      reason: '学时登记错误',
      by: 'institution:JS-BASE-01',
    },
  },
};
