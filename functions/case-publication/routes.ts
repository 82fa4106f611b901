import { defineRoute, handlerPath, type Grant } from '../../shared/service/definitions';
import {
  attachmentRequest,
  attachmentUpload,
  caseConflict,
  caseParams,
  caseView,
  createCaseRequest,
  moveRequest,
  publicCase,
  publicCaseList,
  publicListQuery,
  rejectRequest,
  updateCaseRequest,
} from './schemas';
import { caseDocumentsBucket, casesTable } from './table';

const service = 'case-publication';
const handler = (file: string) => handlerPath(import.meta.url, `./handlers/${file}.ts`);

const readTable: Grant = { table: casesTable, access: 'read' };
const writeTable: Grant = { table: casesTable, access: 'readwrite' };
const bucket = (access: 'read' | 'write', prefix: 'drafts/' | 'cases/' | 'published/'): Grant => ({ bucket: caseDocumentsBucket, access, prefix });

const authors = ['issuer', 'admin'] as const;
const staff = ['issuer', 'reviewer', 'admin'] as const;
const notFound = { description: 'No such case in your region' };
const conflict = { description: 'Not allowed in the case’s current state; `allowedMoves` says what is', schema: caseConflict };

export const createCaseRoute = defineRoute({
  service,
  operationId: 'createCase',
  method: 'POST',
  path: '/cases',
  summary: 'Write a new case (a draft)',
  description: 'An issuer writes only for its own region (or divisions within it); admins anywhere. The body is Markdown.',
  access: authors,
  handler: handler('create'),
  request: { body: createCaseRequest },
  responses: { 201: { description: 'The draft', schema: caseView }, 403: { description: 'Outside your region' } },
  grants: [writeTable, bucket('write', 'drafts/')],
  idempotent: true,
});

export const updateCaseRoute = defineRoute({
  service,
  operationId: 'updateCase',
  method: 'PATCH',
  path: '/cases/{id}',
  summary: 'Edit the draft',
  description:
    'Allowed in DRAFT, and in REJECTED, APPROVED or PUBLISHED, where it starts a new DRAFT revision (an approval is then discarded: it was for what was reviewed). A published case stays readable as published until the new revision is published. Not while SUBMITTED: the reviewer has it.',
  access: authors,
  handler: handler('update'),
  request: { params: caseParams, body: updateCaseRequest },
  responses: { 200: { description: 'The case', schema: caseView }, 404: notFound, 409: conflict },
  grants: [writeTable, bucket('write', 'drafts/')],
});

export const getCaseRoute = defineRoute({
  service,
  operationId: 'getCase',
  method: 'GET',
  path: '/cases/{id}/draft',
  summary: 'The case as its authors and reviewers see it: draft, published version, history',
  description: 'Not `GET /cases/{id}`: that path is the public case page of the web site.',
  access: staff,
  handler: handler('get'),
  request: { params: caseParams },
  responses: { 200: { description: 'The case', schema: caseView }, 404: notFound },
  grants: [readTable, bucket('read', 'drafts/'), bucket('read', 'cases/')],
});

const move = (operationId: string, path: string, summary: string, access: readonly ('issuer' | 'reviewer' | 'admin')[], file: string) => ({
  service,
  operationId,
  method: 'POST' as const,
  path: `/cases/{id}/${path}`,
  summary,
  access,
  handler: handler(file),
  responses: { 200: { description: 'The case', schema: caseView }, 403: { description: 'Not yours to do (e.g. approving your own case)' }, 404: notFound, 409: conflict },
  grants: [writeTable],
});

export const submitCaseRoute = defineRoute({ ...move('submitCase', 'submit', 'Submit the draft for review', authors, 'submit'), request: { params: caseParams, body: moveRequest } });
export const approveCaseRoute = defineRoute({
  ...move('approveCase', 'approve', 'Approve a submitted case (a reviewer who did not write it)', ['reviewer', 'admin'], 'approve'),
  request: { params: caseParams, body: moveRequest },
});
export const rejectCaseRoute = defineRoute({
  ...move('rejectCase', 'reject', 'Send a submitted case back, saying why (a reviewer who did not write it)', ['reviewer', 'admin'], 'reject'),
  request: { params: caseParams, body: rejectRequest },
});
export const publishCaseRoute = defineRoute({
  ...move('publishCase', 'publish', 'Publish the approved revision as a new frozen version', staff, 'publish'),
  description: 'Copies the body and the reviewed attachments to the version’s own keys and adds the case to the public listings and search.',
  request: { params: caseParams, body: moveRequest },
  grants: [writeTable, bucket('read', 'drafts/'), bucket('read', 'cases/'), bucket('write', 'published/')],
  timeoutSeconds: 60,
});
export const withdrawCaseRoute = defineRoute({
  ...move('withdrawCase', 'withdraw', 'Take a published case down for good', staff, 'withdraw'),
  request: { params: caseParams, body: moveRequest },
  timeoutSeconds: 60,
});

export const requestAttachmentRoute = defineRoute({
  service,
  operationId: 'requestCaseAttachment',
  method: 'POST',
  path: '/cases/{id}/attachments',
  summary: 'Get a URL to upload an attachment to the draft',
  description: [
    'PDF, PNG, JPEG, WebP, DOCX, XLSX or PPTX, at most 20 MiB, 20 per case. PUT the file to `uploadUrl` with `uploadHeaders` within 15 minutes: the type and length are signed, so S3 takes nothing else.',
    'The upload is then checked (length, type and the file’s own signature bytes); `GET /cases/{id}/draft` shows it VERIFIED or REJECTED. Adding an attachment is an edit of the draft.',
  ].join('\n\n'),
  access: authors,
  handler: handler('request-attachment'),
  request: { params: caseParams, body: attachmentRequest },
  responses: { 201: { description: 'Upload URL', schema: attachmentUpload }, 404: notFound, 409: conflict },
  grants: [writeTable, bucket('write', 'cases/')],
  idempotent: true,
});

export const listPublicCasesRoute = defineRoute({
  service,
  operationId: 'listPublicCases',
  method: 'GET',
  path: '/public/cases',
  summary: 'Published cases, newest first, by topic, region, year and words',
  description:
    'Each combination of filters is one list; a search (`q`, Chinese or English) intersects it with the lists of the query’s terms. Follow `nextCursor` for more; a search page may hold fewer than `limit` cases and still have a `nextCursor`.',
  access: 'public',
  handler: handler('list-public'),
  request: { query: publicListQuery },
  responses: { 200: { description: 'A page of cases', schema: publicCaseList }, 400: { description: 'Bad filter or cursor' } },
  grants: [readTable],
});

export const getPublicCaseRoute = defineRoute({
  service,
  operationId: 'getPublicCase',
  method: 'GET',
  path: '/public/cases/{id}',
  summary: 'A published case: its current version, the body as sanitised HTML, attachment links',
  access: 'public',
  handler: handler('get-public'),
  request: { params: caseParams },
  responses: { 200: { description: 'The case', schema: publicCase }, 404: { description: 'No published case with this id (the same answer for unknown, unpublished and withdrawn cases)' } },
  grants: [readTable, bucket('read', 'published/')],
});

export const routes = [
  createCaseRoute,
  updateCaseRoute,
  getCaseRoute,
  submitCaseRoute,
  approveCaseRoute,
  rejectCaseRoute,
  publishCaseRoute,
  withdrawCaseRoute,
  requestAttachmentRoute,
  listPublicCasesRoute,
  getPublicCaseRoute,
];
