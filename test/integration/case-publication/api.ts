import { handler as approve } from '../../../functions/case-publication/handlers/approve';
import { handler as create } from '../../../functions/case-publication/handlers/create';
import { handler as get } from '../../../functions/case-publication/handlers/get';
import { handler as getPublic } from '../../../functions/case-publication/handlers/get-public';
import { handler as listPublic } from '../../../functions/case-publication/handlers/list-public';
import { handler as publish } from '../../../functions/case-publication/handlers/publish';
import { handler as reject } from '../../../functions/case-publication/handlers/reject';
import { handler as requestAttachment } from '../../../functions/case-publication/handlers/request-attachment';
import { handler as submit } from '../../../functions/case-publication/handlers/submit';
import { handler as update } from '../../../functions/case-publication/handlers/update';
import { handler as withdraw } from '../../../functions/case-publication/handlers/withdraw';
import { handler as verifyAttachments } from '../../../functions/case-publication/handlers/verify-attachments';
import { invoke } from '../../support/http-events';

/*
 * The service's handlers called in-process, as API Gateway would call them, by callers with
 * the claims its JWT authorizer passes on. Storage is the real DynamoDB Local and local S3.
 */
export type Claims = Record<string, string>;
export const ISSUER_SH: Claims = { sub: 'issuer-sh', 'cognito:groups': '[issuer]', 'custom:region': '310000' };
export const ISSUER_SH_2: Claims = { sub: 'issuer-sh-2', 'cognito:groups': '[issuer]', 'custom:region': '310000' };
export const REVIEWER_SH: Claims = { sub: 'reviewer-sh', 'cognito:groups': '[reviewer]', 'custom:region': '310000' };
export const ISSUER_JS: Claims = { sub: 'issuer-js', 'cognito:groups': '[issuer]', 'custom:region': '320000' };

export interface CaseBody {
  title: string;
  summary: string;
  body: string;
  topic: string;
  region: string;
  year: number;
  tags?: string[];
}

export const caseBody = (overrides: Partial<CaseBody> = {}): CaseBody => ({
  title: '博士后科研工作站招收培养新路径',
  summary: '探索博士后接续培养，拓展资助渠道。',
  body: '## 做法\n\n建立博士后科研工作站联合招收机制。',
  topic: 'POSTDOCTORAL',
  region: '310000',
  year: 2026,
  tags: ['博士后'],
  ...overrides,
});

const json = (body: unknown) => (body === undefined ? undefined : JSON.stringify(body));

export const api = {
  create: (claims: Claims, body: unknown) => invoke(create, { method: 'POST', path: '/cases', claims, body: json(body) }),
  update: (claims: Claims, id: string, body: unknown) => invoke(update, { method: 'PATCH', path: `/cases/${id}`, pathParameters: { id }, claims, body: json(body) }),
  get: (claims: Claims, id: string) => invoke(get, { path: `/cases/${id}/draft`, pathParameters: { id }, claims }),
  submit: (claims: Claims, id: string, body?: unknown) => invoke(submit, { method: 'POST', pathParameters: { id }, claims, body: json(body) }),
  approve: (claims: Claims, id: string, body?: unknown) => invoke(approve, { method: 'POST', pathParameters: { id }, claims, body: json(body) }),
  reject: (claims: Claims, id: string, body?: unknown) => invoke(reject, { method: 'POST', pathParameters: { id }, claims, body: json(body) }),
  publish: (claims: Claims, id: string, body?: unknown) => invoke(publish, { method: 'POST', pathParameters: { id }, claims, body: json(body) }),
  withdraw: (claims: Claims, id: string, body?: unknown) => invoke(withdraw, { method: 'POST', pathParameters: { id }, claims, body: json(body) }),
  requestAttachment: (claims: Claims, id: string, body: unknown) => invoke(requestAttachment, { method: 'POST', pathParameters: { id }, claims, body: json(body) }),
  list: (query: Record<string, string> = {}) => invoke(listPublic, { path: '/public/cases', query }),
  publicCase: (id: string) => invoke(getPublic, { path: `/public/cases/${id}`, pathParameters: { id } }),
};

/** Expects a status, showing the problem body when it is another. */
export async function expectStatus<T = Record<string, unknown>>(call: Promise<{ status: number; body?: Record<string, unknown> }>, status: number): Promise<T> {
  const res = await call;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** Writes a case and takes it through review to publication: returns its id. */
export async function publishedCase(body: Partial<CaseBody> = {}): Promise<string> {
  const { id } = await expectStatus<{ id: string }>(api.create(ISSUER_SH, caseBody(body)), 201);
  await expectStatus(api.submit(ISSUER_SH, id), 200);
  await expectStatus(api.approve(REVIEWER_SH, id, { comment: '同意发布' }), 200);
  await expectStatus(api.publish(REVIEWER_SH, id), 200);
  return id;
}

/** The S3 notification of an object created at `key`, delivered to the verification trigger. */
export async function notifyUpload(key: string): Promise<void> {
  const record = { eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'case-documents' }, object: { key: encodeURIComponent(key) } } };
  await verifyAttachments({ Records: [record] } as never);
}

export interface Card {
  id: string;
  title: string;
  version: number;
}

export const ids = (page: { cases: Card[] }) => page.cases.map((c) => c.id);
