import type { AccessMatrix } from '../../shared/service/access-matrix';

/*
 * Who may call each expert-matching route (outcomes: shared/service/access-matrix.ts). Kept next
 * to routes.ts; test/unit/access-matrix.test.ts holds the two together and
 * test/e2e/authorisation-matrix.test.ts checks it against the running platform.
 *
 * A need belongs to the unit that submitted it: to any other unit it reads as not found (404),
 * like an unknown need. An expert answers, and withdraws, only proposals and records in their
 * own name: another expert's id in the path is refused with 403 before anything is read. Filing
 * a service record names no expert in the path; on a need the expert has no part in it is 404.
 * The programme statistics are aggregates, open to HR departments (issuers) of every region.
 */
const A = 'allow';
const D = 'deny';
const T403 = 'tenant:403';
const T404 = 'tenant:404';

export const accessMatrix = {
  createExpert: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  updateExpert: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getExpert: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: T403, expertB: T403, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  // Any unit submits needs of its own; the token names the unit.
  submitNeed: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: A, unitB: A, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getNeed: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: T404, unitB: T404, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  explainCandidate: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: T404, unitB: T404, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  acceptProposal: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: T403, expertB: T403, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  declineProposal: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: T403, expertB: T403, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  recordService: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: T404, expertB: T404, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  withdrawService: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: T403, expertB: T403, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  giveFeedback: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: T404, unitB: T404, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getMatchingStats: { anonymous: D, admin: A, issuerA: A, issuerB: A, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  runMatchingRound: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  // Each expert sees the proposals made to them; the token names the expert.
  listMyProposals: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: A, expertB: A, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
} as const satisfies AccessMatrix;
