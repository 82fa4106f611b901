import { beforeAll, describe, expect, it } from 'vitest';
import { api, tokenFor } from '../support/tokens';

/*
 * The case-publication service over HTTP against `npm start`: the local gateway with its JWT
 * authorizer, DynamoDB Local, the local S3 and its object-created notifications.
 */
type Json = Record<string, unknown>;
interface CaseView extends Json {
  id: string;
  status: string;
  allowedMoves: string[];
}
interface Page {
  cases: { id: string; title: string; topic: string }[];
  nextCursor?: string;
}

let author: string;
let reviewer: string;
let otherRegion: string;
let admin: string;

/** Words no other test writes: a search for them can only find this run's cases. */
const marker = () => Array.from({ length: 4 }, () => String.fromCodePoint(0x5a00 + Math.floor(Math.random() * 0x800))).join('');

const send = (method: string, path: string, token?: string, body?: unknown) =>
  fetch(api(path), {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function expectJson<T = Json>(response: Promise<Response>, status: number): Promise<T> {
  const res = await response;
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function expectProblem(response: Promise<Response>, status: number): Promise<Json & { errors?: { path: string }[] }> {
  const res = await response;
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as Json & { errors?: { path: string }[] };
  expect([res.status, body.status]).toEqual([status, status]);
  return body;
}

const caseBody = (overrides: Json = {}) => ({
  title: '继续教育基地建设经验',
  summary: '规范优化专业技术人员继续教育基地建设。',
  body: '## 主要做法\n\n建立基地动态评估机制。',
  topic: 'CONTINUING_EDUCATION',
  region: '310000',
  year: 2026,
  tags: ['继续教育'],
  ...overrides,
});

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

const publicIds = async (query: string) => (await expectJson<Page>(send('GET', `/public/cases?${query}`), 200)).cases.map((c) => c.id);

beforeAll(async () => {
  [author, reviewer, otherRegion, admin] = await Promise.all([
    tokenFor({ group: 'issuer', tenant: '310000' }),
    tokenFor({ group: 'reviewer', tenant: '310000' }),
    tokenFor({ group: 'issuer', tenant: '320000' }),
    tokenFor({ group: 'admin' }),
  ]);
});

describe('case publication end to end (npm start)', () => {
  it('author writes → submits → a reviewer approves → published: listed and found → withdrawn: gone', async () => {
    const words = marker();
    const created = await expectJson<CaseView>(send('POST', '/cases', author, caseBody({ title: `继续教育基地${words}评估`, topic: 'CONTINUING_EDUCATION' })), 201);
    expect(created).toMatchObject({ status: 'DRAFT', allowedMoves: ['submit'] });
    const { id } = created;

    expect(await expectJson<CaseView>(send('POST', `/cases/${id}/submit`, author), 200)).toMatchObject({ status: 'SUBMITTED' });
    expect(await expectJson<CaseView>(send('POST', `/cases/${id}/approve`, reviewer, { comment: '材料完整，同意' }), 200)).toMatchObject({ status: 'APPROVED' });
    const published = await expectJson<CaseView & { published: { version: number }; history: Json[] }>(send('POST', `/cases/${id}/publish`, reviewer), 200);
    expect(published).toMatchObject({ status: 'PUBLISHED', published: { version: 1 } });
    expect(published.history).toEqual([
      expect.objectContaining({ action: 'create', to: 'DRAFT', by: 'issuer:310000' }),
      expect.objectContaining({ action: 'submit', from: 'DRAFT', to: 'SUBMITTED', by: 'issuer:310000' }),
      expect.objectContaining({ action: 'approve', to: 'APPROVED', by: 'reviewer:310000', comment: '材料完整，同意' }),
      expect.objectContaining({ action: 'publish', to: 'PUBLISHED', by: 'reviewer:310000', version: 1 }),
    ]);

    await eventually(async () => ((await publicIds('topic=CONTINUING_EDUCATION')).includes(id) ? true : undefined));
    expect(await publicIds(`q=${encodeURIComponent(words)}`)).toEqual([id]);
    expect(await publicIds(`q=${encodeURIComponent(`${words} 基地`)}&region=310000&year=2026`)).toEqual([id]);
    const shown = await expectJson<{ title: string; html: string; topicLabel: string }>(send('GET', `/public/cases/${id}`), 200);
    expect(shown).toMatchObject({ title: `继续教育基地${words}评估`, topicLabel: '继续教育' });
    expect(shown.html).toContain('<h3>主要做法</h3>');

    expect(await expectJson<CaseView>(send('POST', `/cases/${id}/withdraw`, author, { comment: '政策已更新' }), 200)).toMatchObject({ status: 'WITHDRAWN' });
    expect(await publicIds('topic=CONTINUING_EDUCATION')).not.toContain(id);
    expect(await publicIds(`q=${encodeURIComponent(words)}`)).toEqual([]);
    const gone = await send('GET', `/public/cases/${id}`);
    const unknown = await send('GET', '/public/cases/00000000-0000-4000-8000-000000000000');
    expect([gone.status, unknown.status]).toEqual([404, 404]);
    expect(await gone.text()).toBe(await unknown.text());
  });

  it('the author cannot approve their own case', async () => {
    // An issuer is no reviewer at all…
    const { id } = await expectJson<CaseView>(send('POST', '/cases', author, caseBody()), 201);
    await expectJson(send('POST', `/cases/${id}/submit`, author), 200);
    await expectProblem(send('POST', `/cases/${id}/approve`, author), 403);
    // …and an admin who wrote a case may not review it either.
    const own = await expectJson<CaseView>(send('POST', '/cases', admin, caseBody({ region: '440000' })), 201);
    await expectJson(send('POST', `/cases/${own.id}/submit`, admin), 200);
    const refused = await expectProblem(send('POST', `/cases/${own.id}/approve`, admin, { comment: '自己批准' }), 403);
    expect(refused.detail).toMatch(/撰写或编辑过本案例/);
    await expectProblem(send('POST', `/cases/${own.id}/reject`, admin, { comment: '自己驳回' }), 403);
    expect((await expectJson<CaseView>(send('GET', `/cases/${own.id}/draft`, admin), 200)).status).toBe('SUBMITTED');
  });

  it('an issuer of another region can neither see nor edit a case', async () => {
    const { id } = await expectJson<CaseView>(send('POST', '/cases', author, caseBody()), 201);
    await expectProblem(send('PATCH', `/cases/${id}`, otherRegion, { title: '越权修改' }), 404);
    await expectProblem(send('GET', `/cases/${id}/draft`, otherRegion), 404);
    await expectProblem(send('POST', `/cases/${id}/submit`, otherRegion), 404);
    const outside = await expectProblem(send('POST', '/cases', otherRegion, caseBody({ region: '310000' })), 403);
    expect(outside.detail).toMatch(/310000/);
    expect((await expectJson<CaseView & { draft: { title: string } }>(send('GET', `/cases/${id}/draft`, author), 200)).draft.title).toBe('继续教育基地建设经验');
  });

  it('moves not allowed from the current state are 409 naming the allowed ones', async () => {
    const { id } = await expectJson<CaseView>(send('POST', '/cases', author, caseBody()), 201);
    const problem = await expectProblem(send('POST', `/cases/${id}/publish`, reviewer), 409);
    expect(problem).toMatchObject({ caseStatus: 'DRAFT', allowedMoves: ['submit'] });
    await expectProblem(send('POST', `/cases/${id}/withdraw`, author), 409);
  });

  it('bad input gets problem+json 4xx with field paths, never a 5xx', async () => {
    const invalid = await expectProblem(send('POST', '/cases', author, { ...caseBody({ region: '999999', year: 1800, topic: 'SPORTS', title: '' }), extra: true }), 400);
    expect(invalid.errors!.map((e) => e.path).sort()).toEqual(['body.extra', 'body.region', 'body.title', 'body.topic', 'body.year']);
    const missing = await expectProblem(send('POST', '/cases', author, {}), 400);
    expect(missing.errors!.map((e) => e.path)).toEqual(expect.arrayContaining(['body.title', 'body.summary', 'body.body', 'body.topic', 'body.region', 'body.year']));

    const { id } = await expectJson<CaseView>(send('POST', '/cases', author, caseBody()), 201);
    expect((await expectProblem(send('PATCH', `/cases/${id}`, author, {}), 400)).errors![0]!.path).toBe('body');
    expect((await expectProblem(send('PATCH', `/cases/${id}`, author, { tags: ['重复', '重复'] }), 400)).errors![0]!.path).toBe('body.tags');
    expect((await expectProblem(send('POST', `/cases/${id}/reject`, reviewer, {}), 400)).errors![0]!.path).toBe('body.comment');
    expect((await expectProblem(send('GET', '/cases/not-a-uuid/draft', author), 400)).errors![0]!.path).toBe('path.id');
    const upload = await expectProblem(send('POST', `/cases/${id}/attachments`, author, { fileName: 'x.html', contentType: 'text/html', size: 30 * 1024 * 1024 }), 400);
    expect(upload.errors!.map((e) => e.path).sort()).toEqual(['body.contentType', 'body.size']);

    for (const [query, path] of [
      ['topic=SPORTS', 'query.topic'],
      ['region=123456', 'query.region'],
      ['year=twenty', 'query.year'],
      ['limit=0', 'query.limit'],
      ['cursor=%25%25', 'query.cursor'],
      [`cursor=${Buffer.from('{"v":1}').toString('base64url')}`, 'query.cursor'],
      ['q=%E3%80%82%EF%BC%81', 'query.q'],
      ['unknown=1', 'query.unknown'],
    ]) {
      expect((await expectProblem(send('GET', `/public/cases?${query}`), 400)).errors!.map((e) => e.path), query).toContain(path);
    }
    const malformed = await fetch(api('/cases'), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${author}` }, body: '{"title":' });
    expect([malformed.status, malformed.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
  });

  it('uploads an attachment through its presigned URL; the S3 notification checks it', async () => {
    const { id } = await expectJson<CaseView>(send('POST', '/cases', author, caseBody()), 201);
    const pdf = new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(491)}`);
    const upload = await expectJson<{ attachmentId: string; uploadUrl: string; uploadHeaders: Record<string, string> }>(
      send('POST', `/cases/${id}/attachments`, author, { fileName: '基地评估报告.pdf', contentType: 'application/pdf', size: pdf.length }),
      201,
    );
    const put = await fetch(upload.uploadUrl, { method: 'PUT', body: pdf, headers: { 'content-type': upload.uploadHeaders['content-type']! } });
    expect(put.status).toBe(200);
    const verified = await eventually(async () => {
      const view = await expectJson<{ attachments: { id: string; status: string; downloadUrl?: string }[] }>(send('GET', `/cases/${id}/draft`, reviewer), 200);
      const attachment = view.attachments.find((a) => a.id === upload.attachmentId);
      return attachment?.status === 'PENDING' ? undefined : attachment;
    });
    expect(verified.status).toBe('VERIFIED');
    expect(new Uint8Array(await (await fetch(verified.downloadUrl!)).arrayBuffer())).toEqual(pdf);

    // A second file that lies about what it is, after the URL was signed for a PDF.
    const liar = await expectJson<{ attachmentId: string; uploadUrl: string }>(send('POST', `/cases/${id}/attachments`, author, { fileName: '伪装.pdf', contentType: 'application/pdf', size: 100 }), 201);
    expect((await fetch(liar.uploadUrl, { method: 'PUT', body: '<script>alert(1)</script>', headers: { 'content-type': 'application/pdf' } })).status).toBe(200);
    const refused = await eventually(async () => {
      const view = await expectJson<{ attachments: { id: string; status: string; rejection?: string }[] }>(send('GET', `/cases/${id}/draft`, author), 200);
      const attachment = view.attachments.find((a) => a.id === liar.attachmentId);
      return attachment?.status === 'PENDING' ? undefined : attachment;
    });
    expect(refused).toMatchObject({ status: 'REJECTED', rejection: expect.stringMatching(/与申报的 100 字节不符/) });
  });
});
