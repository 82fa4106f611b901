import type { z } from 'zod';
import { annualRequirementDetail, annualRequirementSample } from './annual-requirement-met';
import { eventEnvelope, type EventContract } from './envelope';

export const annualRequirementRestored = eventEnvelope('AnnualRequirementRestored', annualRequirementDetail);
export type AnnualRequirementRestored = z.infer<typeof annualRequirementRestored>;

export const annualRequirementRestoredContract: EventContract<typeof annualRequirementRestored> = {
  type: 'AnnualRequirementRestored',
  producer: 'learning-hours',
  consumers: ['certificates (restores that year\u2019s JX certificate)'],
  description: 'A year that had lapsed meets the requirement again.',
  schema: annualRequirementRestored,
  sample: {
    id: 'Rs5xC8vB1nM4qW7eR0tY3uI6oP9aS2dF',
    type: 'AnnualRequirementRestored',
    source: 'tsp.learning-hours',
    time: '2026-11-25T10:00:00.000Z',
    detail: { ...annualRequirementSample, totalHours: 96, professionalHours: 66, version: 3 },
  },
};
