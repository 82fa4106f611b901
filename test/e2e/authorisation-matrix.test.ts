import { beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../../functions/services';
import type { TokenRequest } from '../../infra/local/tokens';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { ROLES, rowByAudience, tenantOf, type Outcome, type Role } from '../../shared/service/access-matrix';
import { api, tokenFor } from '../support/tokens';

/*
 * The authorisation matrix (functions/<service>/access-matrix.ts) against the running platform:
 * every route is called as every role with a valid request on resources of tenant A, and the
 * answer must be what the matrix says. Denied calls run first (all of them), then cheap reads
 * check that none of the denied writes changed anything, then the allowed calls run.
 *
 * All e2e files share one runtime: this file's tenants are Inner Mongolia (15, tenant A) and
 * Yunnan (53, tenant B), its experts and needs use disciplines 24040 / 21045 / 22015, and its ids
 * carry a per-run suffix — none of which the other files use.
 */
const suffix = Date.now().toString(36).toUpperCase().slice(-6);
const REGION_A = '150000';
const REGION_B = '530000';
const CITY_A = '150100';
const CHINA_NOW = new Date(Date.now() + 8 * 3600_000);
const YEAR = CHINA_NOW.getUTCFullYear();
const TODAY = CHINA_NOW.toISOString().slice(0, 10);
const HOURS_YEAR = YEAR - 1;
const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const serial = () => String(Math.floor(Math.random() * 900) + 100);
const PERSON_A = idNumber(`15010219880808${serial()}`);
const PERSON_B = idNumber(`53010219900909${serial()}`);
const PERSON_C = idNumber(`15010219750505${serial()}`);
const PERSON_STAFF = idNumber(`15010219800606${serial()}`);
const PERSON_STAFF_NEW = idNumber(`15010219810707${serial()}`);
const NAME_A = '包矩阵';
const INST_A = `AM-INST-A-${suffix}`;
const INST_B = `AM-INST-B-${suffix}`;
const INST_NEW = `AM-INST-N-${suffix}`;
const UNIT_A = `AM-UNIT-A-${suffix}`;
const UNIT_B = `AM-UNIT-B-${suffix}`;
const EXP_A = `AM-EXP-A-${suffix}`;
const EXP_B = `AM-EXP-B-${suffix}`;
const EXP_NEW = `AM-EXP-N-${suffix}`;
const EMP_A = `AM-EMP-A-${suffix}`;
const EMP_B = `AM-EMP-B-${suffix}`;

const TOKEN_REQUESTS: Record<Exclude<Role, 'anonymous'>, TokenRequest> = {
  admin: { group: 'admin' },
  issuerA: { group: 'issuer', tenant: REGION_A },
  issuerB: { group: 'issuer', tenant: REGION_B },
  institutionA: { group: 'institution', tenant: INST_A, region: REGION_A },
  institutionB: { group: 'institution', tenant: INST_B, region: REGION_B },
  unitA: { group: 'unit', tenant: UNIT_A },
  unitB: { group: 'unit', tenant: UNIT_B },
  expertA: { group: 'expert', tenant: EXP_A },
  expertB: { group: 'expert', tenant: EXP_B },
  reviewerA: { group: 'reviewer', tenant: REGION_A },
  reviewerB: { group: 'reviewer', tenant: REGION_B },
  professionalA: { group: 'professional', tenant: PERSON_A },
  professionalB: { group: 'professional', tenant: PERSON_B },
  employerA: { group: 'employer', tenant: EMP_A, region: REGION_A },
  employerB: { group: 'employer', tenant: EMP_B, region: REGION_B },
};
const tokens = {} as Record<Role, string | undefined>;

interface Answer {
  status: number;
  contentType: string;
  text: string;
}
interface Request {
  method: string;
  path: string;
  body?: unknown;
}

async function send(role: Role, { method, path, body }: Request): Promise<Answer> {
  const token = tokens[role];
  const res = await fetch(api(path), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A call that must succeed while the fixtures are set up. */
async function must<T = Record<string, unknown>>(role: Role, method: string, path: string, body?: unknown, status?: number): Promise<T> {
  const answer = await send(role, { method, path, body });
  if (status ? answer.status !== status : answer.status >= 300) throw new Error(`setup: ${method} ${path} as ${role} → ${answer.status} ${answer.text}`);
  return (answer.text ? JSON.parse(answer.text) : undefined) as T;
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`setup: ${what} not in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Runs the tasks at most `width` at a time (the machine is small and shared). */
async function inBatches<T>(tasks: (() => Promise<T>)[], width = 8): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// Fixtures, all owned by tenant A (filled in by beforeAll).

const fx = {
  cert: { main: '', mainToken: '', revoke: { A: '', admin: '' }, reinstate: { A: '', admin: '' }, suspend: { A: '', admin: '' }, restore: { A: '', admin: '' } },
  voidRecordId: `AM-VOID-${suffix}`,
  staffId: '',
  uploadId: '',
  needs: { accept: '', decline: '', record: '', withdrawA: '', withdrawAdmin: '', feedback: '' },
  cases: {
    view: '',
    update: { A: '', admin: '' },
    submit: { A: '', admin: '' },
    approve: { A: '', admin: '' },
    reject: { A: '', admin: '' },
    publish: { issuer: '', reviewer: '', admin: '' },
    withdraw: { issuer: '', reviewer: '', admin: '' },
    published: '',
  },
};

const certificateItem = (holder: string, name: string, title: string) => ({
  type: 'ZC',
  region: REGION_A,
  holder: { name, idNumber: holder },
  title,
  level: '中级',
  issuerName: '内蒙古自治区人力资源和社会保障厅',
  issueDate: `${YEAR}-01-01`,
});
const hourRecord = (recordId: string) => ({
  recordId,
  person: { idNumber: PERSON_A, name: NAME_A },
  course: { code: 'AM-1', title: '权限矩阵课程', category: 'PROFESSIONAL' },
  hours: 1,
  completedOn: `${HOURS_YEAR}-06-01`,
});
const expertBody = (id: string, field: string, region: string) => ({
  id,
  name: `矩阵专家${id.slice(-8)}`,
  fields: [field],
  keywords: ['乳制品加工'],
  region,
  categories: [],
  titleLevel: 'SENIOR',
  serviceForms: ['TECH_GUIDANCE'],
  capacity: 6,
  availableFrom: `${YEAR}-01-01`,
  availableTo: `${YEAR + 2}-12-31`,
});
const needBody = () => ({
  title: '乳制品加工技术指导',
  description: '合作社新建奶制品加工车间，需要工艺指导。',
  fields: ['24040'],
  keywords: ['乳制品加工'],
  region: CITY_A,
  serviceForm: 'TECH_GUIDANCE',
  expertsWanted: 1,
  window: { from: `${YEAR + 1}-03-01`, to: `${YEAR + 1}-06-30` },
});
const caseBody = (title: string) => ({
  title: `矩阵案例：${title}`,
  summary: '权限矩阵测试案例。',
  body: '## 做法\n\n按区域授权。',
  topic: 'INTEGRATED_SERVICES',
  region: REGION_A,
  year: YEAR,
  tags: ['矩阵'],
});

async function setUpCertificates(): Promise<void> {
  const main = await must<{ number: string; verifyToken: string }>('issuerA', 'POST', '/certificates', certificateItem(PERSON_A, NAME_A, '工程师'), 201);
  fx.cert.main = main.number;
  fx.cert.mainToken = main.verifyToken;
  const keys = ['revoke', 'reinstate', 'suspend', 'restore'] as const;
  const items = keys.flatMap((k) => [certificateItem(PERSON_C, '包其他', `${k}-A`), certificateItem(PERSON_C, '包其他', `${k}-admin`)]);
  const batch = await must<{ results: { status: string; number: string }[] }>('admin', 'POST', '/certificates:batch', { items }, 200);
  keys.forEach((k, i) => {
    fx.cert[k] = { A: batch.results[2 * i]!.number, admin: batch.results[2 * i + 1]!.number };
  });
  await Promise.all([
    ...Object.values(fx.cert.reinstate).map((n) => must('admin', 'POST', `/certificates/${n}/revocation`, { reason: '矩阵准备' })),
    ...Object.values(fx.cert.restore).map((n) => must('admin', 'POST', `/certificates/${n}/suspension`, { reason: '矩阵准备' })),
  ]);
  // The PDF is rendered from the table stream; allowed document calls should find it.
  await eventually('certificate PDF', async () => ((await send('admin', { method: 'GET', path: `/certificates/${fx.cert.main}/document` })).status === 200 ? true : undefined));
}

async function setUpLearningHours(): Promise<void> {
  await Promise.all([INST_A, INST_B].map((id, i) => must('admin', 'POST', '/institutions', { id, name: `矩阵培训基地${i ? 'B' : 'A'}`, level: 'ACCREDITED', region: i ? REGION_B : REGION_A }, 201)));
  const posted = await must<{ summary: { created: number } }>('institutionA', 'POST', `/institutions/${INST_A}/hour-records`, { records: [hourRecord(fx.voidRecordId), hourRecord(`AM-KEEP-${suffix}`)] });
  expect(posted.summary.created).toBe(2);
  fx.uploadId = (await must<{ uploadId: string }>('institutionA', 'POST', `/institutions/${INST_A}/roster-uploads`, undefined, 201)).uploadId;
  await Promise.all([EMP_A, EMP_B].map((id, i) => must('admin', 'POST', '/employers', { id, name: `矩阵用人单位${i ? 'B' : 'A'}`, region: i ? REGION_B : REGION_A }, 201)));
  const staff = await must<{ results: { staffId: string }[] }>('employerA', 'POST', `/employers/${EMP_A}/staff`, { items: [{ idNumber: PERSON_STAFF, name: '包员工' }] });
  fx.staffId = staff.results[0]!.staffId;
}

interface NeedView {
  status: string;
  proposals: { expertId: string; status: string }[];
}

async function setUpNeeds(): Promise<void> {
  await Promise.all([must('admin', 'POST', '/experts', expertBody(EXP_A, '24040', CITY_A), 201), must('admin', 'POST', '/experts', expertBody(EXP_B, '21045', '530100'), 201)]);
  const names = ['accept', 'decline', 'record', 'withdrawA', 'withdrawAdmin', 'feedback'] as const;
  const ids = await Promise.all(names.map(async () => (await must<{ needId: string }>('unitA', 'POST', '/needs', needBody(), 202)).needId));
  names.forEach((name, i) => (fx.needs[name] = ids[i]!));
  // Matching follows through the stream: the only expert of discipline 24040 is EXP_A.
  await Promise.all(
    ids.map((id) =>
      eventually(`need ${id} matched`, async () => {
        const need = await must<NeedView>('admin', 'GET', `/needs/${id}`);
        if (need.status === 'SUBMITTED') return undefined;
        expect(need.proposals.map((p) => [p.expertId, p.status])).toEqual([[EXP_A, 'PROPOSED']]);
        return need;
      }),
    ),
  );
  // Needs the later routes need confirmed (record) or served (withdraw, feedback). One at a time: they share the expert's load.
  for (const id of [fx.needs.record, fx.needs.withdrawA, fx.needs.withdrawAdmin, fx.needs.feedback]) await must('expertA', 'POST', `/needs/${id}/proposals/${EXP_A}/accept`);
  for (const id of [fx.needs.withdrawA, fx.needs.withdrawAdmin, fx.needs.feedback]) {
    await must('expertA', 'POST', `/needs/${id}/service-records`, { hours: 2, form: 'TECH_GUIDANCE', date: TODAY, summary: '现场指导' }, 201);
  }
}

async function setUpCases(): Promise<void> {
  const create = async (title: string) => (await must<{ id: string }>('issuerA', 'POST', '/cases', caseBody(title), 201)).id;
  const submitted = async (title: string) => {
    const id = await create(title);
    await must('issuerA', 'POST', `/cases/${id}/submit`);
    return id;
  };
  const approved = async (title: string) => {
    const id = await submitted(title);
    await must('reviewerA', 'POST', `/cases/${id}/approve`, { comment: '同意' });
    return id;
  };
  const published = async (title: string) => {
    const id = await approved(title);
    await must('reviewerA', 'POST', `/cases/${id}/publish`);
    return id;
  };
  const c = fx.cases;
  await Promise.all([
    create('查看').then((id) => (c.view = id)),
    create('编辑A').then((id) => (c.update.A = id)),
    create('编辑admin').then((id) => (c.update.admin = id)),
    create('提交A').then((id) => (c.submit.A = id)),
    create('提交admin').then((id) => (c.submit.admin = id)),
    submitted('批准A').then((id) => (c.approve.A = id)),
    submitted('批准admin').then((id) => (c.approve.admin = id)),
    submitted('驳回A').then((id) => (c.reject.A = id)),
    submitted('驳回admin').then((id) => (c.reject.admin = id)),
    approved('发布issuer').then((id) => (c.publish.issuer = id)),
    approved('发布reviewer').then((id) => (c.publish.reviewer = id)),
    approved('发布admin').then((id) => (c.publish.admin = id)),
    published('撤回issuer').then((id) => (c.withdraw.issuer = id)),
    published('撤回reviewer').then((id) => (c.withdraw.reviewer = id)),
    published('撤回admin').then((id) => (c.withdraw.admin = id)),
    published('公开').then((id) => (c.published = id)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// One valid request per route (per role where an allowed call changes state), and, for writes, a
// cheap read that must not change when every denied caller has tried.

interface RouteCase {
  request: (role: Role) => Request;
  /** Read (as admin unless said) before and after the denied calls: equal, or a denied write did something. */
  snapshot?: () => Promise<unknown>;
  /** Business answers of an allowed call besides 2xx. */
  allowedStatuses?: number[];
}

/** A read for a snapshot: status and body, without the request id a problem carries. */
const read = async (path: string, role: Role = 'admin') => {
  const answer = await send(role, { method: 'GET', path });
  const { requestId: _, ...body } = JSON.parse(answer.text) as Record<string, unknown>;
  return { status: answer.status, body };
};
const GET = (path: string): Request => ({ method: 'GET', path });
const byRole = <T>(role: Role, choices: { admin?: T; reviewerA?: T; fallback: T }): T =>
  role === 'admin' && choices.admin !== undefined ? choices.admin : role === 'reviewerA' && choices.reviewerA !== undefined ? choices.reviewerA : choices.fallback;
const certState = (which: keyof Pick<typeof fx.cert, 'revoke' | 'reinstate' | 'suspend' | 'restore'>) => () => read(`/certificates/${fx.cert[which].A}`);
const needState = (which: keyof typeof fx.needs) => () => read(`/needs/${fx.needs[which]}`);
const caseState = (id: () => string) => () => read(`/cases/${id()}/draft`);
const annualReport = () => read(`/institutions/${INST_A}/annual-reports/${HOURS_YEAR}`);
const certificatesOfC = async () => {
  const token = await tokenFor({ group: 'professional', tenant: PERSON_C });
  const res = await fetch(api('/me/certificates'), { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { certificates: unknown[] }).certificates.length;
};

const CASES: Record<string, RouteCase> = {
  // platform
  getHealth: { request: () => GET('/public/health') },
  getOpenApi: { request: () => GET('/openapi.json') },
  getEventCatalogue: { request: () => GET('/events.json') },
  getDocs: { request: () => GET('/docs') },
  notFound: { request: () => ({ method: 'POST', path: `/authorisation-matrix/no-such-route`, body: {} }), allowedStatuses: [404] },
  getSiteRoot: { request: () => GET('/') },
  getSitePage: { request: () => GET('/cases') },

  // certificates
  issueCertificate: { request: () => ({ method: 'POST', path: '/certificates', body: certificateItem(PERSON_C, '包其他', '签发') }), snapshot: certificatesOfC },
  issueCertificatesBatch: { request: () => ({ method: 'POST', path: '/certificates:batch', body: { items: [certificateItem(PERSON_C, '包其他', '批量签发')] } }), snapshot: certificatesOfC },
  getCertificate: { request: () => GET(`/certificates/${fx.cert.main}`) },
  revokeCertificate: {
    request: (role) => ({ method: 'POST', path: `/certificates/${byRole(role, { admin: fx.cert.revoke.admin, fallback: fx.cert.revoke.A })}/revocation`, body: { reason: '矩阵撤销' } }),
    snapshot: certState('revoke'),
  },
  reinstateCertificate: { request: (role) => ({ method: 'DELETE', path: `/certificates/${byRole(role, { admin: fx.cert.reinstate.admin, fallback: fx.cert.reinstate.A })}/revocation` }), snapshot: certState('reinstate') },
  suspendCertificate: {
    request: (role) => ({ method: 'POST', path: `/certificates/${byRole(role, { admin: fx.cert.suspend.admin, fallback: fx.cert.suspend.A })}/suspension`, body: { reason: '矩阵暂停' } }),
    snapshot: certState('suspend'),
  },
  restoreCertificate: { request: (role) => ({ method: 'DELETE', path: `/certificates/${byRole(role, { admin: fx.cert.restore.admin, fallback: fx.cert.restore.A })}/suspension` }), snapshot: certState('restore') },
  getCertificateDocument: { request: () => GET(`/certificates/${fx.cert.main}/document`) },
  verifyCertificate: { request: () => GET(`/public/certificates/${fx.cert.main}?name=${encodeURIComponent(NAME_A)}`) },
  verifyCertificateToken: { request: () => GET(`/public/verify/${fx.cert.mainToken}`) },
  getVerificationKeys: { request: () => GET('/public/keys') },
  verifyCertificatesBatch: { request: () => ({ method: 'POST', path: '/public/certificates:verify-batch', body: { items: [{ number: fx.cert.main, name: NAME_A }] } }) },
  listMyCertificates: { request: () => GET('/me/certificates') },

  // learning hours
  createInstitution: {
    request: () => ({ method: 'POST', path: '/institutions', body: { id: INST_NEW, name: '矩阵新基地', level: 'ACCREDITED', region: REGION_A } }),
    snapshot: () => read(`/institutions/${INST_NEW}`),
  },
  updateInstitution: { request: () => ({ method: 'PATCH', path: `/institutions/${INST_A}`, body: { name: '矩阵培训基地A（更名）' } }), snapshot: () => read(`/institutions/${INST_A}`) },
  getInstitution: { request: () => GET(`/institutions/${INST_A}`) },
  postHourRecords: { request: () => ({ method: 'POST', path: `/institutions/${INST_A}/hour-records`, body: { records: [hourRecord(`AM-NEW-${suffix}`)] } }), snapshot: annualReport },
  voidHourRecord: { request: () => ({ method: 'POST', path: `/institutions/${INST_A}/hour-records/${fx.voidRecordId}/void`, body: { reason: '矩阵作废' } }), snapshot: annualReport },
  lookupLearningHours: { request: () => ({ method: 'POST', path: '/learning-hours/lookup', body: { idNumber: PERSON_A, name: NAME_A, year: HOURS_YEAR } }) },
  getMyLearningHours: { request: () => GET(`/me/learning-hours?year=${HOURS_YEAR}`) },
  getAnnualReport: { request: () => GET(`/institutions/${INST_A}/annual-reports/${HOURS_YEAR}`) },
  requestRosterUpload: { request: () => ({ method: 'POST', path: `/institutions/${INST_A}/roster-uploads` }) },
  getRosterUpload: { request: () => GET(`/institutions/${INST_A}/roster-uploads/${fx.uploadId}`) },
  createEmployer: { request: () => ({ method: 'POST', path: '/employers', body: { id: `AM-EMP-N-${suffix}`, name: '矩阵新用人单位', region: REGION_A } }) },
  addStaffMembers: { request: () => ({ method: 'POST', path: `/employers/${EMP_A}/staff`, body: { items: [{ idNumber: PERSON_STAFF_NEW, name: '包新员工' }] } }) },
  removeStaffMember: { request: () => ({ method: 'DELETE', path: `/employers/${EMP_A}/staff/${fx.staffId}` }) },
  getStaffCompliance: { request: () => GET(`/employers/${EMP_A}/staff/compliance?year=${HOURS_YEAR}`) },

  // expert matching
  createExpert: { request: () => ({ method: 'POST', path: '/experts', body: expertBody(EXP_NEW, '22015', CITY_A) }), snapshot: () => read(`/experts/${EXP_NEW}`) },
  updateExpert: { request: () => ({ method: 'PATCH', path: `/experts/${EXP_A}`, body: { keywords: ['乳制品加工', '奶酪'] } }), snapshot: () => read(`/experts/${EXP_A}`) },
  getExpert: { request: () => GET(`/experts/${EXP_A}`) },
  submitNeed: { request: () => ({ method: 'POST', path: '/needs', body: needBody() }) },
  getNeed: { request: () => GET(`/needs/${fx.needs.accept}`) },
  explainCandidate: { request: () => GET(`/needs/${fx.needs.accept}/candidates/${EXP_A}`) },
  acceptProposal: { request: () => ({ method: 'POST', path: `/needs/${fx.needs.accept}/proposals/${EXP_A}/accept` }), snapshot: needState('accept') },
  declineProposal: { request: () => ({ method: 'POST', path: `/needs/${fx.needs.decline}/proposals/${EXP_A}/decline`, body: { reason: '档期冲突' } }), snapshot: needState('decline') },
  recordService: {
    request: () => ({ method: 'POST', path: `/needs/${fx.needs.record}/service-records`, body: { hours: 3, form: 'TECH_GUIDANCE', date: TODAY, summary: '现场指导' } }),
    snapshot: needState('record'),
  },
  withdrawService: {
    request: (role) => ({ method: 'POST', path: `/needs/${byRole(role, { admin: fx.needs.withdrawAdmin, fallback: fx.needs.withdrawA })}/service-records/${EXP_A}/withdraw`, body: { reason: '误报' } }),
    snapshot: needState('withdrawA'),
  },
  giveFeedback: { request: () => ({ method: 'POST', path: `/needs/${fx.needs.feedback}/feedback`, body: { rating: 5, comment: '很好' } }), snapshot: needState('feedback') },
  getMatchingStats: { request: () => GET(`/matching/stats?region=${REGION_A}&year=${YEAR}`) },
  runMatchingRound: { request: () => ({ method: 'POST', path: '/matching-rounds', body: { dryRun: true } }) },
  listMyProposals: { request: () => GET('/me/proposals') },

  // case publication
  createCase: { request: () => ({ method: 'POST', path: '/cases', body: caseBody('新建') }) },
  updateCase: {
    request: (role) => ({ method: 'PATCH', path: `/cases/${byRole(role, { admin: fx.cases.update.admin, fallback: fx.cases.update.A })}`, body: { title: '矩阵案例：已改' } }),
    snapshot: caseState(() => fx.cases.update.A),
  },
  getCase: { request: () => GET(`/cases/${fx.cases.view}/draft`) },
  submitCase: {
    request: (role) => ({ method: 'POST', path: `/cases/${byRole(role, { admin: fx.cases.submit.admin, fallback: fx.cases.submit.A })}/submit`, body: { comment: '请审核' } }),
    snapshot: caseState(() => fx.cases.submit.A),
  },
  approveCase: {
    request: (role) => ({ method: 'POST', path: `/cases/${byRole(role, { admin: fx.cases.approve.admin, fallback: fx.cases.approve.A })}/approve`, body: { comment: '同意' } }),
    snapshot: caseState(() => fx.cases.approve.A),
  },
  rejectCase: {
    request: (role) => ({ method: 'POST', path: `/cases/${byRole(role, { admin: fx.cases.reject.admin, fallback: fx.cases.reject.A })}/reject`, body: { comment: '请补充材料' } }),
    snapshot: caseState(() => fx.cases.reject.A),
  },
  publishCase: {
    request: (role) => ({ method: 'POST', path: `/cases/${byRole(role, { admin: fx.cases.publish.admin, reviewerA: fx.cases.publish.reviewer, fallback: fx.cases.publish.issuer })}/publish`, body: {} }),
    snapshot: caseState(() => fx.cases.publish.issuer),
  },
  withdrawCase: {
    request: (role) => ({ method: 'POST', path: `/cases/${byRole(role, { admin: fx.cases.withdraw.admin, reviewerA: fx.cases.withdraw.reviewer, fallback: fx.cases.withdraw.issuer })}/withdraw`, body: { comment: '撤回' } }),
    snapshot: caseState(() => fx.cases.withdraw.issuer),
  },
  requestCaseAttachment: {
    request: () => ({ method: 'POST', path: `/cases/${fx.cases.view}/attachments`, body: { fileName: '材料.pdf', contentType: 'application/pdf', size: 2048 } }),
    snapshot: caseState(() => fx.cases.view),
  },
  listPublicCases: { request: () => GET(`/public/cases?region=${REGION_A}`) },
  getPublicCase: { request: () => GET(`/public/cases/${fx.cases.published}`) },
};

// ---------------------------------------------------------------------------------------------

const ROUTES = SERVICES.flatMap((service) => service.routes.map((route) => ({ service: service.name, route, row: service.accessMatrix?.[route.operationId] })));
const MATRIX_CASES = ROUTES.flatMap(({ service, route, row }) =>
  ROLES.map((role) => ({ name: `${service}.${route.operationId} ${route.method} ${route.path} as ${role}`, operationId: route.operationId, role, outcome: (row?.[role] ?? 'deny') as Outcome })),
);
type MatrixCase = (typeof MATRIX_CASES)[number];
/** A call the matrix expects to be refused: a denied group, or tenant B on tenant A's resource. */
const refused = ({ outcome, role }: MatrixCase) => outcome === 'deny' || (outcome.startsWith('tenant:') && tenantOf(role) === 'B');

const answers = new Map<string, Answer>();
const snapshots = new Map<string, { before: unknown; after: unknown }>();
let timings = '';

beforeAll(async () => {
  const started = Date.now();
  await Promise.all(ROLES.filter((r) => r !== 'anonymous').map(async (role) => (tokens[role] = await tokenFor(TOKEN_REQUESTS[role as Exclude<Role, 'anonymous'>]))));
  await Promise.all([setUpCertificates(), setUpLearningHours(), setUpNeeds(), setUpCases()]);
  const fixtures = Date.now();

  const run = (cases: MatrixCase[]) =>
    inBatches(
      cases.map((c) => async () => {
        const spec = CASES[c.operationId];
        if (spec) answers.set(c.name, await send(c.role, spec.request(c.role)));
      }),
    );
  const withSnapshot = Object.entries(CASES).filter(([, spec]) => spec.snapshot);
  const before = await Promise.all(withSnapshot.map(([, spec]) => spec.snapshot!()));
  await run(MATRIX_CASES.filter(refused));
  const after = await Promise.all(withSnapshot.map(([, spec]) => spec.snapshot!()));
  withSnapshot.forEach(([id], i) => snapshots.set(id, { before: before[i], after: after[i] }));
  const denials = Date.now();
  // Allowed reads first, so that they see the fixtures before the allowed writes move them on.
  const allowed = MATRIX_CASES.filter((c) => !refused(c));
  const isRead = (c: MatrixCase) => CASES[c.operationId]?.request(c.role).method === 'GET';
  await run(allowed.filter(isRead));
  await run(allowed.filter((c) => !isRead(c)));
  timings = `fixtures ${fixtures - started} ms, ${MATRIX_CASES.filter(refused).length} denied calls ${denials - fixtures} ms, ${allowed.length} allowed calls ${Date.now() - denials} ms`;
}, 120_000);

describe('the authorisation matrix against the running platform', () => {
  it('has a request for every route of every service', () => {
    expect(ROUTES.filter(({ route }) => !CASES[route.operationId]).map(({ route }) => route.operationId)).toEqual([]);
    expect(ROUTES.filter(({ row }) => !row).map(({ route }) => route.operationId)).toEqual([]);
    console.info(`authorisation matrix: ${timings}`);
  });

  it.each(MATRIX_CASES)('$name → $outcome', (c) => {
    const answer = answers.get(c.name);
    expect(answer, 'no answer recorded').toBeDefined();
    const { status, contentType, text } = answer!;
    const seen = `${status} ${text.slice(0, 300)}`;
    expect(status, seen).toBeLessThan(500);
    if (refused(c)) {
      const expected = c.outcome === 'deny' ? (c.role === 'anonymous' ? 401 : 403) : c.outcome === 'tenant:item' ? 200 : Number(c.outcome.slice('tenant:'.length));
      expect(status, seen).toBe(expected);
      if (c.outcome === 'tenant:item') {
        // The batch is answered, and every item outside the caller's tenant is rejected.
        const results = (JSON.parse(text) as { results: { status: string; errors?: { path: string }[] }[] }).results;
        expect(results.map((r) => r.status)).toEqual(results.map(() => 'rejected'));
        expect(results.flatMap((r) => r.errors ?? []).map((e) => e.path)).toEqual(results.map((_, i) => `items[${i}].region`));
      } else {
        expect(contentType, seen).toBe('application/problem+json');
        expect((JSON.parse(text) as { status: number }).status).toBe(expected);
      }
    } else {
      expect([401, 403], seen).not.toContain(status);
      const business = CASES[c.operationId]?.allowedStatuses ?? [];
      expect(status < 300 || business.includes(status), seen).toBe(true);
      if (c.outcome === 'tenant:item') {
        const results = (JSON.parse(text) as { results: { status: string }[] }).results;
        expect(results.map((r) => r.status)).toEqual(results.map(() => 'created'));
      }
    }
  });

  it('the served API docs print this matrix: x-access-matrix on each operation, a table on /docs', () => {
    const anonymousAnswer = (operationId: string) => answers.get(MATRIX_CASES.find((c) => c.operationId === operationId && c.role === 'anonymous')!.name)!.text;
    const doc = JSON.parse(anonymousAnswer('getOpenApi')) as { paths: Record<string, Record<string, { 'x-access-matrix'?: unknown }>> };
    for (const { route, row } of ROUTES.filter(({ route }) => !route.hiddenFromDocs && route.path !== '$default')) {
      expect([route.operationId, doc.paths[route.path]?.[route.method.toLowerCase()]?.['x-access-matrix']]).toEqual([route.operationId, rowByAudience(row!)]);
    }
    const docs = anonymousAnswer('getDocs');
    expect(docs).toContain('id="access-matrix"');
    expect(docs).toContain('<a href="#getCertificate">GET /certificates/{number}</a>');
  });

  it.each([
    ['listMyCertificates', 'professional', () => fx.cert.main],
    ['listMyProposals', 'expert', () => fx.needs.accept],
    ['getMyLearningHours', 'professional', () => fx.voidRecordId],
  ] as const)('%s: a self-scoped answer shows tenant A its own data and tenant B none of it', (operationId, group, marker) => {
    const text = (role: Role) => answers.get(MATRIX_CASES.find((c) => c.operationId === operationId && c.role === role)!.name)?.text ?? '';
    expect(text(`${group}A`)).toContain(marker());
    expect(text(`${group}B`)).not.toContain(marker());
  });

  it.each(Object.keys(CASES).filter((id) => CASES[id]!.snapshot))('%s: the denied calls changed nothing', (operationId) => {
    const snapshot = snapshots.get(operationId);
    expect(snapshot).toBeDefined();
    expect(snapshot!.after).toEqual(snapshot!.before);
  });
});
