import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/tokens';

/*
 * DESIGN §7: messages are Simplified Chinese by default and English when Accept-Language prefers
 * `en`; `type`, field paths and codes are the same in both. Against `npm start`.
 */

const suffix = Date.now().toString(36).toUpperCase();
const INST = `E2E-MSG-${suffix}`;
const CHINESE = /[\u4e00-\u9fff]/;

type Language = 'default' | 'en';
interface FieldError {
  path: string;
  message: string;
  code?: string;
}
interface Answer {
  status: number;
  contentLanguage: string | null;
  body: { type?: string; title?: string; detail?: string; errors?: FieldError[]; [key: string]: unknown };
}

async function ask(method: string, path: string, options: { token?: string; body?: unknown; language?: Language; acceptLanguage?: string } = {}): Promise<Answer> {
  const acceptLanguage = options.acceptLanguage ?? (options.language === 'en' ? 'en' : undefined);
  const res = await fetch(api(path), {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, contentLanguage: res.headers.get('content-language'), body: (await res.json()) as Answer['body'] };
}

/** The same request in Chinese (no Accept-Language) and in English. */
async function both(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const [zh, en] = await Promise.all([ask(method, path, options), ask(method, path, { ...options, language: 'en' })]);
  return { zh, en };
}

/** What must not change with the language: status, type, each error's path and code. */
const shape = ({ status, body }: Answer) => ({ status, type: body.type, errors: (body.errors ?? []).map((e) => [e.path, e.code ?? null]).sort() });
const messageOf = (answer: Answer, path: string) => answer.body.errors?.find((e) => e.path === path)?.message;

let admin: string;
let issuer: string;
let institution: string;

beforeAll(async () => {
  [admin, issuer, institution] = await Promise.all([tokenFor({ group: 'admin' }), tokenFor({ group: 'issuer', tenant: '310000' }), tokenFor({ group: 'institution', tenant: INST })]);
  const created = await ask('POST', '/institutions', { token: admin, body: { id: INST, name: `国家级继续教育基地 ${INST}`, level: 'NATIONAL_BASE', region: '310000' } });
  expect(created.status).toBe(201);
});

describe('messages in the caller’s language (DESIGN §7, npm start)', () => {
  it('a validation problem: zod’s own messages, the schema’s messages and unknown fields, Chinese by default', async () => {
    const body = {
      type: 'ZC',
      region: '999999',
      holder: { name: '张三', idNumber: '11010519491231002X' },
      issuerName: '上海市人力资源和社会保障局',
      issueDate: '2026-03-01',
      colour: 'red',
    };
    const { zh, en } = await both('POST', '/certificates', { token: issuer, body });
    expect(shape(zh)).toEqual(shape(en));
    expect(shape(zh)).toMatchObject({ status: 400, type: '/problems/validation' });
    expect(zh.body.errors!.map((e) => e.path).sort()).toEqual(['body.colour', 'body.region', 'body.title']);
    expect([zh.contentLanguage, en.contentLanguage]).toEqual(['zh-CN', 'en']);
    expect([zh.body.title, en.body.title]).toEqual(['请求无效', 'Invalid request']);
    expect(zh.body.detail).toMatch(CHINESE);
    expect(en.body.detail).not.toMatch(CHINESE);
    // Written in the schema (schemaText)…
    expect([messageOf(zh, 'body.region'), messageOf(en, 'body.region')]).toEqual(['不是 GB/T 2260 行政区划代码（000000 表示全国）', 'Not a GB/T 2260 division code (000000 = national)']);
    // …zod's own, through its zh-CN and en locales…
    expect(messageOf(zh, 'body.title')).toMatch(/^无效输入/);
    expect(messageOf(en, 'body.title')).toMatch(/^Invalid input: expected string/);
    // …and the envelope's.
    expect([messageOf(zh, 'body.colour'), messageOf(en, 'body.colour')]).toEqual(['未知字段', 'Unknown field']);
  });

  it('honours q-values: English only when it outranks Chinese', async () => {
    const path = '/public/cases/00000000-0000-4000-8000-000000000000';
    const prefersEnglish = await ask('GET', path, { acceptLanguage: 'zh-CN;q=0.5, en-US;q=0.9' });
    const prefersChinese = await ask('GET', path, { acceptLanguage: 'en;q=0.5, zh;q=0.9' });
    const unknown = await ask('GET', path, { acceptLanguage: 'fr-FR' });
    expect([prefersEnglish.contentLanguage, prefersChinese.contentLanguage, unknown.contentLanguage]).toEqual(['en', 'zh-CN', 'zh-CN']);
  });

  it('a 404', async () => {
    const { zh, en } = await both('GET', '/public/cases/00000000-0000-4000-8000-000000000000');
    expect(shape(zh)).toEqual(shape(en));
    expect(shape(zh)).toMatchObject({ status: 404, type: '/problems/case-not-found' });
    expect([zh.body.title, zh.body.detail]).toEqual(['未找到', '没有该编号的已发布案例。']);
    expect([en.body.title, en.body.detail]).toEqual(['Not found', 'No published case has this id.']);
  });

  it('a 401 (the local gateway’s, before any handler)', async () => {
    const { zh, en } = await both('GET', '/me/certificates');
    expect(shape(zh)).toEqual(shape(en));
    expect([zh.status, zh.body.title, en.body.title]).toEqual([401, '未认证', 'Unauthorized']);
  });

  it('a 403', async () => {
    const { zh, en } = await both('POST', '/institutions', { token: issuer, body: { id: `X-${suffix}`, name: '某机构', level: 'ACCREDITED', region: '310000' } });
    expect(shape(zh)).toEqual(shape(en));
    expect(zh.status).toBe(403);
    expect([zh.body.title, en.body.title]).toEqual(['禁止访问', 'Forbidden']);
    expect(zh.body.detail).toMatch(/^此操作仅限以下角色：.*admin/);
    expect(en.body.detail).toMatch(/^This operation is for: .*admin/);
  });

  it('rejected items inside a 2xx answer: a certificate batch and an hour-record batch', async () => {
    const item = { type: 'ZC', holder: { name: '张三', idNumber: '11010519491231002X' }, title: '高级工程师', issuerName: '上海市人社局', issueDate: '2026-03-01' };
    // Neither item is stored: one fails its schema, the other lies outside the issuer's region.
    const batch = await both('POST', '/certificates:batch', { token: issuer, body: { items: [{ ...item, region: '999999' }, { ...item, region: '440100' }] } });
    for (const answer of [batch.zh, batch.en]) expect(answer.status).toBe(200);
    const certificateErrors = (answer: Answer) => (answer.body.results as { index: number; status: string; errors: FieldError[] }[]).map((r) => ({ index: r.index, status: r.status, errors: r.errors.map((e) => [e.path, e.code ?? null]) }));
    expect(certificateErrors(batch.zh)).toEqual(certificateErrors(batch.en));
    const messages = (answer: Answer) => (answer.body.results as { errors: FieldError[] }[]).map((r) => r.errors.map((e) => e.message));
    expect(messages(batch.zh)).toEqual([['不是 GB/T 2260 行政区划代码（000000 表示全国）'], ['超出您的令牌所辖地区范围']]);
    expect(messages(batch.en)).toEqual([['Not a GB/T 2260 division code (000000 = national)'], ['Outside the region your token covers']]);

    const record = { recordId: `SELF-${suffix}`, person: { idNumber: '11010519491231002X', name: '张三' }, course: { code: 'C1', title: '课程', category: 'PUBLIC' }, hours: 2, completedOn: '2026-03-01' };
    const records = [{ ...record, replaces: record.recordId }, { ...record, recordId: `BAD-${suffix}`, hours: 0.3 }];
    const posted = await both('POST', `/institutions/${INST}/hour-records`, { token: institution, body: { records } });
    type Result = { status: string; errors: FieldError[] };
    const results = (answer: Answer) => answer.body.results as Result[];
    expect(results(posted.zh).map((r) => [r.status, r.errors.map((e) => [e.path, e.code ?? null])])).toEqual(results(posted.en).map((r) => [r.status, r.errors.map((e) => [e.path, e.code ?? null])]));
    expect(results(posted.zh).map((r) => r.errors.map((e) => e.message))).toEqual([['记录不能更正其自身。'], ['学时须为 0.5 的整数倍']]);
    expect(results(posted.en).map((r) => r.errors.map((e) => e.message))).toEqual([['A record cannot replace itself.'], ['Hours must be a multiple of 0.5']]);
  });

  it('a roster’s result file has Chinese row errors; a refused file is explained in the caller’s language', async () => {
    const header = '记录编号,身份证号,姓名,课程代码,课程名称,科目类别,学时,完成日期';
    const rows = [
      `MSG-1-${suffix},11010519491231002X,张三,C1,课程,公需科目,十二,2026/3/7`,
      `MSG-2-${suffix},11010519491231002X,张三,C1,课程,选修,2,2026/3/7`,
      `MSG-3-${suffix},110105194912310021,张三,C1,课程,专业科目,2,2026/3/7`,
    ];
    const done = await uploadRoster(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`);
    expect(done.view.status).toBe('DONE');
    const lines = (await (await fetch(done.view.resultUrl as string)).text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.slice(1)).toHaveLength(3);
    // Translated on the way in (the CSV cell) and from the posting rules (the record's schema).
    expect(lines[1]).toMatch(/^2,MSG-1-\w+,rejected,"?hours: “十二”不是有效的学时数/);
    expect(lines[2]).toMatch(/^3,MSG-2-\w+,rejected,"?category: “选修”不是有效的科目类别/);
    expect(lines[3]).toMatch(/^4,MSG-3-\w+,rejected,"?idNumber: 校验码不符/);

    const refused = await uploadRoster('recordId,name\nA,张三\n');
    expect(refused.view.status).toBe('FAILED');
    const en = await ask('GET', `/institutions/${INST}/roster-uploads/${refused.uploadId}`, { token: institution, language: 'en' });
    expect(refused.view.error).toMatch(/^表头缺少以下列：idNumber \/ 身份证号/);
    expect(en.body.error).toMatch(/^The header row lacks idNumber \/ 身份证号/);
  });
});

async function uploadRoster(csv: string): Promise<{ uploadId: string; view: Record<string, unknown> }> {
  const requested = await ask('POST', `/institutions/${INST}/roster-uploads`, { token: institution });
  expect(requested.status).toBe(201);
  const { uploadId, uploadUrl } = requested.body as unknown as { uploadId: string; uploadUrl: string };
  expect((await fetch(uploadUrl, { method: 'PUT', body: csv })).status).toBe(200);
  const deadline = Date.now() + 100_000;
  for (;;) {
    const view = (await ask('GET', `/institutions/${INST}/roster-uploads/${uploadId}`, { token: institution })).body;
    if (view.status === 'DONE' || view.status === 'FAILED' || Date.now() > deadline) return { uploadId, view };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
