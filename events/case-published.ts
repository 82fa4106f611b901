import * as z from 'zod';
import { eventEnvelope, type EventContract } from './envelope';

/** The six pilot areas a case belongs to (DESIGN §6); shared by the case events. */
export const caseTopic = z.enum(['POSTDOCTORAL', 'TITLES_AND_QUALIFICATIONS', 'CONTINUING_EDUCATION', 'EXPERTS', 'RETURNED_SCHOLARS', 'INTEGRATED_SERVICES']);

export const casePublishedDetail = z.strictObject({
  caseId: z.uuid(),
  /** 1 for the first publication; each republished revision is the next. */
  version: z.number().int().min(1),
  region: z.string().regex(/^\d{6}$/),
  topic: caseTopic,
  year: z.number().int(),
  title: z.string(),
  summary: z.string(),
  publishedAt: z.iso.datetime(),
  /** Who published (a non-personal label such as "reviewer:310000"). */
  publishedBy: z.string(),
});

export const casePublished = eventEnvelope('CasePublished', casePublishedDetail);
export type CasePublished = z.infer<typeof casePublished>;

export const casePublishedContract: EventContract<typeof casePublished> = {
  type: 'CasePublished',
  producer: 'case-publication',
  consumers: [],
  description: 'A version of a typical case was published: the public list, search and case page show it from now on.',
  schema: casePublished,
  sample: {
    id: 'Cp7kQ2wE9rT4yU1iO6pA3sD8fG5hJ0lZ',
    type: 'CasePublished',
    source: 'tsp.case-publication',
    time: '2026-04-01T02:00:00.000Z',
    detail: {
      caseId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      version: 1,
      region: '310000',
      topic: 'POSTDOCTORAL',
      year: 2026,
      title: '博士后科研工作站招收培养新路径',
      summary: '探索博士后接续培养，拓展资助渠道。',
      publishedAt: '2026-04-01T02:00:00.000Z',
      publishedBy: 'reviewer:310000',
    },
  },
};
