import * as z from 'zod';
import { MASKED_ID_NUMBER } from '../shared/ids/masked-id';
import { eventEnvelope, type EventContract } from './envelope';

/**
 * A service as learning-hours needs it to credit the expert (DESIGN §8, flow 2): the hours, the
 * day, the region served (its policy caps the credit) and — only when the expert linked their
 * own identity — who learns: keyed hash, name and masked ID number, never the ID number.
 */
export const serviceDetail = z.strictObject({
  needId: z.uuid(),
  expertId: z.string(),
  hours: z.number().positive(),
  form: z.string(),
  date: z.iso.date(),
  region: z.string().regex(/^\d{6}$/),
  learner: z.strictObject({ personId: z.string().min(20), holderName: z.string().min(1), idNumberMasked: z.string().regex(MASKED_ID_NUMBER) }).optional(),
});

export const serviceSample = {
  needId: '2bd1112d-c90d-4172-89b1-8d4287b0ca76',
  expertId: 'EXP-GREENHOUSE',
  hours: 16,
  form: 'TECH_GUIDANCE',
  date: '2026-04-12',
  region: '620100',
  learner: { personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E', holderName: '王五', idNumberMasked: '3201**********1234' },
};

export const serviceCompleted = eventEnvelope('ServiceCompleted', serviceDetail);
export type ServiceCompleted = z.infer<typeof serviceCompleted>;

export const serviceCompletedContract: EventContract<typeof serviceCompleted> = {
  type: 'ServiceCompleted',
  producer: 'expert-matching',
  consumers: ['learning-hours (credits the hours as professional hours, under the yearly cap)'],
  description: 'An expert filed the record of a service given to a grassroots unit.',
  schema: serviceCompleted,
  sample: { id: 'Sc5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF', type: 'ServiceCompleted', source: 'tsp.expert-matching', time: '2026-04-12T10:00:00.000Z', detail: serviceSample },
};
