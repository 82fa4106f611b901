import type { z } from 'zod';
import { annualRequirementDetail, annualRequirementSample } from './annual-requirement-met';
import { eventEnvelope, type EventContract } from './envelope';

export const annualRequirementLapsed = eventEnvelope('AnnualRequirementLapsed', annualRequirementDetail);
export type AnnualRequirementLapsed = z.infer<typeof annualRequirementLapsed>;

export const annualRequirementLapsedContract: EventContract<typeof annualRequirementLapsed> = {
  type: 'AnnualRequirementLapsed',
  producer: 'learning-hours',
  consumers: ['certificates (suspends that year\u2019s JX certificate)'],
  description: 'A year a person had met no longer meets the requirement: hours were voided, or the person joined or left an employer\u2019s staff and another region\u2019s policy now judges them.',
  schema: annualRequirementLapsed,
  sample: {
    id: 'Lp5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'AnnualRequirementLapsed',
    source: 'tsp.learning-hours',
    time: '2026-11-20T10:00:00.000Z',
    detail: { ...annualRequirementSample, totalHours: 84, professionalHours: 54, version: 2 },
  },
};
