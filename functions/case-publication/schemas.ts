import * as z from 'zod';
import { schemaText } from '../../shared/http/messages';
import { problemWith } from '../../shared/http/response-check';
import { isKnownRegionCode } from '../../shared/ids/regions';
import { ATTACHMENT_CONTENT_TYPES, MAX_ATTACHMENT_BYTES } from './core/attachments';
import { CASE_TOPICS } from './core/topics';
import { CASE_STATUSES, MOVES } from './core/workflow';

const text = (max: number) => z.string().trim().min(1).max(max);
export const MAX_BODY_CHARACTERS = 100_000;

export const caseTopic = z.enum(CASE_TOPICS).describe('POSTDOCTORAL 博士后 · TITLES_AND_QUALIFICATIONS 职称和职业资格 · CONTINUING_EDUCATION 继续教育 · EXPERTS 专家服务 · RETURNED_SCHOLARS 留学人员回国 · INTEGRATED_SERVICES 综合服务');
export const regionCode = z
  .string()
  .regex(/^\d{6}$/, schemaText('应为 6 位行政区划代码', 'A 6-digit division code'))
  .refine(isKnownRegionCode, schemaText('不是 GB/T 2260 行政区划代码（000000 表示全国）', 'Not a GB/T 2260 division code (000000 = national)'));
const caseYear = z
  .number()
  .int()
  .min(1949)
  .refine((year) => year <= new Date().getUTCFullYear() + 1, schemaText('不得晚于明年', 'Must not be later than next year'));

const fields = {
  title: text(120),
  summary: text(500).describe('One or two sentences shown in lists and searched'),
  body: z.string().trim().min(1).max(MAX_BODY_CHARACTERS).describe('Markdown; raw HTML is shown as text'),
  topic: caseTopic,
  region: regionCode.describe('Division code of the department the case comes from (an issuer only within its own region)'),
  year: caseYear.describe('The year the case is about'),
  tags: z
    .array(text(20))
    .max(10)
    .refine((tags) => new Set(tags).size === tags.length, schemaText('标签不得重复', 'Tags must not repeat')),
};

export const createCaseRequest = z.strictObject({ ...fields, tags: fields.tags.default([]) }).meta({ id: 'CreateCaseRequest' });
export type CreateCaseRequest = z.output<typeof createCaseRequest>;

export const updateCaseRequest = z
  .strictObject({
    title: fields.title.optional(),
    summary: fields.summary.optional(),
    body: fields.body.optional(),
    topic: fields.topic.optional(),
    region: fields.region.optional(),
    year: fields.year.optional(),
    tags: fields.tags.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, schemaText('请至少指明一个要修改的字段', 'Name at least one field to change'))
  .meta({ id: 'UpdateCaseRequest' });
export type UpdateCaseRequest = z.output<typeof updateCaseRequest>;

const comment = text(1000);
export const moveRequest = z.strictObject({ comment: comment.optional() }).optional();
export const rejectRequest = z.strictObject({ comment: comment.describe('Why: the author reads this to revise the case') });

export const caseParams = z.object({ id: z.uuid(schemaText('应为案例编号（UUID）', 'A case id (UUID)')) });

export const attachmentRequest = z
  .strictObject({
    fileName: z.string().min(1).max(255).describe('Shown to readers; never part of the storage key'),
    contentType: z.enum(ATTACHMENT_CONTENT_TYPES).describe('PDF, PNG, JPEG, WebP, DOCX, XLSX or PPTX'),
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES).describe(`Bytes; at most ${MAX_ATTACHMENT_BYTES} (20 MiB)`),
  })
  .meta({ id: 'AttachmentRequest' });

const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, schemaText('应为整数', 'A whole number'))
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const PAGE_SIZE = 20;
export const MAX_QUERY_LENGTH = 40;
export const publicListQuery = z.strictObject({
  topic: caseTopic.optional(),
  region: regionCode.optional().describe('Cases of this division and every division within it'),
  year: queryInt(1949, 2100).optional(),
  q: z.string().trim().min(1).max(MAX_QUERY_LENGTH).optional().describe('Words to find in title, summary, tags and body (Chinese or English); every word must match'),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
  limit: queryInt(1, 50).default(PAGE_SIZE),
});
export type PublicListQuery = z.output<typeof publicListQuery>;

/* ------------------------------------------------------------------ answers (for the docs) */

const content = {
  title: z.string(),
  summary: z.string(),
  topic: caseTopic,
  region: z.string(),
  year: z.number(),
  tags: z.array(z.string()),
};
const historyEntry = z.object({
  action: z.enum(['create', 'revise', ...MOVES]),
  from: z.enum(CASE_STATUSES).optional(),
  to: z.enum(CASE_STATUSES),
  at: z.string(),
  by: z.string(),
  comment: z.string().optional(),
  version: z.number().optional(),
});
const attachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  status: z.enum(['PENDING', 'VERIFIED', 'REJECTED']),
  rejection: z.string().optional(),
  downloadUrl: z.string().optional().describe('A 5-minute link, once verified'),
});

export const caseView = z
  .object({
    id: z.string(),
    status: z.enum(CASE_STATUSES),
    revision: z.number(),
    allowedMoves: z.array(z.enum(MOVES)),
    editable: z.boolean(),
    draft: z.object({ ...content, body: z.string(), updatedAt: z.string(), updatedBy: z.string() }),
    published: z
      .object({ version: z.number(), publishedAt: z.string(), publishedBy: z.string(), title: z.string() })
      .optional()
      .describe('The version the public reads, while there is one'),
    versions: z.array(z.object({ version: z.number(), title: z.string(), publishedAt: z.string(), publishedBy: z.string() })),
    attachments: z.array(attachmentView),
    history: z.array(historyEntry),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'Case' });

export const attachmentUpload = z.object({
  attachmentId: z.string(),
  uploadUrl: z.string().describe('PUT the file here within 15 minutes'),
  uploadHeaders: z.record(z.string(), z.string()).describe('Send exactly these headers with the PUT'),
  expiresAt: z.string(),
  status: z.literal('PENDING'),
});

export const publicCaseCard = z
  .object({
    id: z.string(),
    version: z.number(),
    ...content,
    topicLabel: z.string(),
    regionName: z.string(),
    publishedAt: z.string().describe('First publication'),
  })
  .meta({ id: 'PublicCaseCard' });

export const publicCaseList = z.object({
  cases: z.array(publicCaseCard),
  nextCursor: z.string().optional().describe('Present when more cases may follow'),
});

export const publicCase = z
  .object({
    id: z.string(),
    version: z.number(),
    ...content,
    topicLabel: z.string(),
    regionName: z.string(),
    publishedAt: z.string().describe('When the case was first published'),
    versionPublishedAt: z.string().describe('When this version was published'),
    html: z.string().describe('The body, rendered from Markdown and sanitised'),
    attachments: z.array(z.object({ id: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), url: z.string(), expiresInSeconds: z.number() })),
  })
  .meta({ id: 'PublicCase' });

/** A move or edit the case's state does not allow: its state, what it allows now, and (publish) the attachment that changed after review. */
export const caseConflict = problemWith({
  caseStatus: z.enum(CASE_STATUSES),
  allowedMoves: z.array(z.enum(MOVES)).optional(),
  attachmentId: z.string().optional(),
});
