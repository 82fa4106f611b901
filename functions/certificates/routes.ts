import { defineRoute, handlerPath, type Grant } from '../../shared/service/definitions';
import { piiHashKeySecret } from '../platform/table';
import { ORGANISATION_LOOKUPS_PER_5_MIN, PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN } from '../../shared/rate-limit/budgets';
import {
  batchIssueRequest,
  batchIssueResponse,
  certificateStateConflict,
  documentLink,
  issuedCertificate,
  issueRequest,
  jwks,
  managedCertificate,
  myCertificates,
  nameQuery,
  numberParams,
  publicCertificate,
  reasonBody,
  tokenParams,
  verifyBatchRequest,
  verifyBatchResponse,
} from './schemas';
import { certSigningKeysSecret, certVerifyKeysSecret } from './secrets';
import { certificateDocumentsBucket, certificatesTable } from './table';

const service = 'certificates';
const here = import.meta.url;
const handler = (file: string) => handlerPath(here, `./handlers/${file}.ts`);

const readTable: Grant = { table: certificatesTable, access: 'read' };
const writeTable: Grant = { table: certificatesTable, access: 'readwrite' };
const signing: Grant = { secret: certSigningKeysSecret };
const verifying: Grant = { secret: certVerifyKeysSecret };
const managers = ['issuer', 'admin'] as const;

const notFound = { description: 'No such certificate (or, publicly, the name does not match: the same answer)' };
/** Public lookups draw from the caller's lookup budget (shared/rate-limit/lookup-budget.ts). */
const lookupBudget: Grant = { lookupBudget: true };
const BUDGET_TEXT =
  `Every lookup counts against the caller's budget, each number + name pair of a batch as one: an anonymous client (address) may make ${PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN} per 5 minutes ` +
  `(the same figure the edge allows in requests), a signed-in organisation (employer, issuer, admin, sending its bearer token) ${ORGANISATION_LOOKUPS_PER_5_MIN.toLocaleString('en')} per 5 minutes ` +
  '(configurable per stage). A request that would pass the budget is refused whole with 429 and Retry-After.';
const tooMany = {
  description: `Over the lookup budget (${PUBLIC_LOOKUPS_PER_CLIENT_PER_5_MIN} per 5 minutes for an anonymous client; each pair of a batch counts): nothing was looked up; Retry-After gives the seconds until it fits`,
};
const badNumber = { description: 'Malformed number or wrong check character (checked before any lookup)' };

export const issueCertificateRoute = defineRoute({
  service,
  operationId: 'issueCertificate',
  method: 'POST',
  path: '/certificates',
  summary: 'Issue a certificate',
  description: 'An issuer issues only for its own region (or cities within its province); admins anywhere. The serial is allocated atomically per (type, region, year).',
  access: managers,
  handler: handler('issue'),
  request: { body: issueRequest },
  responses: { 201: { description: 'Issued', schema: issuedCertificate }, 403: { description: 'Outside your region' } },
  grants: [writeTable, signing, { secret: piiHashKeySecret }],
  idempotent: true,
});

export const issueCertificatesBatchRoute = defineRoute({
  service,
  operationId: 'issueCertificatesBatch',
  method: 'POST',
  path: '/certificates:batch',
  summary: 'Issue up to 500 certificates, with a result per item in input order',
  access: managers,
  handler: handler('issue-batch'),
  request: { body: batchIssueRequest },
  responses: { 200: { description: 'Per-item results', schema: batchIssueResponse } },
  grants: [writeTable, signing, { secret: piiHashKeySecret }],
  idempotent: true,
  timeoutSeconds: 60,
  memoryMb: 1024,
});

export const getCertificateRoute = defineRoute({
  service,
  operationId: 'getCertificate',
  method: 'GET',
  path: '/certificates/{number}',
  summary: "A certificate with its history, for its region's issuers and admins",
  access: managers,
  handler: handler('get'),
  request: { params: numberParams },
  responses: { 200: { description: 'The certificate (holder ID number masked)', schema: managedCertificate }, 404: notFound },
  grants: [readTable],
});

const stateChange = (operationId: string, method: 'POST' | 'DELETE', resource: 'revocation' | 'suspension', summary: string, file: string) => ({
  service,
  operationId,
  method,
  path: `/certificates/{number}/${resource}`,
  summary,
  access: managers,
  handler: handler(file),
  responses: { 200: { description: 'The certificate as it now reads publicly', schema: publicCertificate }, 404: notFound, 409: { description: 'Not in a state that allows this', schema: certificateStateConflict } },
  grants: [writeTable],
});
const withReason = { params: numberParams, body: reasonBody };
const withoutReason = { params: numberParams };

export const revokeRoute = defineRoute({ ...stateChange('revokeCertificate', 'POST', 'revocation', 'Revoke a certificate, with a reason', 'revoke'), request: withReason });
export const reinstateRoute = defineRoute({ ...stateChange('reinstateCertificate', 'DELETE', 'revocation', 'Reinstate a revoked certificate', 'reinstate'), request: withoutReason });
export const suspendRoute = defineRoute({ ...stateChange('suspendCertificate', 'POST', 'suspension', 'Suspend a certificate, with a reason', 'suspend'), request: withReason });
export const restoreRoute = defineRoute({ ...stateChange('restoreCertificate', 'DELETE', 'suspension', 'Lift a suspension', 'restore'), request: withoutReason });

export const documentRoute = defineRoute({
  service,
  operationId: 'getCertificateDocument',
  method: 'GET',
  path: '/certificates/{number}/document',
  summary: 'A short-lived link to the certificate PDF (with its QR code)',
  access: ['issuer', 'admin', 'professional'],
  handler: handler('document'),
  request: { params: numberParams },
  responses: { 200: { description: 'Presigned URL', schema: documentLink }, 404: notFound, 409: { description: 'The PDF is still being generated' } },
  grants: [readTable, { bucket: certificateDocumentsBucket, access: 'read', prefix: 'certificates/' }],
});

export const verifyRoute = defineRoute({
  service,
  operationId: 'verifyCertificate',
  method: 'GET',
  path: '/public/certificates/{number}',
  summary: 'Verify a certificate by number and holder name',
  description: `Number AND name must match. An unknown number and a wrong name give the same 404, so the endpoint reveals nothing about which numbers exist. ${BUDGET_TEXT}`,
  access: 'public',
  handler: handler('verify'),
  request: { params: numberParams, query: nameQuery },
  responses: { 200: { description: 'The certificate', schema: publicCertificate }, 400: badNumber, 404: notFound, 429: tooMany },
  grants: [readTable, lookupBudget],
});

export const verifyTokenRoute = defineRoute({
  service,
  operationId: 'verifyCertificateToken',
  method: 'GET',
  path: '/public/verify/{token}',
  summary: 'Verify the QR code printed on a certificate',
  description: BUDGET_TEXT,
  access: 'public',
  handler: handler('verify-token'),
  request: { params: tokenParams },
  responses: { 200: { description: 'The certificate', schema: publicCertificate }, 404: { description: 'Not a genuine token' }, 429: tooMany },
  grants: [readTable, verifying, lookupBudget],
});

export const keysRoute = defineRoute({
  service,
  operationId: 'getVerificationKeys',
  method: 'GET',
  path: '/public/keys',
  summary: 'Public keys (JWKS) to check QR tokens offline',
  access: 'public',
  handler: handler('keys'),
  request: {},
  responses: { 200: { description: 'JWKS', schema: jwks, contentType: 'application/jwk-set+json' } },
  grants: [verifying],
});

export const verifyBatchRoute = defineRoute({
  service,
  operationId: 'verifyCertificatesBatch',
  method: 'POST',
  path: '/public/certificates:verify-batch',
  summary: 'Verify up to 50 number + name pairs (employers checking applicants)',
  description: `Each pair is answered by the same rules as a single lookup, and costs as much: a batch of 50 pairs is 50 lookups. ${BUDGET_TEXT} Organisations checking many applicants send their bearer token.`,
  access: 'public',
  handler: handler('verify-batch'),
  request: { body: verifyBatchRequest },
  responses: { 200: { description: 'One result per pair, in order', schema: verifyBatchResponse }, 429: tooMany },
  grants: [readTable, lookupBudget],
});

export const myCertificatesRoute = defineRoute({
  service,
  operationId: 'listMyCertificates',
  method: 'GET',
  path: '/me/certificates',
  summary: 'My certificates and who verified them',
  access: ['professional'],
  handler: handler('my-certificates'),
  request: {},
  responses: { 200: { description: 'Certificates with their verification log', schema: myCertificates } },
  grants: [readTable],
});

export const routes = [
  issueCertificateRoute,
  issueCertificatesBatchRoute,
  getCertificateRoute,
  revokeRoute,
  reinstateRoute,
  suspendRoute,
  restoreRoute,
  documentRoute,
  verifyRoute,
  verifyTokenRoute,
  keysRoute,
  verifyBatchRoute,
  myCertificatesRoute,
];
