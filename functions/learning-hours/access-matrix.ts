import type { AccessMatrix } from '../../shared/service/access-matrix';

/*
 * Who may call each learning-hours route (outcomes: shared/service/access-matrix.ts). Kept next
 * to routes.ts; test/unit/access-matrix.test.ts holds the two together and
 * test/e2e/authorisation-matrix.test.ts checks it against the running platform.
 *
 * An institution acts only for itself: another institution's id in the path is refused with 403
 * before anything is read (the refusal follows from the token and the path alone, so it says
 * nothing about whether that institution exists). Looking a person up is for HR departments
 * (issuers) of any region — a person is not a tenant, and the optional region only picks the
 * compliance policy — so it is `allow` for every issuer.
 */
const A = 'allow';
const D = 'deny';
const T403 = 'tenant:403';

export const accessMatrix = {
  createInstitution: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  updateInstitution: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getInstitution: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: T403, institutionB: T403, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  postHourRecords: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: T403, institutionB: T403, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  voidHourRecord: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: T403, institutionB: T403, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  lookupLearningHours: { anonymous: D, admin: A, issuerA: A, issuerB: A, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  // Each professional sees their own hours; the token names the person.
  getMyLearningHours: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: A, professionalB: A, employerA: D, employerB: D },
  getAnnualReport: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: T403, institutionB: T403, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  requestRosterUpload: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: T403, institutionB: T403, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getRosterUpload: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: T403, institutionB: T403, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  createEmployer: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  // An employer keeps its own staff list: another employer's id in the path is refused before anything is read.
  addStaffMembers: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: T403, employerB: T403 },
  removeStaffMember: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: T403, employerB: T403 },
  getStaffCompliance: { anonymous: D, admin: A, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: T403, employerB: T403 },
} as const satisfies AccessMatrix;
