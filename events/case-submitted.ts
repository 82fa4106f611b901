import * as z from 'zod';
import { caseTopic } from './case-published';
import { eventEnvelope, type EventContract } from './envelope';

export const caseSubmittedDetail = z.strictObject({
  caseId: z.uuid(),
  /** The revision submitted: a later edit starts another. */
  revision: z.number().int().min(1),
  region: z.string().regex(/^\d{6}$/),
  topic: caseTopic,
  title: z.string(),
  submittedAt: z.iso.datetime(),
  /** Who submitted (a non-personal label such as "issuer:310000"). */
  submittedBy: z.string(),
});

export const caseSubmitted = eventEnvelope('CaseSubmitted', caseSubmittedDetail);
export type CaseSubmitted = z.infer<typeof caseSubmitted>;

export const caseSubmittedContract: EventContract<typeof caseSubmitted> = {
  type: 'CaseSubmitted',
  producer: 'case-publication',
  consumers: [],
  description: "A case was submitted for review: it waits for a reviewer of its region who did not write it.",
  schema: caseSubmitted,
  sample: {
    id: 'Cs1aZ2xC3vB4nM5qW6eR7tY8uI9oP0aS',
    type: 'CaseSubmitted',
    source: 'tsp.case-publication',
    time: '2026-03-20T08:00:00.000Z',
    detail: {
      caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      revision: 3,
      region: '310000',
      topic: 'POSTDOCTORAL',
      title: '博士后科研工作站招收培养新路径',
      submittedAt: '2026-03-20T08:00:00.000Z',
      submittedBy: 'issuer:310000',
    },
  },
};
