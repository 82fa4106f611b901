import type { AccessMatrix } from '../../shared/service/access-matrix';

/*
 * Who may call each certificates route (outcomes: shared/service/access-matrix.ts). Kept next to
 * routes.ts; test/unit/access-matrix.test.ts holds the two together and
 * test/e2e/authorisation-matrix.test.ts checks it against the running platform.
 *
 * An issuer manages only certificates of its region (a province covers its cities). Another
 * region's certificate answers 404, exactly as an unknown number does, so issuers cannot probe
 * which numbers exist elsewhere; issuing into another region is refused with 403 (the region is
 * in the request, nothing is revealed). The holder (a professional whose token carries the same
 * keyed hash) gets their own PDF; anyone else's reads as not found.
 */
const A = 'allow';
const D = 'deny';
const T403 = 'tenant:403';
const T404 = 'tenant:404';
const ITEM = 'tenant:item';

export const accessMatrix = {
  issueCertificate: { anonymous: D, admin: A, issuerA: T403, issuerB: T403, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  issueCertificatesBatch: { anonymous: D, admin: A, issuerA: ITEM, issuerB: ITEM, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getCertificate: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  revokeCertificate: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  reinstateCertificate: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  suspendCertificate: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  restoreCertificate: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: D, professionalB: D, employerA: D, employerB: D },
  getCertificateDocument: { anonymous: D, admin: A, issuerA: T404, issuerB: T404, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: T404, professionalB: T404, employerA: D, employerB: D },
  verifyCertificate: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  verifyCertificateToken: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  getVerificationKeys: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  verifyCertificatesBatch: { anonymous: A, admin: A, issuerA: A, issuerB: A, institutionA: A, institutionB: A, unitA: A, unitB: A, expertA: A, expertB: A, reviewerA: A, reviewerB: A, professionalA: A, professionalB: A, employerA: A, employerB: A },
  // Each professional sees their own list; nobody else's can be named.
  listMyCertificates: { anonymous: D, admin: D, issuerA: D, issuerB: D, institutionA: D, institutionB: D, unitA: D, unitB: D, expertA: D, expertB: D, reviewerA: D, reviewerB: D, professionalA: A, professionalB: A, employerA: D, employerB: D },
} as const satisfies AccessMatrix;
