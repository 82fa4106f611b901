import * as z from 'zod';
import { problemWith } from '../../shared/http/response-check';
import { RULES } from './core/eligibility';
import { EXPERT_CATEGORIES, SERVICE_FORMS, TITLE_LEVELS } from './core/model';
import { FACTORS } from './core/score';

/*
 * What the expert-matching routes answer, as the OpenAPI document shows it and the end-to-end
 * suite's response check holds them to (issue 13 item 11). Mirrors app/views.ts and the records
 * of core/need-state.ts as they leave the API.
 */

const serviceForm = z.enum(SERVICE_FORMS);
const needStatus = z.enum(['SUBMITTED', 'PROPOSED', 'NO_MATCH', 'CONFIRMED', 'COMPLETED']);
const proposalStatus = z.enum(['PROPOSED', 'ACCEPTED', 'DECLINED', 'COMPLETED']);
const rule = z.enum(RULES);
const window = z.object({ from: z.string(), to: z.string() });

export const expertResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    fields: z.array(z.string()),
    keywords: z.array(z.string()),
    region: z.string(),
    categories: z.array(z.enum(EXPERT_CATEGORIES)),
    titleLevel: z.enum(TITLE_LEVELS),
    serviceForms: z.array(serviceForm),
    capacity: z.number().int(),
    load: z.number().int().describe('Services the expert is giving now'),
    availableFrom: z.string(),
    availableTo: z.string(),
    retiredAndWilling: z.boolean().optional(),
    status: z.enum(['ACTIVE', 'INACTIVE']),
    reliability: z.object({ completed: z.number(), ratingCount: z.number(), ratingSum: z.number() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    idNumberMasked: z.string().optional().describe("The expert's own identity document, masked, when they are linked to their learning hours"),
    reliabilityScore: z.number(),
    linkedToLearningHours: z.boolean(),
  })
  .meta({ id: 'Expert' });

const factor = z.object({ factor: z.enum(FACTORS as readonly [string, ...string[]]), points: z.number(), detail: z.string() });

export const proposalResponse = z
  .object({
    needId: z.string(),
    expertId: z.string(),
    status: proposalStatus,
    score: z.number(),
    reasons: z.array(z.string()),
    factors: z.array(factor),
    proposedAt: z.string(),
    proposedBy: z.enum(['matching', 'decline', 'round']),
    answeredAt: z.string().optional(),
    declineReason: z.string().optional(),
  })
  .meta({ id: 'Proposal' });

const shortfall = z.object({ cause: z.string(), reason: z.string(), reasonZh: z.string(), summary: z.string().optional() });

export const serviceRecordResponse = z
  .object({
    needId: z.string(),
    expertId: z.string(),
    hours: z.number(),
    form: serviceForm,
    date: z.string(),
    summary: z.string(),
    recordedAt: z.string(),
    needRegion: z.string(),
    withdrawn: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
    creditsLearningHours: z.boolean().describe("Whether the service credits the expert's own learning hours"),
  })
  .meta({ id: 'ServiceRecord' });

export const feedbackResponse = z
  .object({ needId: z.string(), rating: z.number().int(), comment: z.string().optional(), givenBy: z.string(), givenAt: z.string() })
  .meta({ id: 'Feedback' });

export const needSubmitted = z.object({ needId: z.string(), status: z.literal('SUBMITTED') });

export const needResponse = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    fields: z.array(z.string()),
    keywords: z.array(z.string()).optional(),
    region: z.string(),
    serviceForm,
    expertsWanted: z.number().int(),
    window,
    unitId: z.string(),
    status: needStatus,
    submittedAt: z.string(),
    submittedBy: z.string(),
    acceptedCount: z.number().int(),
    acceptedExperts: z.array(z.string()),
    matchedAt: z.string().optional(),
    confirmedAt: z.string().optional(),
    completedAt: z.string().optional(),
    shortfall: shortfall.optional(),
    matching: z.enum(['PENDING', 'OVERDUE']).optional().describe('While SUBMITTED: OVERDUE when matching has not run within a minute'),
    proposals: z.array(proposalResponse.extend({ expert: z.object({ name: z.string(), region: z.string(), titleLevel: z.enum(TITLE_LEVELS) }).optional() })),
    services: z.array(serviceRecordResponse),
    feedback: feedbackResponse.nullable(),
  })
  .meta({ id: 'Need' });

const candidateBase = {
  needId: z.string(),
  expertId: z.string(),
  proposal: z.object({ status: proposalStatus, score: z.number() }).nullable(),
};
export const candidateExplanation = z.union([
  z.object({ ...candidateBase, eligible: z.literal(false), blockedBy: z.object({ rule, reason: z.string(), reasonZh: z.string() }) }),
  z.object({
    ...candidateBase,
    eligible: z.literal(true),
    score: z.number(),
    factors: z.array(factor),
    reasons: z.array(z.string()),
    rank: z.number().int(),
    of: z.number().int(),
  }),
]);

export const proposalAccepted = z.object({
  proposal: proposalResponse,
  need: z.object({ id: z.string(), status: needStatus, acceptedCount: z.number().int(), expertsWanted: z.number().int() }),
});

export const proposalDeclined = z.object({
  proposal: proposalResponse,
  replacement: proposalResponse.nullable().describe('The next best free expert, now proposed; null when nobody is (need.shortfall says why)'),
  need: z.object({ id: z.string(), status: needStatus, shortfall: shortfall.nullable() }),
});

export const matchingStats = z.object({
  scope: z.string().describe('A province code (first two digits + 0000) or national'),
  year: z.number().int(),
  needsReceived: z.number(),
  needsMatched: z.number(),
  needsConfirmed: z.number(),
  needsCompleted: z.number(),
  expertsEngaged: z.number(),
  serviceHours: z.number(),
  averageRating: z.number().nullable(),
  ratings: z.number(),
  eastToWest: z.object({ services: z.number(), hours: z.number() }),
});

const roundFigures = {
  coverage: z.object({
    needs: z.number(),
    full: z.number(),
    partial: z.number(),
    uncovered: z.number(),
    slotsWanted: z.number(),
    slotsFilled: z.number(),
  }),
  totalScore: z.number(),
  minScore: z.number().nullable(),
};
export const matchingRoundReport = z.object({
  dryRun: z.boolean(),
  needsInRound: z.number(),
  moreNeedsWaiting: z.boolean(),
  expertsConsidered: z.number(),
  optimal: z.object({
    ...roundFigures,
    assignments: z.array(z.object({ needId: z.string(), expertId: z.string(), score: z.number(), reasons: z.array(z.string()) })),
    shortfalls: z.array(z.object({ needId: z.string(), wanted: z.number(), assigned: z.number(), cause: z.string(), reason: z.string(), reasonZh: z.string() })),
  }),
  greedy: z.object(roundFigures),
  proposalsMade: z.number(),
  needsChangedMeanwhile: z.array(z.string()),
});

export const myProposals = z.object({
  proposals: z.array(
    proposalResponse.extend({
      need: z.object({ title: z.string(), description: z.string(), region: z.string(), serviceForm, window, status: needStatus }).optional(),
    }),
  ),
});

/** 409s that say the state they found. */
export const proposalConflict = problemWith({ proposalStatus: proposalStatus.optional(), load: z.number().optional(), capacity: z.number().optional() });
export const needStateConflict = problemWith({ needStatus: needStatus.optional() });
