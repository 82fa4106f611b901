import * as z from 'zod';
import { MASKED_ID_NUMBER } from '../shared/ids/masked-id';
import { eventEnvelope, type EventContract } from './envelope';

/**
 * What every annual-requirement event says: the person (keyed hash, name and masked ID number,
 * for the certificate issued on it), the year, the totals under the policy, and `version`, which
 * rises with each change of the year's state — consumers apply an event only when it is newer
 * than what they hold, so the order they receive events in does not matter.
 */
export const annualRequirementDetail = z.strictObject({
  personId: z.string().min(20),
  holderName: z.string().min(1),
  idNumberMasked: z.string().regex(MASKED_ID_NUMBER).describe('The masked number of whichever identity document the person was named by'),
  year: z.number().int(),
  policy: z.string(),
  totalHours: z.number().nonnegative(),
  professionalHours: z.number().nonnegative(),
  publicHours: z.number().nonnegative(),
  version: z.number().int().positive(),
});

export const annualRequirementSample = {
  personId: 'q0Jm2uK1h6t0l2xW4c8pQmB7zQ9s5Nf3vKx1yT6uR0E',
  holderName: '张三',
  idNumberMasked: '1101**********002X',
  year: 2026,
  policy: 'national',
  totalHours: 92,
  professionalHours: 62,
  publicHours: 30,
  version: 1,
};

export const annualRequirementMet = eventEnvelope('AnnualRequirementMet', annualRequirementDetail);
export type AnnualRequirementMet = z.infer<typeof annualRequirementMet>;

export const annualRequirementMetContract: EventContract<typeof annualRequirementMet> = {
  type: 'AnnualRequirementMet',
  producer: 'learning-hours',
  consumers: ['certificates (issues the JX continuing-education certificate)'],
  description: 'A person met a calendar year\u2019s continuing-education requirement for the first time, under the policy that judges the person (their employer\u2019s region when on a staff list, else national; DESIGN §10).',
  schema: annualRequirementMet,
  sample: {
    id: 'Tz5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'AnnualRequirementMet',
    source: 'tsp.learning-hours',
    time: '2026-11-02T10:00:00.000Z',
    detail: annualRequirementSample,
  },
};
