import { defineRoute, handlerPath, type Grant } from '../../shared/service/definitions';
import { piiHashKeySecret } from '../platform/table';
import {
  createInstitutionRequest,
  institutionParams,
  lookupRequest,
  myHoursQuery,
  institutionView,
  postRecordsRequest,
  postRecordsResponse,
  recordParams,
  reportParams,
  reportQuery,
  updateInstitutionRequest,
  voidRequest,
} from './schemas';
import { learningHoursTable } from './table';

const service = 'learning-hours';
const handler = (file: string) => handlerPath(import.meta.url, `./handlers/${file}.ts`);
const readwrite: Grant = { table: learningHoursTable, access: 'readwrite' };
const read: Grant = { table: learningHoursTable, access: 'read' };

export const createInstitutionRoute = defineRoute({
  service,
  operationId: 'createInstitution',
  method: 'POST',
  path: '/institutions',
  summary: 'Register a training institution',
  access: ['admin'],
  handler: handler('create-institution'),
  request: { body: createInstitutionRequest },
  responses: { 201: { description: 'Registered', schema: institutionView }, 409: { description: 'The id is taken' } },
  grants: [readwrite],
  idempotent: true,
});

export const updateInstitutionRoute = defineRoute({
  service,
  operationId: 'updateInstitution',
  method: 'PATCH',
  path: '/institutions/{id}',
  summary: 'Rename, re-level, suspend, reactivate or withdraw an institution',
  access: ['admin'],
  handler: handler('update-institution'),
  request: { params: institutionParams, body: updateInstitutionRequest },
  responses: { 200: { description: 'Updated', schema: institutionView }, 404: { description: 'No such institution' } },
  grants: [readwrite],
});

export const getInstitutionRoute = defineRoute({
  service,
  operationId: 'getInstitution',
  method: 'GET',
  path: '/institutions/{id}',
  summary: 'An institution (admins, or the institution itself)',
  access: ['admin', 'institution'],
  handler: handler('get-institution'),
  request: { params: institutionParams },
  responses: { 200: { description: 'The institution', schema: institutionView }, 404: { description: 'No such institution' } },
  grants: [read],
});

export const postRecordsRoute = defineRoute({
  service,
  operationId: 'postHourRecords',
  method: 'POST',
  path: '/institutions/{id}/hour-records',
  summary: 'Post 1–500 hour records, answered record by record in input order',
  description: 'Same recordId and content → duplicate (nothing changes); same recordId, other content → conflict (nothing is overwritten; correct by voiding and posting a new record with `replaces`). Re-posting a whole batch is safe.',
  access: ['institution'],
  handler: handler('post-records'),
  request: { params: institutionParams, body: postRecordsRequest },
  responses: { 200: { description: 'Per-record results', schema: postRecordsResponse }, 403: { description: 'Not your institution' }, 409: { description: 'Institution suspended or withdrawn' } },
  grants: [readwrite, { secret: piiHashKeySecret }],
  timeoutSeconds: 60,
});

export const voidRecordRoute = defineRoute({
  service,
  operationId: 'voidHourRecord',
  method: 'POST',
  path: '/institutions/{id}/hour-records/{recordId}/void',
  summary: 'Void a record: it stays for audit, out of every total',
  access: ['institution'],
  handler: handler('void-record'),
  request: { params: recordParams, body: voidRequest },
  responses: { 200: { description: 'The voided record' }, 404: { description: 'No such record' }, 409: { description: 'Already voided' } },
  grants: [readwrite],
});

const complianceResponses = {
  200: { description: 'Totals, requirement, compliant, shortfall and the records — for the year, or for each year of the window with allMet' },
  404: { description: 'Records exist under this ID number, but not for this name' },
};

export const lookupRoute = defineRoute({
  service,
  operationId: 'lookupLearningHours',
  method: 'POST',
  path: '/learning-hours/lookup',
  summary: "A person's yearly compliance (or a title-review window), for HR departments",
  description: 'The ID number travels in the body so it never appears in a URL or an access log.',
  access: ['admin', 'issuer'],
  handler: handler('lookup'),
  request: { body: lookupRequest },
  responses: complianceResponses,
  grants: [read, { secret: piiHashKeySecret }],
});

export const myHoursRoute = defineRoute({
  service,
  operationId: 'getMyLearningHours',
  method: 'GET',
  path: '/me/learning-hours',
  summary: 'My continuing-education hours and compliance',
  access: ['professional'],
  handler: handler('my-hours'),
  request: { query: myHoursQuery },
  responses: complianceResponses,
  grants: [read],
});

export const annualReportRoute = defineRoute({
  service,
  operationId: 'getAnnualReport',
  method: 'GET',
  path: '/institutions/{id}/annual-reports/{year}',
  summary: "An institution's year: trainees, records, hours by category and course, quota and whether it is met",
  description: '`?format=csv` for a spreadsheet (UTF-8 with BOM; cells that would read as formulas are neutralised).',
  access: ['admin', 'institution'],
  handler: handler('annual-report'),
  request: { params: reportParams, query: reportQuery },
  responses: { 200: { description: 'The report (JSON, or CSV with ?format=csv)' }, 404: { description: 'No such institution' } },
  grants: [read],
});

export const routes = [createInstitutionRoute, updateInstitutionRoute, getInstitutionRoute, postRecordsRoute, voidRecordRoute, lookupRoute, myHoursRoute, annualReportRoute];
