import * as z from 'zod';
import { schemaText } from '../../shared/http/messages';
import { problemWith } from '../../shared/http/response-check';
import { isKnownRegionCode } from '../../shared/ids/regions';
import { personDocument } from '../../shared/ids/person-document';
import { CERTIFICATE_TYPES } from './core/number';
import { todayInChina } from './core/status';

export const certificateType = z.enum(CERTIFICATE_TYPES).describe('ZC title · ZY qualification · JD technical grade · JX continuing education · PX training');
export const regionCode = z
  .string()
  .regex(/^\d{6}$/, schemaText('应为 6 位行政区划代码', 'A 6-digit division code'))
  .refine(isKnownRegionCode, schemaText('不是 GB/T 2260 行政区划代码（000000 表示全国）', 'Not a GB/T 2260 division code (000000 = national)'));
const isoDate = z.iso.date(schemaText('日期格式应为 YYYY-MM-DD', 'A date as YYYY-MM-DD'));
const text = (max: number) => z.string().trim().min(1).max(max);

const NOT_IN_FUTURE = schemaText('不得晚于今天', 'Must not be in the future');
const NOT_BEFORE_ISSUE_DATE = schemaText('不得早于发证日期（issueDate）', 'Must not be before issueDate');

export const issueRequest = z
  .strictObject({
    type: certificateType,
    region: regionCode,
    holder: personDocument,
    title: text(100),
    level: text(50).optional(),
    specialty: text(100).optional(),
    issuerName: text(100),
    issueDate: isoDate,
    validUntil: isoDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.issueDate > todayInChina()) ctx.addIssue({ code: 'custom', path: ['issueDate'], message: NOT_IN_FUTURE });
    if (value.validUntil && value.validUntil < value.issueDate) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: NOT_BEFORE_ISSUE_DATE });
  })
  .meta({ id: 'IssueCertificateRequest' });
export type IssueRequest = z.output<typeof issueRequest>;

export const batchIssueRequest = z.strictObject({
  items: z.array(z.unknown()).min(1).max(500).describe('Up to 500 IssueCertificateRequest objects; each is checked on its own'),
});

export const reasonBody = z.strictObject({ reason: text(500) });

export const numberParams = z.object({ number: z.string().max(64).describe('20-character certificate number, e.g. ZC310000202600012346') });
export const tokenParams = z.object({ token: z.string().max(512) });
export const nameQuery = z.strictObject({ name: text(100).describe("The holder's full name") });

export const verifyBatchRequest = z.strictObject({
  items: z.array(z.strictObject({ number: z.string().max(64), name: text(100) })).min(1).max(50),
});

const stateChange = z.object({ date: z.string(), reason: z.string() });
export const publicCertificate = z
  .object({
    number: z.string(),
    type: certificateType,
    title: z.string(),
    level: z.string().optional(),
    specialty: z.string().optional(),
    issuerName: z.string(),
    issueDate: z.string(),
    validUntil: z.string().optional(),
    status: z.enum(['VALID', 'REVOKED', 'SUSPENDED', 'EXPIRED']),
    revocation: stateChange.optional(),
    suspension: stateChange.optional(),
    holderName: z.string().describe('Masked: 张*, 张*三, 欧阳**'),
    hours: z.object({ total: z.number(), professional: z.number(), public: z.number() }).optional(),
  })
  .meta({ id: 'PublicCertificate' });

export const issuedCertificate = z
  .object({
    number: z.string(),
    status: z.string(),
    verifyToken: z.string(),
    verifyUrl: z.string(),
    documentPath: z.string(),
    certificate: publicCertificate,
  })
  .meta({ id: 'IssuedCertificate' });

export const batchIssueResponse = z.object({
  summary: z.object({ created: z.number(), rejected: z.number(), failed: z.number() }),
  results: z.array(
    z.object({
      index: z.number(),
      status: z.enum(['created', 'rejected', 'failed']),
      number: z.string().optional(),
      verifyToken: z.string().optional(),
      verifyUrl: z.string().optional(),
      errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    }),
  ),
});

export const verifyBatchResponse = z.object({
  results: z.array(
    z.object({
      number: z.string(),
      result: z.enum(['FOUND', 'NOT_FOUND', 'INVALID_NUMBER']),
      certificate: publicCertificate.optional(),
      detail: z.string().optional(),
    }),
  ),
});

export const jwks = z.object({ keys: z.array(z.record(z.string(), z.string())) }).meta({ id: 'JWKS' });

export const documentLink = z.object({ url: z.string(), expiresInSeconds: z.number() });

export const myCertificates = z.object({
  certificates: z.array(
    z.object({
      number: z.string(),
      type: certificateType,
      title: z.string(),
      level: z.string().optional(),
      status: z.enum(['VALID', 'REVOKED', 'SUSPENDED', 'EXPIRED']),
      issuerName: z.string(),
      issueDate: z.string(),
      validUntil: z.string().optional(),
      revocation: stateChange.optional(),
      suspension: stateChange.optional(),
      hours: z.object({ total: z.number(), professional: z.number(), public: z.number() }).optional(),
      verifications: z.array(z.object({ at: z.string(), method: z.enum(['number', 'qr', 'batch']), verifier: z.string() })),
    }),
  ),
});

/** The issuer's view (GET /certificates/{number}): the public answer with the full name, the masked ID number, the region and the audit trail. */
export const managedCertificate = publicCertificate
  .extend({
    holderName: z.string().describe('The full name (issuers of the region and admins only)'),
    idNumberMasked: z.string(),
    region: z.string(),
    history: z.array(
      z.object({
        action: z.enum(['ISSUED', 'REVOKED', 'REINSTATED', 'SUSPENDED', 'RESTORED']),
        at: z.string(),
        by: z.string(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'ManagedCertificate' });

/** A state change the certificate's state does not allow: the state it is in. */
export const certificateStateConflict = problemWith({ certificateStatus: z.enum(['VALID', 'REVOKED', 'SUSPENDED', 'EXPIRED']) });
