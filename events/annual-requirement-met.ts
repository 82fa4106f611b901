import { z } from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

export const annualRequirementMetDetail = z.strictObject({
  personId: z.string().min(20),
  year: z.number().int(),
  policy: z.string(),
  totalHours: z.number().nonnegative(),
  professionalHours: z.number().nonnegative(),
  publicHours: z.number().nonnegative(),
});

export const annualRequirementMet = eventEnvelope('AnnualRequirementMet', annualRequirementMetDetail);
export type AnnualRequirementMet = z.infer<typeof annualRequirementMet>;

export const annualRequirementMetContract: EventContract<typeof annualRequirementMet> = {
  type: 'AnnualRequirementMet',
  producer: 'learning-hours',
  consumers: ['certificates (issues the JX continuing-education certificate; issue 8)'],
  description: 'A person met a calendar year\u2019s continuing-education requirement for the first time (national policy).',
  schema: annualRequirementMet,
  sample: {
    id: 'Tz5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'AnnualRequirementMet',
    source: 'tsp.learning-hours',
    time: '2026-11-02T10:00:00.000Z',
    detail: {
      personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
      year: 2026,
      policy: 'national',
      totalHours: 92,
      professionalHours: 62,
      publicHours: 30,
    },
  },
};
