import { defineRoute, handlerPath, type Grant } from '../../shared/service/definitions';
import { piiHashKeySecret } from '../platform/table';
import {
  addStaffRequest,
  addStaffResponse,
  createEmployerRequest,
  employerParams,
  employerView,
  staffComplianceQuery,
  staffComplianceView,
  staffMemberView,
  staffParams,
  createInstitutionRequest,
  institutionParams,
  learningHoursView,
  lookupRequest,
  myHoursQuery,
  myLearningHoursView,
  institutionView,
  postRecordsRequest,
  postRecordsResponse,
  recordParams,
  reportParams,
  reportQuery,
  rosterUploadCreated,
  rosterUploadParams,
  rosterUploadView,
  updateInstitutionRequest,
  voidRequest,
} from './schemas';
import { annualReportView, institutionInactive, voidedRecordView } from './responses';
import { learningHoursTable, rosterUploadsBucket } from './table';

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
  description: 'Same recordId and content → duplicate (nothing changes); same recordId, other content → conflict (nothing is overwritten; correct by voiding and posting a new record with `replaces`). Re-posting a whole batch is safe. A person holds at most 500 records a calendar year across all institutions (voided ones included): a new record past that is rejected.',
  access: ['institution'],
  handler: handler('post-records'),
  request: { params: institutionParams, body: postRecordsRequest },
  responses: {
    200: { description: 'Per-record results', schema: postRecordsResponse },
    403: { description: 'Not your institution' },
    409: { description: 'Institution suspended or withdrawn (its institutionStatus)', schema: institutionInactive },
  },
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
  responses: { 200: { description: 'The voided record', schema: voidedRecordView }, 404: { description: 'No such record' }, 409: { description: 'Already voided' } },
  grants: [readwrite],
});

const complianceDescription = 'Totals, requirement, compliant, shortfall and the records — for the year, or for each year of the window with allMet';

export const lookupRoute = defineRoute({
  service,
  operationId: 'lookupLearningHours',
  method: 'POST',
  path: '/learning-hours/lookup',
  summary: "A person's yearly compliance (or a title-review window), for HR departments",
  description: [
    'The ID number travels in the body so it never appears in a URL or an access log.',
    "The name is compared in full (NFKC, whitespace and middle dots normalised, as a keyed hash), never by its masked form: a wrong name gets exactly the answer of an ID number without records (200, zero hours). A lookup that matched is logged for the person, who sees who looked, when and for which years in `GET /me/learning-hours`.",
  ].join('\n\n'),
  access: ['admin', 'issuer'],
  handler: handler('lookup'),
  request: { body: lookupRequest },
  responses: { 200: { description: complianceDescription, schema: learningHoursView } },
  // readwrite: a matched lookup is logged under the person.
  grants: [readwrite, { secret: piiHashKeySecret }],
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
  responses: { 200: { description: `${complianceDescription}; and \`lookups\`: who looked the person up, when, for which years`, schema: myLearningHoursView } },
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
  responses: {
    200: { description: 'The report (JSON, or CSV with ?format=csv)', schema: annualReportView, alternatives: [{ contentType: 'text/csv' }] },
    404: { description: 'No such institution' },
  },
  grants: [read],
});

export const requestRosterUploadRoute = defineRoute({
  service,
  operationId: 'requestRosterUpload',
  method: 'POST',
  path: '/institutions/{id}/roster-uploads',
  summary: 'Get a URL to upload a CSV roster of hour records',
  description: [
    'PUT the file to `uploadUrl` within 15 minutes; it is ingested with the same per-record rules as posting, and its progress shows at `GET /institutions/{id}/roster-uploads/{uploadId}`.',
    'Columns by header, English or Chinese: recordId/记录编号, idNumber/身份证号/证件号码, optionally idType/证件类型 (RESIDENT/居民身份证 — the default when empty, HMT_PERMIT/港澳台居民居住证, FOREIGN_PR/外国人永久居留身份证, PASSPORT/护照) and idCountry/证件国家 (for a passport: the ISO 3166-1 alpha-3 country), name/姓名, courseCode/课程代码, courseTitle/课程名称, category/科目类别 (PUBLIC/公需科目/公需, PROFESSIONAL/专业科目/专业), hours/学时, completedOn/完成日期 (YYYY-MM-DD or YYYY/M/D), optionally replaces/更正记录编号.',
    'UTF-8 (with or without BOM) or GB18030; at most 20,000 rows and 10 MiB.',
  ].join('\n\n'),
  access: ['institution'],
  handler: handler('request-roster-upload'),
  request: { params: institutionParams },
  responses: {
    201: { description: 'Upload URL', schema: rosterUploadCreated },
    403: { description: 'Not your institution' },
    409: { description: 'Institution suspended or withdrawn (its institutionStatus)', schema: institutionInactive },
  },
  grants: [readwrite, { bucket: rosterUploadsBucket, access: 'write', prefix: 'uploads/' }],
  idempotent: true,
});

export const getRosterUploadRoute = defineRoute({
  service,
  operationId: 'getRosterUpload',
  method: 'GET',
  path: '/institutions/{id}/roster-uploads/{uploadId}',
  summary: "A roster upload's status, progress, counts and (when done) result file",
  access: ['institution', 'admin'],
  handler: handler('get-roster-upload'),
  request: { params: rosterUploadParams },
  responses: { 200: { description: 'The upload', schema: rosterUploadView }, 404: { description: 'No such upload' } },
  grants: [read, { bucket: rosterUploadsBucket, access: 'read', prefix: 'results/' }],
});


export const createEmployerRoute = defineRoute({
  service,
  operationId: 'createEmployer',
  method: 'POST',
  path: '/employers',
  summary: 'Register an employer (用人单位) whose HR department keeps its staff’s continuing-education record',
  description: "The unified social credit code, when given, must carry a valid GB 32100 check character. The employer's region decides the compliance policy its staff are judged by (DESIGN §10).",
  access: ['admin'],
  handler: handler('create-employer'),
  request: { body: createEmployerRequest },
  responses: { 201: { description: 'Registered', schema: employerView }, 409: { description: 'The id is taken' } },
  grants: [readwrite],
  idempotent: true,
});

export const addStaffRoute = defineRoute({
  service,
  operationId: 'addStaffMembers',
  method: 'POST',
  path: '/employers/{id}/staff',
  summary: 'Put 1–500 people on the staff list, answered item by item in input order',
  description:
    'Each person is stored as a keyed hash of the ID number plus a masked form and the name. Already on this list → duplicate; on another employer’s list → conflict (that employer removes them first: one employer keeps a person’s record). From then on the person is judged by the policy of this employer’s region — in their own view, in lookups and for their JX certificate.',
  access: ['employer'],
  handler: handler('add-staff'),
  request: { params: employerParams, body: addStaffRequest },
  responses: { 200: { description: 'Per-item results', schema: addStaffResponse }, 403: { description: 'Not your employer id' }, 404: { description: 'No such employer' } },
  grants: [readwrite, { secret: piiHashKeySecret }],
  timeoutSeconds: 60,
});

export const removeStaffRoute = defineRoute({
  service,
  operationId: 'removeStaffMember',
  method: 'DELETE',
  path: '/employers/{id}/staff/{staffId}',
  summary: 'Take a person who left off the staff list',
  description: 'From then on the person is judged by the national policy again (unless another employer adds them).',
  access: ['employer'],
  handler: handler('remove-staff'),
  request: { params: staffParams },
  responses: { 200: { description: 'The member removed', schema: staffMemberView }, 403: { description: 'Not your employer id' }, 404: { description: 'Not on this staff list' } },
  grants: [readwrite],
});

export const staffComplianceRoute = defineRoute({
  service,
  operationId: 'getStaffCompliance',
  method: 'GET',
  path: '/employers/{id}/staff/compliance',
  summary: "Each staff member's year: totals, shortfall, compliant (masked name and ID), as JSON pages, CSV or XLSX",
  description:
    "Judged by the policy of the employer's region. `status=SHORT` keeps the people short of the requirement; with a filter a JSON page may hold fewer than `limit` people while `nextCursor` says more follow. `format=csv|xlsx` exports every matching person at once.",
  access: ['employer', 'admin'],
  handler: handler('staff-compliance'),
  request: { params: employerParams, query: staffComplianceQuery },
  responses: {
    200: {
      description: 'The page (JSON), or the whole list as text/csv or an .xlsx workbook',
      schema: staffComplianceView,
      alternatives: [{ contentType: 'text/csv' }, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
    },
    400: { description: 'A cursor that this list did not give' },
    403: { description: 'Not your employer id' },
    404: { description: 'No such employer' },
  },
  grants: [read],
  timeoutSeconds: 60,
  memoryMb: 1024,
});

export const routes = [createInstitutionRoute, updateInstitutionRoute, getInstitutionRoute, postRecordsRoute, voidRecordRoute, lookupRoute, myHoursRoute, annualReportRoute, requestRosterUploadRoute, getRosterUploadRoute, createEmployerRoute, addStaffRoute, removeStaffRoute, staffComplianceRoute];
