import * as z from 'zod';
import { schemaText } from '../../shared/http/messages';
import { creditCodeProblem, normaliseCreditCode } from '../../shared/ids/credit-code';
import { checkIdDocument, idDocumentFields, personDocument } from '../../shared/ids/person-document';
import { regionCode } from '../certificates/schemas';
import { DEFAULT_RECORDS_PAGE, MAX_RECORDS_PAGE } from './core/record-pages';

export const institutionLevel = z.enum(['NATIONAL_BASE', 'PROVINCIAL_BASE', 'ACCREDITED']);
export const institutionStatus = z.enum(['ACTIVE', 'SUSPENDED', 'WITHDRAWN']);
const CODE_ID = schemaText('应为 3–32 位大写字母、数字或连字符（-）', '3–32 of A-Z, 0-9 and -');
export const institutionId = z.string().regex(/^[A-Z0-9-]{3,32}$/, CODE_ID);
const text = (max: number) => z.string().trim().min(1).max(max);

export const createInstitutionRequest = z.strictObject({ id: institutionId, name: text(100), level: institutionLevel, region: regionCode });
export const updateInstitutionRequest = z
  .strictObject({ status: institutionStatus.optional(), name: text(100).optional(), level: institutionLevel.optional(), reason: text(500).optional() })
  .refine((v) => v.status !== undefined || v.name !== undefined || v.level !== undefined, schemaText('请至少修改 status、name、level 中的一项', 'Change at least one of status, name, level'));

export const institutionParams = z.object({ id: institutionId });
export const recordParams = z.object({ id: institutionId, recordId: z.string().max(64) });

const halfHours = z
  .number()
  .positive()
  .max(200)
  .refine((h) => Number.isInteger(h * 2), schemaText('学时须为 0.5 的整数倍', 'Hours must be a multiple of 0.5'));
const pastDate = z.iso
  .date({ message: schemaText('日期格式应为 YYYY-MM-DD', 'A date as YYYY-MM-DD'), abort: true })
  .refine((d) => d <= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), schemaText('不得晚于今天', 'Must not be in the future'));

/** One hour record as an institution posts it; checked record by record so one bad record never sinks a batch. */
export const hourRecordInput = z.strictObject({
  recordId: z.string().regex(/^[\w.-]{1,64}$/, schemaText('应为 1–64 位字母、数字或 _ . -', '1–64 of letters, digits, _ . -')),
  person: personDocument,
  course: z.strictObject({ code: text(32), title: text(200), category: z.enum(['PUBLIC', 'PROFESSIONAL']) }),
  hours: halfHours,
  completedOn: pastDate,
  replaces: z.string().regex(/^[\w.-]{1,64}$/).optional().describe('recordId of a voided record this one corrects'),
});
export type HourRecordInput = z.output<typeof hourRecordInput>;

export const postRecordsRequest = z.strictObject({ records: z.array(z.unknown()).min(1).max(500) });
export const voidRequest = z.strictObject({ reason: text(500) });

export const institutionView = z
  .object({ id: z.string(), name: z.string(), level: institutionLevel, region: z.string(), status: institutionStatus, quota: z.number().nullable() })
  .meta({ id: 'Institution' });

export const postRecordsResponse = z.object({
  summary: z.object({ created: z.number(), duplicate: z.number(), conflict: z.number(), rejected: z.number(), failed: z.number() }),
  results: z.array(
    z.object({
      recordId: z.string().optional(),
      status: z.enum(['created', 'duplicate', 'conflict', 'rejected', 'failed']),
      errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    }),
  ),
});

const year = z.coerce.number().int().min(1990).max(2100);
/** One year, or a title-review window fromYear..toYear (at most 10 years). */
const period = {
  year: year.optional(),
  fromYear: year.optional(),
  toYear: year.optional(),
};
const periodRule = (v: { year?: number; fromYear?: number; toYear?: number }) =>
  (v.year !== undefined) !== (v.fromYear !== undefined && v.toYear !== undefined) && (v.fromYear === undefined) === (v.toYear === undefined);
const periodMessage = { message: schemaText('请填写 year，或同时填写 fromYear 和 toYear', 'Give either year, or both fromYear and toYear'), path: ['year'] };
/** The record lists come in pages (core/record-pages.ts); the figures always cover every record. */
const recordsPage = {
  limit: z.coerce.number().int().min(1).max(MAX_RECORDS_PAGE).optional().describe(`Records per page, across records and voidedRecords (default ${DEFAULT_RECORDS_PAGE})`),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
};

export const lookupRequest = z
  .strictObject({ ...idDocumentFields, name: text(50), region: regionCode.optional().describe("Judge by this region's policy — only for a person on no employer's staff list (an employer's region always decides for its staff); national otherwise"), ...period, ...recordsPage })
  .superRefine(checkIdDocument)
  .refine(periodRule, periodMessage);
export const myHoursQuery = z.strictObject({ ...period, ...recordsPage }).refine(periodRule, periodMessage);

const hoursRecordView = z.object({
  recordId: z.string(),
  institutionId: z.string(),
  course: z.object({ code: z.string(), title: z.string(), category: z.enum(['PUBLIC', 'PROFESSIONAL']) }),
  hours: z.number(),
  creditedHours: z.number().optional().describe('What the record counts for under the policy (daily caps)'),
  completedOn: z.string(),
  status: z.enum(['ACTIVE', 'VOIDED']),
  replaces: z.string().optional(),
  voided: z.object({ at: z.string(), by: z.string(), reason: z.string() }).optional(),
});
const recordsNextCursor = z.string().optional().describe('Present (at the top level) when more records follow: pass it as cursor, with the same year or window');
const hoursFigures = z.object({ total: z.number(), professional: z.number(), public: z.number() });
const yearHours = z.object({
  year: z.number(),
  totalHours: z.number(),
  professionalHours: z.number(),
  publicHours: z.number(),
  required: hoursFigures,
  compliant: z.boolean(),
  shortfall: hoursFigures,
  policy: z.string().describe('The id of the compliance policy applied'),
  nameReview: z.boolean().describe("The year's records (or the staff list) name the person in more than one way"),
  nameVariants: z.array(z.string()).optional().describe('Every name seen, when nameReview'),
  records: z.array(hoursRecordView).describe('This page of the active records, in crediting order'),
  voidedRecords: z.array(hoursRecordView).describe('This page of the voided records, after the active ones'),
  nextCursor: recordsNextCursor,
});
const policyBasis = z.enum(['EMPLOYER', 'LOOKUP', 'NATIONAL']).describe("Why this policy: the employer's region (staff list), the region the lookup named, or the national default");
const windowHours = z.object({
  fromYear: z.number(),
  toYear: z.number(),
  years: z.array(yearHours.omit({ nextCursor: true })),
  allMet: z.boolean(),
  policy: z.string(),
  policyBasis,
  nextCursor: recordsNextCursor,
});
/** A year as answered on its own (its policy basis beside it). */
const oneYearHours = yearHours.extend({ policyBasis });
/** A year (`year`), or a title-review window (`fromYear`..`toYear`) year by year. */
export const learningHoursView = z.union([oneYearHours, windowHours]).meta({ id: 'LearningHours' });
export const personLookupView = z
  .object({
    at: z.string(),
    by: z.string().describe("The looker's organisation and role (e.g. issuer:310000), never a token or a person's data"),
    region: z.string().optional().describe('The region the looker acts for'),
    years: z.array(z.number()).describe('The years the lookup asked about'),
  })
  .meta({ id: 'PersonLookup' });
const lookups = z.array(personLookupView).describe('HR lookups that matched this person (ID number and full name), newest first, at most 50');
export const myLearningHoursView = z.union([oneYearHours.extend({ lookups }), windowHours.extend({ lookups })]).meta({ id: 'MyLearningHours' });

export const reportParams = z.object({ id: institutionId, year: z.coerce.number().int().min(1990).max(2100) });
export const reportQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

export const rosterUploadParams = z.object({ id: institutionId, uploadId: z.uuid() });
const rosterCounts = z.object({ created: z.number(), duplicate: z.number(), conflict: z.number(), rejected: z.number(), failed: z.number() });
export const rosterUploadView = z
  .object({
    institutionId: z.string(),
    uploadId: z.string(),
    status: z.enum(['PENDING', 'PROCESSING', 'DONE', 'FAILED']),
    requestedBy: z.string(),
    requestedAt: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    encoding: z.string().optional().describe('utf-8 or gb18030, as detected'),
    totalRows: z.number().optional(),
    processedRows: z.number(),
    counts: rosterCounts,
    error: z.string().optional().describe('Why the file as a whole was refused (FAILED)'),
    resultUrl: z.string().optional().describe('The result CSV (per row: status and errors), a link valid for 5 minutes, once DONE'),
  })
  .meta({ id: 'RosterUpload' });
export const rosterUploadCreated = z
  .object({ uploadId: z.string(), uploadUrl: z.string().describe('PUT the CSV file here within 15 minutes'), expiresAt: z.string(), status: z.literal('PENDING') })
  .meta({ id: 'RosterUploadCreated' });

// Employers (用人单位, DESIGN §10) and their staff lists.
export const employerId = z.string().regex(/^[A-Z0-9-]{3,32}$/, CODE_ID);
const creditCode = z
  .string()
  .max(40)
  .transform(normaliseCreditCode)
  .refine((c) => creditCodeProblem(c) === undefined, schemaText('不是有效的统一社会信用代码（GB 32100：18 位，校验码须相符）', 'Not a unified social credit code (GB 32100: 18 characters and a matching check character)'));
export const createEmployerRequest = z.strictObject({ id: employerId, name: text(100), region: regionCode, creditCode: creditCode.optional() });
export const employerParams = z.object({ id: employerId });
export const staffParams = z.object({ id: employerId, staffId: z.string().regex(/^[\w-]{22}$/, schemaText('应为添加人员时返回的 staffId', 'A staffId as answered when the person was added')) });
export const employerView = z
  .object({ id: z.string(), name: z.string(), region: z.string(), creditCode: z.string().optional(), createdAt: z.string() })
  .meta({ id: 'Employer' });

/** One person an employer puts on its staff list; checked item by item like hour records. */
export const staffMemberInput = z
  .strictObject({
    ...idDocumentFields,
    name: text(50),
    employeeNo: z.string().regex(/^[\w.-]{1,32}$/, schemaText('应为 1–32 位字母、数字或 _ . -', '1–32 of letters, digits, _ . -')).optional(),
  })
  .superRefine(checkIdDocument);
export type StaffMemberInput = z.output<typeof staffMemberInput>;
export const addStaffRequest = z.strictObject({ items: z.array(z.unknown()).min(1).max(500) });
export const addStaffResponse = z.object({
  summary: z.object({ created: z.number(), duplicate: z.number(), conflict: z.number(), rejected: z.number() }),
  results: z.array(
    z.object({
      index: z.number(),
      staffId: z.string().optional(),
      status: z.enum(['created', 'duplicate', 'conflict', 'rejected']),
      errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    }),
  ),
});
export const staffMemberView = z
  .object({ staffId: z.string(), name: z.string(), idNumberMasked: z.string(), employeeNo: z.string().optional(), addedAt: z.string() })
  .meta({ id: 'StaffMember' });

export const staffComplianceQuery = z.strictObject({
  year: z.coerce.number().int().min(1990).max(2100),
  status: z.enum(['COMPLIANT', 'SHORT']).optional(),
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional().describe('People per page (JSON only; default 50)'),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});
const hoursTriple = z.object({ total: z.number(), professional: z.number(), public: z.number() });
export const staffComplianceView = z
  .object({
    year: z.number(),
    policy: z.string().describe("The policy of the employer's region, which judges every person on its staff"),
    items: z.array(
      z.object({
        staffId: z.string(),
        name: z.string().describe('Masked'),
        idNumberMasked: z.string(),
        employeeNo: z.string().optional(),
        totalHours: z.number(),
        professionalHours: z.number(),
        publicHours: z.number(),
        compliant: z.boolean(),
        shortfall: hoursTriple,
      }),
    ),
    nextCursor: z.string().optional(),
  })
  .meta({ id: 'StaffCompliance' });
