import type { AccessMatrix } from '../../shared/service/access-matrix';

/*
 * Who may call each case-publication route (outcomes: shared/service/access-matrix.ts). Kept
 * next to routes.ts; test/unit/access-matrix.test.ts holds the two together and
 * test/e2e/authorisation-matrix.test.ts checks it against the running platform.
 *
 * Issuers (authors) and reviewers act only on cases of their region (a province covers its
 * cities); to anyone else a case does not exist (404, as for an unknown id). Writing a new case
 * into another region is refused with 403: the region is in the request. Approving and
 * rejecting is for a reviewer of the region who neither wrote nor edited the case (an admin who
 * wrote it is refused too: 403, see the route descriptions).
 */
const A = 'allow';
const D = 'deny';
const T403 = 'tenant:403';
const T404 = 'tenant:404';

export const accessMatrix = {
  createCase: { anonymous: D, admin: A, issuerA: T403, issuerB: T403, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  updateCase: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getCase: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: T404, reviewerB: T404, professionalA: D, professionalB: D, employerA: D, employerB: D },
  submitCase: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  approveCase: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: T404, reviewerB: T404, professionalA: D, professionalB: D, employerA: D, employerB: D },
  rejectCase: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: T404, reviewerB: T404, professionalA: D, professionalB: D, employerA: D, employerB: D },
  publishCase: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: T404, reviewerB: T404, professionalA: D, professionalB: D, employerA: D, employerB: D },
  withdrawCase: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: T404, reviewerB: T404, professionalA: D, professionalB: D, employerA: D, employerB: D },
  requestCaseAttachment: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  listPublicCases: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  getPublicCase: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
} as const satisfies AccessMatrix;
