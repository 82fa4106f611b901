import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const hoursRecordedDetail = z.strictObject({
  institutionId: z.string(),
  recordId: z.string(),
  /** Keyed hash of the person's identity document (type and number, DESIGN §2). */
  personId: z.string().min(20),
  year: z.number().int(),
  category: z.enum(['PUBLIC', 'PROFESSIONAL']),
  hours: z.number().positive(),
  completedOn: z.iso.date(),
  replaces: z.string().optional(),
});

export const hoursRecorded = eventEnvelope('HoursRecorded', hoursRecordedDetail);
export type HoursRecorded = z.infer<typeof hoursRecorded>;

export const hoursRecordedContract: EventContract<typeof hoursRecorded> = {
  type: 'HoursRecorded',
  producer: 'learning-hours',
  consumers: [],
  description: 'An institution recorded continuing-education hours for a person.',
  schema: hoursRecorded,
  sample: {
    id: 'Wq3nV7pX1kL9mB2cR5tY8uZ0aD4fG6hJ',
    type: 'HoursRecorded',
    source: 'tsp.learning-hours',
    time: '2026-05-10T09:00:00.000Z',
    detail: {
      institutionId: 'JS-BASE-01',
      recordId: 'R-2026-000123',
      personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
      year: 2026,
      category: 'PROFESSIONAL',
      hours: 8,
      completedOn: '2026-05-10',
    },
  },
};
