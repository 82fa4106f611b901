import type { AccessMatrix } from '../../shared/service/access-matrix';

/*
 * Who may call each platform route (see shared/service/access-matrix.ts for the outcomes). Kept
 * next to routes.ts; test/unit/access-matrix.test.ts holds the two together and
 * test/e2e/authorisation-matrix.test.ts checks it against the running platform.
 */
const A = 'allow';

export const accessMatrix = {
  getHealth: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  getOpenApi: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  getEventCatalogue: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  getDocs: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  // Its business answer is a problem+json 404, for everyone.
  notFound: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  getSiteRoot: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  getSitePage: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
} as const satisfies AccessMatrix;
