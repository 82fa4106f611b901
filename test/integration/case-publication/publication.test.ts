import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { casePublicationService } from '../../../functions/case-publication/service';
import { readBody } from '../../../functions/case-publication/store/bodies';
import { getVersion } from '../../../functions/case-publication/store/cases';
import { entriesOfCase } from '../../../functions/case-publication/store/listing';
import { platformService } from '../../../functions/platform/service';
import { setDynamoClient } from '../../../shared/ddb/client';
import { useLocalAws } from '../../support/local-aws';
import { api, caseBody, expectStatus, ids, ISSUER_JS, ISSUER_SH, ISSUER_SH_2, publishedCase, REVIEWER_SH, type Card } from './api';

type Page = { cases: Card[]; nextCursor?: string };
type PublicCase = { id: string; version: number; title: string; html: string };

beforeAll(async () => {
  await useLocalAws([platformService, casePublicationService]);
});
afterEach(() => setDynamoClient(undefined));

/** A DynamoDB client whose next `failures` calls of one command fail as if throttled. */
function failing(command: string, failures: number): DynamoDBClient {
  const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB, maxAttempts: 1 });
  let left = failures;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === command && left-- > 0) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $retryable: {} });
      return next(args);
    },
    { step: 'initialize' },
  );
  return client;
}

describe('publishing a case (DynamoDB Local + local S3)', () => {
  it('freezes the version: an edit after publication changes nothing public until the next publish', async () => {
    const id = await publishedCase({ title: '留学人员回国见习基地建设', body: '首版正文：见习基地覆盖十个区。', topic: 'RETURNED_SCHOLARS', tags: ['见习基地'] });
    const v1 = await expectStatus<PublicCase>(api.publicCase(id), 200);
    expect(v1).toMatchObject({ version: 1, title: '留学人员回国见习基地建设' });
    expect(v1.html).toContain('首版正文');

    // Another issuer of the region revises it: a new DRAFT, while the public still reads version 1.
    const revised = await expectStatus(api.update(ISSUER_SH_2, id, { title: '留学人才联络站建设', body: '第二版正文：联络站遍布海外。', tags: ['联络站'] }), 200);
    expect(revised).toMatchObject({ status: 'DRAFT', published: { version: 1, title: '留学人员回国见习基地建设' } });
    expect(await expectStatus<PublicCase>(api.publicCase(id), 200)).toEqual(v1);
    const listed = await expectStatus<Page>(api.list({ topic: 'RETURNED_SCHOLARS' }), 200);
    expect(listed.cases.find((c) => c.id === id)).toMatchObject({ title: '留学人员回国见习基地建设', version: 1 });
    expect(ids(await expectStatus<Page>(api.list({ q: '联络站' }), 200))).not.toContain(id);
    expect(ids(await expectStatus<Page>(api.list({ q: '见习基地' }), 200))).toContain(id);

    // Through review again, then published as version 2.
    await expectStatus(api.submit(ISSUER_SH_2, id), 200);
    await expectStatus(api.approve(REVIEWER_SH, id), 200);
    const republished = await expectStatus<{ versions: { version: number }[]; history: { action: string }[] }>(api.publish(ISSUER_SH, id, { comment: '第二版' }), 200);
    expect(republished.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(republished.history.map((h) => h.action)).toEqual(['create', 'submit', 'approve', 'publish', 'revise', 'submit', 'approve', 'publish']);

    const v2 = await expectStatus<PublicCase>(api.publicCase(id), 200);
    expect(v2).toMatchObject({ version: 2, title: '留学人才联络站建设' });
    expect(v2.html).toContain('第二版正文');
    expect(ids(await expectStatus<Page>(api.list({ q: '联络站' }), 200))).toContain(id);
    // Words only the first version had no longer find it.
    expect(ids(await expectStatus<Page>(api.list({ q: '见习基地' }), 200))).not.toContain(id);

    // Version 1 is still there, as it was: its own body object and metadata.
    const frozen = await getVersion(id, 1);
    expect(frozen).toMatchObject({ version: 1, title: '留学人员回国见习基地建设' });
    expect(frozen!.bodyKey).toBe(`published/${id}/v1/body.md`);
    expect(await readBody(frozen!.bodyKey)).toBe('首版正文：见习基地覆盖十个区。');
  });

  it('withdrawing takes the case out of every list and search, and the public gets the unknown-id answer', async () => {
    const id = await publishedCase({ title: '专家创新大讲堂走进县域', summary: '聚焦地方产业，举办专家大讲堂。', topic: 'EXPERTS', region: '310115', tags: ['大讲堂'] });
    const queries: Record<string, string>[] = [{}, { topic: 'EXPERTS' }, { region: '310000' }, { region: '310115', year: '2026' }, { q: '大讲堂' }, { q: '专家 县域', topic: 'EXPERTS' }];
    for (const query of queries) {
      expect(ids(await expectStatus<Page>(api.list(query), 200)), JSON.stringify(query)).toContain(id);
    }
    expect((await entriesOfCase(id, 'LIST#')).length).toBe(16);
    expect((await entriesOfCase(id, 'TERM#')).length).toBeGreaterThan(10);

    const withdrawn = await expectStatus(api.withdraw(ISSUER_SH, id, { comment: '内容已过时' }), 200);
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', allowedMoves: [], editable: false });
    expect(withdrawn.published).toBeUndefined();
    for (const query of queries.slice(0, 3).concat({ q: '大讲堂' })) {
      expect(ids(await expectStatus<Page>(api.list(query), 200)), JSON.stringify(query)).not.toContain(id);
    }
    expect(await entriesOfCase(id, 'LIST#')).toEqual([]);
    expect(await entriesOfCase(id, 'TERM#')).toEqual([]);

    const gone = await api.publicCase(id);
    const unknown = await api.publicCase('00000000-0000-4000-8000-000000000000');
    expect([gone.status, unknown.status]).toEqual([404, 404]);
    expect(gone.raw).toBe(unknown.raw);
    // Final: nothing moves it again.
    expect((await api.publish(REVIEWER_SH, id)).status).toBe(409);
    expect((await api.update(ISSUER_SH, id, { title: '再编辑' })).status).toBe(409);
  });

  it('never shows a case that was not published, and answers an unpublished id like an unknown one', async () => {
    const { id } = await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody({ title: '尚未发布的草稿案例', tags: ['草稿专用词'] })), 201);
    await expectStatus(api.submit(ISSUER_SH, id), 200);
    await expectStatus(api.approve(REVIEWER_SH, id), 200);
    expect(ids(await expectStatus<Page>(api.list({ q: '草稿专用词' }), 200))).toEqual([]);
    expect((await api.publicCase(id)).raw).toBe((await api.publicCase('00000000-0000-4000-8000-000000000000')).raw);
  });

  it('names the allowed moves when a move is not allowed, and keeps authors from reviewing their own case', async () => {
    const { id } = await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody()), 201);
    const early = await api.publish(REVIEWER_SH, id);
    expect(early.status).toBe(409);
    expect(early.headers['content-type']).toBe('application/problem+json');
    expect(early.body).toMatchObject({ status: 409, caseStatus: 'DRAFT', allowedMoves: ['submit'] });
    expect((await api.reject(REVIEWER_SH, id, {})).body).toMatchObject({ errors: [{ path: 'body.comment' }] });

    await expectStatus(api.submit(ISSUER_SH, id), 200);
    const ownAdmin = { sub: 'issuer-sh', 'cognito:groups': '[admin]' };
    expect((await api.approve(ownAdmin, id)).status).toBe(403);
    const rejected = await expectStatus(api.reject(REVIEWER_SH, id, { comment: '请补充数据' }), 200);
    expect(rejected).toMatchObject({ status: 'REJECTED', allowedMoves: [], editable: true });
    expect((await api.submit(ISSUER_SH, id)).body).toMatchObject({ allowedMoves: [] });
    // Editing a rejected case makes it a draft again.
    expect(await expectStatus(api.update(ISSUER_SH, id, { summary: '补充了数据。' }), 200)).toMatchObject({ status: 'DRAFT', allowedMoves: ['submit'] });
  });

  it('keeps each region’s cases to its own issuers and reviewers', async () => {
    const { id } = await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody()), 201);
    expect((await api.get(ISSUER_JS, id)).status).toBe(404);
    expect((await api.update(ISSUER_JS, id, { title: '越权修改' })).status).toBe(404);
    expect((await api.create(ISSUER_JS, caseBody({ region: '310000' }))).status).toBe(403);
    // Moving a case into a region the editor does not cover is refused too.
    expect((await api.update(ISSUER_SH, id, { region: '320000' })).status).toBe(403);
    expect((await api.get(REVIEWER_SH, id)).status).toBe(200);
  });

  it('leaves nothing public when storage fails half-way through a publish, and a retry completes it', async () => {
    const { id } = await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody({ title: '综合服务体系故障演练', topic: 'INTEGRATED_SERVICES', tags: ['故障演练'] })), 201);
    await expectStatus(api.submit(ISSUER_SH, id), 200);
    await expectStatus(api.approve(REVIEWER_SH, id), 200);

    // The search postings cannot be written: the publish answers 503 and changes nothing public.
    setDynamoClient(failing('BatchWriteItemCommand', 1));
    const failed = await api.publish(REVIEWER_SH, id);
    expect([failed.status, failed.headers['retry-after']]).toEqual([503, '1']);
    setDynamoClient(undefined);
    expect((await expectStatus(api.get(ISSUER_SH, id), 200)).status).toBe('APPROVED');
    expect((await api.publicCase(id)).status).toBe(404);
    expect(ids(await expectStatus<Page>(api.list({ topic: 'INTEGRATED_SERVICES' }), 200))).not.toContain(id);
    expect(ids(await expectStatus<Page>(api.list({ q: '故障演练' }), 200))).not.toContain(id);

    // The transaction itself fails: still nothing public.
    setDynamoClient(failing('TransactWriteItemsCommand', 1));
    expect((await api.publish(REVIEWER_SH, id)).status).toBe(503);
    setDynamoClient(undefined);
    expect(ids(await expectStatus<Page>(api.list({ q: '故障演练' }), 200))).not.toContain(id);

    await expectStatus(api.publish(REVIEWER_SH, id), 200);
    expect(ids(await expectStatus<Page>(api.list({ q: '故障演练' }), 200))).toEqual([id]);
    expect(await expectStatus(api.publicCase(id), 200)).toMatchObject({ version: 1 });
  });

  it('pages newest first with a cursor that only works for its own query', async () => {
    const tag = `翻页${Date.now() % 100000}`;
    const published: string[] = [];
    for (let i = 0; i < 5; i++) published.push(await publishedCase({ title: `继续教育基地建设第${i}例`, topic: 'CONTINUING_EDUCATION', tags: [tag] }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: Page = await expectStatus<Page>(api.list({ q: tag, limit: '2', ...(cursor ? { cursor } : {}) }), 200);
      expect(page.cases.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...published].reverse());

    const first = await expectStatus<Page>(api.list({ q: tag, limit: '2' }), 200);
    const elsewhere = await api.list({ q: tag, limit: '2', topic: 'EXPERTS', cursor: first.nextCursor! });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ errors: [{ path: 'query.cursor' }] });
    expect((await api.list({ cursor: 'eyJub3QiOiJhIGN1cnNvciJ9' })).body).toMatchObject({ status: 400, errors: [{ path: 'query.cursor' }] });
    expect((await api.list({ q: '！？' })).body).toMatchObject({ errors: [{ path: 'query.q' }] });
  });
});
