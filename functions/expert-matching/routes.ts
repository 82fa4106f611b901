import { defineRoute, handlerPath, type Grant } from '../../shared/service/definitions';
import { piiHashKeySecret } from '../platform/table';
import {
  createExpertRequest,
  declineRequest,
  expertParams,
  feedbackRequest,
  needParams,
  proposalParams,
  roundRequest,
  serviceRecordRequest,
  statsQuery,
  submitNeedRequest,
  updateExpertRequest,
  withdrawServiceRequest,
} from './schemas';
import {
  candidateExplanation,
  expertResponse,
  feedbackResponse,
  matchingRoundReport,
  matchingStats,
  myProposals,
  needResponse,
  needStateConflict,
  needSubmitted,
  proposalAccepted,
  proposalConflict,
  proposalDeclined,
  serviceRecordResponse,
} from './responses';
import { expertMatchingTable } from './table';

const service = 'expert-matching';
const handler = (file: string) => handlerPath(import.meta.url, `./handlers/${file}.ts`);
const readwrite: Grant = { table: expertMatchingTable, access: 'readwrite' };
const read: Grant = { table: expertMatchingTable, access: 'read' };

export const createExpertRoute = defineRoute({
  service,
  operationId: 'createExpert',
  method: 'POST',
  path: '/experts',
  summary: 'Register an expert in the pool',
  access: ['admin'],
  handler: handler('create-expert'),
  request: { body: createExpertRequest },
  responses: { 201: { description: 'Registered', schema: expertResponse }, 409: { description: 'The id is taken' } },
  grants: [readwrite, { secret: piiHashKeySecret }],
  idempotent: true,
});

export const updateExpertRoute = defineRoute({
  service,
  operationId: 'updateExpert',
  method: 'PATCH',
  path: '/experts/{id}',
  summary: "Change an expert's fields, keywords, forms, capacity, availability or status",
  access: ['admin'],
  handler: handler('update-expert'),
  request: { params: expertParams, body: updateExpertRequest },
  responses: { 200: { description: 'Updated', schema: expertResponse }, 404: { description: 'No such expert' } },
  grants: [readwrite],
});

export const getExpertRoute = defineRoute({
  service,
  operationId: 'getExpert',
  method: 'GET',
  path: '/experts/{id}',
  summary: 'An expert (admins, or the expert themselves)',
  access: ['admin', 'expert'],
  handler: handler('get-expert'),
  request: { params: expertParams },
  responses: { 200: { description: 'The expert', schema: expertResponse }, 404: { description: 'No such expert' } },
  grants: [read],
});

export const submitNeedRoute = defineRoute({
  service,
  operationId: 'submitNeed',
  method: 'POST',
  path: '/needs',
  summary: 'Submit a need; matching follows within seconds',
  description: 'Answers 202: the stored need alone triggers matching (through the table stream). Poll `GET /needs/{id}` for the proposals.',
  access: ['unit'],
  handler: handler('submit-need'),
  request: { body: submitNeedRequest },
  responses: { 202: { description: 'Accepted: { needId, status: "SUBMITTED" }', schema: needSubmitted } },
  grants: [readwrite],
  idempotent: true,
});

export const getNeedRoute = defineRoute({
  service,
  operationId: 'getNeed',
  method: 'GET',
  path: '/needs/{id}',
  summary: 'A need: status and ranked proposals with score and reasons (the submitting unit, admins)',
  access: ['unit', 'admin'],
  handler: handler('get-need'),
  request: { params: needParams },
  responses: { 200: { description: 'The need', schema: needResponse }, 404: { description: 'No such need of your unit' } },
  grants: [read],
});

export const explainCandidateRoute = defineRoute({
  service,
  operationId: 'explainCandidate',
  method: 'GET',
  path: '/needs/{id}/candidates/{expertId}',
  summary: 'Why (not) this expert: the hard rule that blocks them, or their score, factors and rank',
  access: ['unit', 'admin'],
  handler: handler('explain-candidate'),
  request: { params: proposalParams },
  responses: { 200: { description: 'The explanation', schema: candidateExplanation }, 404: { description: 'No such need of your unit, or no such expert' } },
  grants: [read],
});

export const acceptProposalRoute = defineRoute({
  service,
  operationId: 'acceptProposal',
  method: 'POST',
  path: '/needs/{id}/proposals/{expertId}/accept',
  summary: 'Accept a proposal (the expert proposed)',
  access: ['expert'],
  handler: handler('accept-proposal'),
  request: { params: proposalParams },
  responses: {
    200: { description: 'Accepted; the need is CONFIRMED when enough experts have accepted', schema: proposalAccepted },
    409: { description: 'Already answered (its proposalStatus), or at capacity (load, capacity)', schema: proposalConflict },
  },
  grants: [readwrite],
});

export const declineProposalRoute = defineRoute({
  service,
  operationId: 'declineProposal',
  method: 'POST',
  path: '/needs/{id}/proposals/{expertId}/decline',
  summary: 'Decline a proposal; the next best free expert is proposed',
  access: ['expert'],
  handler: handler('decline-proposal'),
  request: { params: proposalParams, body: declineRequest },
  responses: {
    200: { description: 'Declined, with the replacement proposal (or why there is none)', schema: proposalDeclined },
    409: { description: 'Already answered (its proposalStatus)', schema: proposalConflict },
  },
  grants: [readwrite],
});

export const recordServiceRoute = defineRoute({
  service,
  operationId: 'recordService',
  method: 'POST',
  path: '/needs/{id}/service-records',
  summary: 'File the record of a service given (an accepted expert)',
  access: ['expert'],
  handler: handler('record-service'),
  request: { params: needParams, body: serviceRecordRequest },
  responses: { 201: { description: 'Recorded', schema: serviceRecordResponse }, 409: { description: 'Not confirmed with you, or already filed', schema: needStateConflict } },
  grants: [readwrite],
  idempotent: true,
});

export const withdrawServiceRoute = defineRoute({
  service,
  operationId: 'withdrawService',
  method: 'POST',
  path: '/needs/{id}/service-records/{expertId}/withdraw',
  summary: 'Withdraw a service record filed in error (the expert who filed it, or an admin); its learning-hours credit is voided',
  access: ['expert', 'admin'],
  handler: handler('withdraw-service'),
  request: { params: proposalParams, body: withdrawServiceRequest },
  responses: { 200: { description: 'Withdrawn', schema: serviceRecordResponse }, 404: { description: 'No such service record' }, 409: { description: 'Withdrawn already' } },
  grants: [readwrite],
});

export const giveFeedbackRoute = defineRoute({
  service,
  operationId: 'giveFeedback',
  method: 'POST',
  path: '/needs/{id}/feedback',
  summary: 'Rate the service received (the submitting unit, once)',
  access: ['unit'],
  handler: handler('give-feedback'),
  request: { params: needParams, body: feedbackRequest },
  responses: { 201: { description: 'Recorded', schema: feedbackResponse }, 409: { description: 'No service yet, or feedback given already', schema: needStateConflict } },
  grants: [readwrite],
});

export const matchingStatsRoute = defineRoute({
  service,
  operationId: 'getMatchingStats',
  method: 'GET',
  path: '/matching/stats',
  summary: "The programme's indicators for a province (or the nation) and year",
  access: ['admin', 'issuer'],
  handler: handler('matching-stats'),
  request: { query: statsQuery },
  responses: { 200: { description: 'Needs received, matched, confirmed, completed; experts engaged; service hours; average rating; east→west services', schema: matchingStats } },
  grants: [read],
});

export const matchingRoundRoute = defineRoute({
  service,
  operationId: 'runMatchingRound',
  method: 'POST',
  path: '/matching-rounds',
  summary: 'Assign all open needs at once: coverage first, then total score; with the greedy figures for comparison',
  access: ['admin'],
  handler: handler('run-round'),
  request: { body: roundRequest },
  responses: { 200: { description: 'Coverage, total and minimum score, assignments, uncovered needs with the blocking constraint; greedy figures', schema: matchingRoundReport } },
  grants: [readwrite],
  timeoutSeconds: 120,
  memoryMb: 1024,
});

export const myProposalsRoute = defineRoute({
  service,
  operationId: 'listMyProposals',
  method: 'GET',
  path: '/me/proposals',
  summary: 'The needs I have been proposed for, newest first (an expert)',
  access: ['expert'],
  handler: handler('my-proposals'),
  request: {},
  responses: { 200: { description: 'Proposals with their needs', schema: myProposals } },
  grants: [read],
});

export const routes = [
  createExpertRoute,
  updateExpertRoute,
  getExpertRoute,
  submitNeedRoute,
  getNeedRoute,
  explainCandidateRoute,
  acceptProposalRoute,
  declineProposalRoute,
  recordServiceRoute,
  withdrawServiceRoute,
  giveFeedbackRoute,
  matchingStatsRoute,
  matchingRoundRoute,
  myProposalsRoute,
];
