import * as z from 'zod';
import { caseTopic } from './case-published';
import { eventEnvelope, type EventContract } from './envelope';

export const caseWithdrawnDetail = z.strictObject({
  caseId: z.uuid(),
  /** The published version that was taken down. */
  version: z.number().int().min(1),
  region: z.string().regex(/^\d{6}$/),
  topic: caseTopic,
  withdrawnAt: z.iso.datetime(),
  /** Who withdrew it (a non-personal label) and why, when they said. */
  withdrawnBy: z.string(),
  comment: z.string().optional(),
});

export const caseWithdrawn = eventEnvelope('CaseWithdrawn', caseWithdrawnDetail);
export type CaseWithdrawn = z.infer<typeof caseWithdrawn>;

export const caseWithdrawnContract: EventContract<typeof caseWithdrawn> = {
  type: 'CaseWithdrawn',
  producer: 'case-publication',
  consumers: [],
  description: 'A published case was withdrawn: it is gone from the public list, search and case page, for good.',
  schema: caseWithdrawn,
  sample: {
    id: 'Cw9oI8uY7tR6eW5qA4sD3fG2hJ1kL0zX',
    type: 'CaseWithdrawn',
    source: 'tsp.case-publication',
    time: '2026-06-01T02:00:00.000Z',
    detail: {
      caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      version: 2,
      region: '310000',
      topic: 'POSTDOCTORAL',
      withdrawnAt: '2026-06-01T02:00:00.000Z',
      withdrawnBy: 'issuer:310000',
      comment: '政策已调整',
    },
  },
};
