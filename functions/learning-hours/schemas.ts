import * as z from 'zod';
import { regionCode, residentIdNumber } from '../certificates/schemas';

export const institutionLevel = z.enum(['NATIONAL_BASE', 'PROVINCIAL_BASE', 'ACCREDITED']);
export const institutionStatus = z.enum(['ACTIVE', 'SUSPENDED', 'WITHDRAWN']);
export const institutionId = z.string().regex(/^[A-Z0-9-]{3,32}$/, '3–32 of A-Z, 0-9 and -');
const text = (max: number) => z.string().trim().min(1).max(max);

export const createInstitutionRequest = z.strictObject({ id: institutionId, name: text(100), level: institutionLevel, region: regionCode });
export const updateInstitutionRequest = z
  .strictObject({ status: institutionStatus.optional(), name: text(100).optional(), level: institutionLevel.optional(), reason: text(500).optional() })
  .refine((v) => v.status !== undefined || v.name !== undefined || v.level !== undefined, 'Change at least one of status, name, level');

export const institutionParams = z.object({ id: institutionId });
export const recordParams = z.object({ id: institutionId, recordId: z.string().max(64) });

const halfHours = z
  .number()
  .positive()
  .max(200)
  .refine((h) => Number.isInteger(h * 2), 'Hours must be a multiple of 0.5');
const pastDate = z.iso.date({ message: 'A date as YYYY-MM-DD', abort: true }).refine((d) => d <= new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10), 'Must not be in the future');

/** One hour record as an institution posts it; checked record by record so one bad record never sinks a batch. */
export const hourRecordInput = z.strictObject({
  recordId: z.string().regex(/^[\w.-]{1,64}$/, '1–64 of letters, digits, _ . -'),
  person: z.strictObject({ idNumber: residentIdNumber, name: text(50) }),
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
      errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
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
const periodMessage = { message: 'Give either year, or both fromYear and toYear', path: ['year'] };

export const lookupRequest = z
  .strictObject({ idNumber: residentIdNumber, name: text(50), region: regionCode.optional().describe('Whose policy applies; defaults to your region'), ...period })
  .refine(periodRule, periodMessage);
export const myHoursQuery = z.strictObject({ region: regionCode.optional(), ...period }).refine(periodRule, periodMessage);

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
