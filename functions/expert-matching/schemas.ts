import * as z from 'zod';
import { checkIdDocument, idDocumentFields, idType } from '../../shared/ids/person-document';
import { schemaText } from '../../shared/http/messages';
import { regionCode } from '../certificates/schemas';
import { isKnownDisciplineCode } from './core/disciplines';
import { EXPERT_CATEGORIES, SERVICE_FORMS, TITLE_LEVELS } from './core/model';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date(schemaText('日期格式应为 YYYY-MM-DD', 'A date as YYYY-MM-DD'));
const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export const expertId = z.string().regex(/^[A-Z0-9-]{3,32}$/, schemaText('应为 3–32 位大写字母、数字或连字符（-）', '3–32 of A-Z, 0-9 and -'));
export const needId = z.string().regex(/^[0-9a-f-]{36}$/, schemaText('应为提交需求（POST /needs）时返回的需求编号', 'A need id as returned by POST /needs'));
export const serviceForm = z.enum(SERVICE_FORMS);
const disciplineCode = z.string().refine(isKnownDisciplineCode, schemaText('不是平台学科代码表中的 GB/T 13745 学科代码', 'Not a GB/T 13745 discipline code in the shipped table'));
const fields = z.array(disciplineCode).min(1).max(10).describe('GB/T 13745 discipline codes (3-digit first level or 5-digit second level)');
const keywords = z.array(text(30)).max(20).describe('Free keywords, Chinese or English');

const expertFields = {
  name: text(50),
  fields,
  keywords,
  region: regionCode,
  categories: z.array(z.enum(EXPERT_CATEGORIES)).max(EXPERT_CATEGORIES.length),
  titleLevel: z.enum(TITLE_LEVELS),
  serviceForms: z.array(serviceForm).min(1).max(SERVICE_FORMS.length),
  capacity: z.number().int().min(1).max(20).describe('Services the expert takes on at the same time'),
  availableFrom: isoDate,
  availableTo: isoDate,
  retiredAndWilling: z.boolean().optional(),
  status: z.enum(['ACTIVE', 'INACTIVE']),
};
const windowRule = (v: { availableFrom?: string; availableTo?: string }) => !v.availableFrom || !v.availableTo || v.availableTo >= v.availableFrom;
const windowMessage = { message: schemaText('不得早于可服务起始日期（availableFrom）', 'Must not be before availableFrom'), path: ['availableTo'] };

export const createExpertRequest = z
  .strictObject({
    id: expertId.optional().describe('Chosen by the platform when left out'),
    ...expertFields,
    status: expertFields.status.default('ACTIVE'),
    keywords: keywords.default([]),
    categories: expertFields.categories.default([]),
    idNumber: idDocumentFields.idNumber.optional().describe("Links the expert to their own learning-hours record; stored only as a keyed hash"),
    idType: idType.optional().describe('The document idNumber is from; RESIDENT when left out'),
    idCountry: idDocumentFields.idCountry,
  })
  .superRefine(checkIdDocument)
  .refine(windowRule, windowMessage)
  .meta({ id: 'CreateExpertRequest' });
export type CreateExpertRequest = z.output<typeof createExpertRequest>;

export const updateExpertRequest = z
  .strictObject(Object.fromEntries(Object.entries(expertFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof expertFields]: z.ZodOptional<(typeof expertFields)[K]> })
  .refine((v) => Object.values(v).some((x) => x !== undefined), schemaText('请至少修改一个字段', 'Change at least one field'))
  .refine(windowRule, windowMessage);
export type UpdateExpertRequest = z.output<typeof updateExpertRequest>;

export const expertParams = z.object({ id: expertId });
export const needParams = z.object({ id: needId });
export const proposalParams = z.object({ id: needId, expertId });

export const submitNeedRequest = z
  .strictObject({
    title: text(100),
    description: text(4000),
    fields,
    keywords: keywords.optional(),
    region: regionCode.refine((r) => r !== '000000', schemaText('应为本单位所在地区，不能是全国（000000）', 'The region of the unit, not national')),
    serviceForm,
    expertsWanted: z.number().int().min(1).max(5),
    window: z.strictObject({ from: isoDate, to: isoDate }),
  })
  .superRefine((v, ctx) => {
    if (v.window.to < v.window.from) ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: schemaText('不得早于服务时段开始日期（window.from）', 'Must not be before window.from') });
    if (v.window.to < chinaToday()) ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: schemaText('服务时段已经结束', 'The window has already ended') });
  })
  .meta({ id: 'SubmitNeedRequest' });
export type SubmitNeedRequest = z.output<typeof submitNeedRequest>;

export const declineRequest = z.strictObject({ reason: text(500).optional() });

export const serviceRecordRequest = z
  .strictObject({
    hours: z.number().positive().max(200).refine((h) => Number.isInteger(h * 2), schemaText('学时须为 0.5 的整数倍', 'Hours must be a multiple of 0.5')),
    form: serviceForm,
    date: isoDate.refine((d) => d <= chinaToday(), schemaText('不得晚于今天', 'Must not be in the future')),
    summary: text(2000),
  })
  .meta({ id: 'ServiceRecordRequest' });

export const feedbackRequest = z.strictObject({ rating: z.number().int().min(1).max(5), comment: text(1000).optional() }).meta({ id: 'FeedbackRequest' });

export const statsQuery = z.strictObject({
  region: regionCode.optional().describe('A province (or any code within it); national when left out'),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const roundRequest = z.strictObject({
  dryRun: z.boolean().default(false).describe('Plan and report without proposing anyone'),
});

export const withdrawServiceRequest = z.strictObject({ reason: text(500) });
