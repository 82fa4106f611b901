import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { z } from 'zod';
import { SERVICES } from '../../functions/services';
import { issueRequest } from '../../functions/certificates/schemas';
import { hourRecordInput } from '../../functions/learning-hours/schemas';
import type { Group } from '../../shared/auth/groups';
import { normaliseResidentId } from '../../shared/ids/resident-id';
import type { RouteDefinition } from '../../shared/service/definitions';
import { FUZZ_PERSON, MARKER } from '../support/fuzz/hostile';
import { edgeTextRequests, guard, requestArbitrary, type FuzzRequest, type FuzzTarget } from '../support/fuzz/requests';
import { pool, sender, type FuzzResponse } from '../support/fuzz/send';
import { findContamination, scanAllTables } from '../support/fuzz/tables';
import { api, tokenFor } from '../support/tokens';

/*
 * Bad-input fuzzing of every route (DESIGN §7): valid bodies with one field mutated (wrong
 * types, oversize and near-limit strings, 10,000-level nesting, prototype keys, unicode edge
 * cases, odd numbers), malformed JSON, wrong media types, path, query and header tricks.
 * Every answer must be < 500, every 4xx problem+json without internals, and afterwards the
 * tables must hold nothing of the fuzzing tenants that valid requests did not create.
 *
 * FUZZ_RUNS (total requests, default 10,240), FUZZ_SEED (reproduce a run), FUZZ_CONCURRENCY.
 * Tenants used by no other e2e file: region 650000 (Xinjiang), FZ-* institution/unit/expert ids,
 * a Xinjiang resident ID number, discipline 160 and a 2099 window (nobody else's experts qualify).
 */

const TOTAL = Number(process.env.FUZZ_RUNS ?? 10_240);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
/** Valid bodies sent per route at most: enough to reach storage, few enough to leave little behind. */
const VALID_CAP = 6;

const sfx = Date.now().toString(36).toUpperCase().slice(-6);
const REGION = '650000';
const INST = `FZ-INST-${sfx}`;
const UNIT = `FZ-UNIT-${sfx}`;
const EXPERT = `FZ-EXP-${sfx}`;
const NAME = '测试甲';

const certSeed = {
  type: 'PX',
  region: REGION,
  holder: { name: NAME, idNumber: FUZZ_PERSON },
  title: '模糊测试培训证书',
  level: '初级',
  specialty: '安全测试',
  issuerName: '新疆维吾尔自治区人力资源和社会保障厅',
  issueDate: '2025-06-01',
  validUntil: '2030-06-01',
};
const hourRecord = (recordId: string) => ({
  recordId,
  person: { idNumber: FUZZ_PERSON, name: NAME },
  course: { code: 'FZ-1', title: '模糊测试课程', category: 'PUBLIC' },
  hours: 1,
  completedOn: '2025-03-01',
});
const expertSeed = (id: string) => ({
  id,
  name: '模糊专家',
  fields: ['160'],
  keywords: ['天文'],
  region: '650100',
  categories: ['OTHER'],
  titleLevel: 'SENIOR',
  serviceForms: ['LECTURE'],
  capacity: 1,
  availableFrom: '2098-01-01',
  availableTo: '2099-12-31',
  retiredAndWilling: false,
  status: 'INACTIVE',
});
const needSeed = {
  title: '模糊需求',
  description: '天文观测指导',
  fields: ['160'],
  keywords: ['望远镜'],
  region: '650100',
  serviceForm: 'LECTURE',
  expertsWanted: 1,
  window: { from: '2099-01-01', to: '2099-12-31' },
};
const caseSeed = { title: '模糊案例', summary: '摘要', body: '# 正文\n\n内容', topic: 'CONTINUING_EDUCATION', region: REGION, year: 2025, tags: ['模糊'] };

const fixtures = { number: '', verifyToken: '', uploadId: '', needId: '', caseA: '', caseB: '' };
const tokens = new Map<Group, string>();
/** Every string in the answers of valid creating requests (fixtures and fuzz): what may exist. */
const allowed = new Set<string>([INST, UNIT, EXPERT]);

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => collectStrings(v, into));
}

async function call(method: string, path: string, group: Group, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(api(path), {
    method,
    headers: { authorization: `Bearer ${tokens.get(group)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`fixture ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  collectStrings(json, allowed);
  return json;
}

const isIssueForFuzzPerson = (item: unknown) => {
  const parsed = issueRequest.safeParse(item);
  return !parsed.success || parsed.data.holder.idNumber === FUZZ_PERSON;
};
const personOf = (b: Record<string, unknown>) => normaliseResidentId(String((b.holder as { idNumber?: unknown } | undefined)?.idNumber ?? ''));

/** The seed of each route: params, query, body, and which valid bodies are harmless to send. */
function seedFor(route: RouteDefinition): Omit<FuzzTarget, 'route' | 'token'> {
  const s = (x: Partial<Omit<FuzzTarget, 'route' | 'token'>>) => ({ params: {}, query: {}, ...x });
  const n = { number: fixtures.number };
  switch (route.operationId) {
    case 'issueCertificate':
      return s({ body: certSeed, allowValid: (b) => personOf(b) === FUZZ_PERSON });
    case 'issueCertificatesBatch':
      return s({
        body: { items: [certSeed] },
        isValid: (b) => route.request.body!.safeParse(b).success && ((b as { items: unknown[] }).items ?? []).some((i) => issueRequest.safeParse(i).success),
        allowValid: (b) => (b.items as unknown[]).every(isIssueForFuzzPerson),
      });
    case 'getCertificate':
    case 'getCertificateDocument':
    case 'reinstateCertificate':
    case 'restoreCertificate':
      return s({ params: n });
    case 'revokeCertificate':
    case 'suspendCertificate':
      return s({ params: n, body: { reason: '模糊测试' } });
    case 'verifyCertificate':
      return s({ params: n, query: { name: NAME } });
    case 'verifyCertificateToken':
      return s({ params: { token: fixtures.verifyToken } });
    case 'verifyCertificatesBatch':
      return s({ body: { items: [{ number: fixtures.number, name: NAME }] } });
    case 'createInstitution':
      return s({ body: { id: `FZ-I2-${sfx}`, name: '模糊机构', level: 'ACCREDITED', region: REGION }, allowValid: (b) => String(b.id).startsWith('FZ-') });
    case 'updateInstitution':
      return s({ params: { id: INST }, body: { name: '模糊机构（改）', level: 'ACCREDITED' }, allowValid: (b) => b.status === undefined || b.status === 'ACTIVE' });
    case 'getInstitution':
    case 'requestRosterUpload':
      return s({ params: { id: INST } });
    case 'postHourRecords':
      return s({
        params: { id: INST },
        body: { records: [hourRecord('FZ-R1')] },
        isValid: (b) => route.request.body!.safeParse(b).success && ((b as { records: unknown[] }).records ?? []).some((r) => hourRecordInput.safeParse(r).success),
        allowValid: (b) => (b.records as unknown[]).every((r) => {
          const parsed = hourRecordInput.safeParse(r);
          return !parsed.success || (parsed.data.person.idNumber === FUZZ_PERSON && parsed.data.hours <= 2);
        }),
      });
    case 'voidHourRecord':
      return s({ params: { id: INST, recordId: 'FZ-R0' }, body: { reason: '录入错误' } });
    case 'lookupLearningHours':
      return s({ body: { idNumber: FUZZ_PERSON, name: NAME, year: 2025, region: REGION } });
    case 'getMyLearningHours':
      return s({ query: { year: '2025', region: REGION } });
    case 'getAnnualReport':
      return s({ params: { id: INST, year: '2025' }, query: { format: 'json' } });
    case 'getRosterUpload':
      return s({ params: { id: INST, uploadId: fixtures.uploadId } });
    case 'createExpert':
      return s({ body: expertSeed(`FZ-E2-${sfx}`), allowValid: (b) => String(b.id ?? '').startsWith('FZ-') && b.status === 'INACTIVE' });
    case 'updateExpert':
      return s({ params: { id: EXPERT }, body: { name: '模糊专家乙', capacity: 2 }, allowValid: (b) => b.status === undefined || b.status === 'INACTIVE' });
    case 'getExpert':
      return s({ params: { id: EXPERT } });
    case 'submitNeed':
      return s({
        body: needSeed,
        allowValid: (b) => JSON.stringify(b.fields) === '["160"]' && String((b.window as { to?: unknown }).to) >= '2099',
      });
    case 'getNeed':
      return s({ params: { id: fixtures.needId } });
    case 'explainCandidate':
    case 'acceptProposal':
      return s({ params: { id: fixtures.needId, expertId: EXPERT } });
    case 'declineProposal':
      return s({ params: { id: fixtures.needId, expertId: EXPERT }, body: { reason: '没时间' } });
    case 'recordService':
      return s({ params: { id: fixtures.needId }, body: { hours: 1, form: 'LECTURE', date: '2025-01-01', summary: '讲座' } });
    case 'withdrawService':
      return s({ params: { id: fixtures.needId, expertId: EXPERT }, body: { reason: '误报' } });
    case 'giveFeedback':
      return s({ params: { id: fixtures.needId }, body: { rating: 5, comment: '好' } });
    case 'getMatchingStats':
      return s({ query: { year: '2025', region: REGION } });
    case 'runMatchingRound':
      // A real round would propose experts to other files' needs: only ever a dry run.
      return s({ body: { dryRun: true }, allowValid: (b) => b.dryRun === true });
    case 'createCase':
      return s({ body: caseSeed });
    case 'updateCase':
      return s({ params: { id: fixtures.caseB }, body: { title: '模糊案例（改）' } });
    case 'getCase':
    case 'getPublicCase':
      return s({ params: { id: fixtures.caseB } });
    case 'submitCase':
      return s({ params: { id: fixtures.caseB }, body: { comment: '请审核' } });
    // Case A stays a draft (nothing submits it), so no move can publish a fuzz case.
    case 'approveCase':
    case 'publishCase':
    case 'withdrawCase':
      return s({ params: { id: fixtures.caseA }, body: { comment: '通过' } });
    case 'rejectCase':
      return s({ params: { id: fixtures.caseA }, body: { comment: '需修改' } });
    case 'requestCaseAttachment':
      return s({ params: { id: fixtures.caseB }, body: { fileName: '附件.pdf', contentType: 'application/pdf', size: 1024 } });
    case 'listPublicCases':
      return s({ query: { topic: 'CONTINUING_EDUCATION', region: REGION, year: '2025', q: '模糊', limit: '10' } });
    case 'getSitePage':
      return s({ params: { path: 'verify' } });
    default:
      // A route nobody seeded yet: params named after themselves, a body sampled from its JSON schema.
      return s({ params: Object.fromEntries([...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => [m[1]!, 'x'])) });
  }
}

/** Stack frames, file paths, SDK or JS error names: nothing of our insides may reach a caller. */
const LEAK = /\n\s+at |node_modules|file:\/\/|\/(?:work|home|root|usr|tmp|var)\/|\.(?:ts|mjs|cjs):\d+|\b(?:TypeError|RangeError|SyntaxError|ReferenceError|ValidationException|ResourceNotFoundException|ConditionalCheckFailedException|TransactionCanceledException)\b|PRIVATE KEY|root:x:0:0|"devDependencies"/;
const DOC_ROUTES = new Set(['getOpenApi', 'getDocs', 'getEventCatalogue', 'getSitePage', 'getSiteRoot']);

function problemsWith(req: FuzzRequest, res: FuzzResponse): string[] {
  const out: string[] = [];
  if (res.status >= 500 || res.status < 100) out.push(`status ${res.status}`);
  if (res.status >= 400) {
    if (!/^application\/problem\+json\b/.test(res.contentType)) out.push(`4xx content-type ${res.contentType || '(none)'}`);
    let problem: { type?: unknown; title?: unknown; status?: unknown; errors?: { path?: unknown; message?: unknown }[] } | undefined;
    try {
      problem = JSON.parse(res.body) as typeof problem;
    } catch {
      out.push('4xx body is not JSON');
    }
    if (problem) {
      if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== res.status) out.push('problem lacks type/title/status');
      if (problem.type === '/problems/validation') {
        const errors = problem.errors;
        if (!Array.isArray(errors) || errors.length === 0) out.push('validation problem without errors');
        else if (!errors.every((e) => typeof e.path === 'string' && /^(path|query|body|headers)\b/.test(e.path) && typeof e.message === 'string')) out.push('validation error without a field path');
      }
    }
  }
  if ((res.status >= 300 || !DOC_ROUTES.has(req.operationId)) && LEAK.test(res.body)) out.push(`leak: …${LEAK.exec(res.body)![0]}…`);
  return out;
}

const describeRequest = (r: FuzzRequest) =>
  `${r.operationId} [${r.kind}] ${r.method} ${r.path.slice(0, 160)} ${r.body === undefined ? '' : String(Buffer.isBuffer(r.body) ? `<${r.body.length} bytes>` : r.body.slice(0, 200))}`;

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const results: { req: FuzzRequest; res?: FuzzResponse; error?: string }[] = [];

describe('bad-input fuzzing of every route', () => {
  beforeAll(async () => {
    const groups: [Group, string | undefined][] = [
      ['admin', undefined],
      ['issuer', REGION],
      ['reviewer', REGION],
      ['institution', INST],
      ['unit', UNIT],
      ['expert', EXPERT],
      ['professional', FUZZ_PERSON],
    ];
    for (const [group, tenant] of groups) tokens.set(group, await tokenFor({ group, tenant, ...(group === 'institution' ? { region: REGION } : {}) }));

    const cert = await call('POST', '/certificates', 'issuer', certSeed);
    fixtures.number = String(cert.number);
    fixtures.verifyToken = String(cert.verifyToken);
    await call('POST', '/institutions', 'admin', { id: INST, name: '模糊测试机构', level: 'ACCREDITED', region: REGION });
    await call('POST', `/institutions/${INST}/hour-records`, 'institution', { records: [hourRecord('FZ-R0')] });
    fixtures.uploadId = String((await call('POST', `/institutions/${INST}/roster-uploads`, 'institution')).uploadId);
    await call('POST', '/experts', 'admin', expertSeed(EXPERT));
    fixtures.needId = String((await call('POST', '/needs', 'unit', needSeed)).needId);
    fixtures.caseA = String((await call('POST', '/cases', 'issuer', caseSeed)).id);
    fixtures.caseB = String((await call('POST', '/cases', 'issuer', caseSeed)).id);
  });

  it(`sends ${TOTAL} hostile requests: never a 5xx, always problem+json, no internals`, async () => {
    const routes = SERVICES.flatMap((s) => s.routes).filter((r) => r.path !== '$default');
    // `$default` has no path or method of its own: every method and path trick against the other routes that matches none reaches it.
    const targets: FuzzTarget[] = routes.map((route) => {
      const group = route.access === 'public' ? undefined : route.access[0];
      return { route, token: group ? tokens.get(group) : undefined, ...seedFor(route) };
    });
    // Seeds must be valid, or every mutation would only test the first failing check.
    for (const t of targets) {
      const schema = t.route.request.body as z.ZodType | undefined;
      if (schema && t.body !== undefined) expect(schema.safeParse(t.body).error?.issues, `seed of ${t.route.operationId}`).toBeUndefined();
    }
    const perRoute = Math.ceil(TOTAL / targets.length);
    const validSoFar = new Map<string, number>();
    const perTarget = targets.map((t, i) => fc.sample(requestArbitrary(t), { numRuns: perRoute, seed: SEED + i }).map((r) => guard(t, r, validSoFar, VALID_CAP)));
    // Round-robin over routes, so concurrent requests hit different functions as real traffic would.
    const requests = Array.from({ length: perRoute }, (_, k) => perTarget.map((list) => list[k]!)).flat();
    // And legal-but-hostile text (lone surrogates, RTL overrides, NUL, emoji) in every free-text field, stored for real.
    requests.push(...targets.flatMap((t) => edgeTextRequests(t)));

    const started = performance.now();
    const { send, close } = sender(inject('baseUrl'), CONCURRENCY);
    try {
      await pool(requests, CONCURRENCY, async (req) => {
        try {
          const res = await send(req);
          results.push({ req, res });
          if (req.method !== 'GET' && res.status < 300) {
            try {
              collectStrings(JSON.parse(res.body), allowed);
            } catch {
              // not JSON: nothing created that we could name
            }
          }
        } catch (error) {
          results.push({ req, error: (error as Error).message });
        }
      });
    } finally {
      close();
    }
    const seconds = (performance.now() - started) / 1000;

    const histogram: Record<string, number> = {};
    const kinds: Record<string, number> = {};
    for (const { req, res, error } of results) {
      histogram[error ? 'transport-error' : String(res!.status)] = (histogram[error ? 'transport-error' : String(res!.status)] ?? 0) + 1;
      kinds[req.kind] = (kinds[req.kind] ?? 0) + 1;
    }
    console.log(
      `fuzzing: ${results.length} requests to ${targets.length} routes in ${seconds.toFixed(1)} s (seed ${SEED}, concurrency ${CONCURRENCY}, ${results.filter((r) => r.req.valid).length} with valid bodies)\n` +
        `  status: ${JSON.stringify(histogram)}\n  kinds:  ${JSON.stringify(kinds)}`,
    );

    const failures = results.flatMap(({ req, res, error }) => (error ? [`transport: ${error}`] : problemsWith(req, res!)).map((p) => `${p} ← ${describeRequest(req)} → ${res?.body.slice(0, 300) ?? ''}`));
    expect(results.length).toBeGreaterThanOrEqual(TOTAL);
    expect(failures.slice(0, 25), `${failures.length} bad answers (FUZZ_SEED=${SEED} reproduces)`).toEqual([]);
  }, 300_000);

  it('lets background work (streams, PDFs, matching, events) handle what the fuzzing stored without failures', async () => {
    // Wait until the event log stops growing: stream pollers and consumers have caught up.
    // /_local/events and /_local/failures are for admins (they show names and masked ID numbers).
    const asAdmin = { headers: { authorization: `Bearer ${await tokenFor({ group: 'admin' })}` } };
    let last = -1;
    for (let stable = 0, i = 0; stable < 3 && i < 30; i++) {
      const count = ((await (await fetch(api('/_local/events'), asAdmin)).json()) as { events: unknown[] }).events.length;
      stable = count === last ? stable + 1 : 0;
      last = count;
      await new Promise((r) => setTimeout(r, 700));
    }
    const { failures } = (await (await fetch(api('/_local/failures'), asAdmin)).json()) as { failures: { consumer: string; error: string; payload: unknown }[] };
    const ours = [`PX${REGION}`, INST, UNIT, EXPERT, fixtures.needId, fixtures.caseA, fixtures.caseB, 'FZ-', MARKER];
    const related = failures.filter((f) => ours.some((needle) => JSON.stringify(f).includes(needle)));
    expect(related.map((f) => `${f.consumer}: ${f.error}`)).toEqual([]);
  }, 60_000);

  it('leaves Object.prototype of this process unpolluted', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>)[MARKER]).toBeUndefined();
  });

  it('leaves the tables holding nothing they should not', async () => {
    expect(results.length, 'the fuzzing run happened').toBeGreaterThan(0);
    const endpoint = inject('dynamoEndpoint');
    expect(endpoint, 'the runtime names its DynamoDB endpoint').toMatch(/^http:/);
    const tables = await scanAllTables(endpoint);
    // A need is the fuzzing unit's when its own item says so. Not "any id a 2xx answer named":
    // a matching round's answer names every open need in the runtime, other test files' too.
    const fuzzNeeds = new Set(
      [...tables.values()]
        .flat()
        .filter(({ item }) => String(item.pk ?? '').startsWith('NEED#') && item.sk === '#NEED' && JSON.stringify(item).includes(UNIT))
        .map(({ item }) => String(item.pk).slice('NEED#'.length)),
    );
    const bad: string[] = [];
    let fuzzItems = 0;
    for (const [table, items] of tables) {
      for (const { raw, item } of items) {
        const where = `${table} ${String(item.pk ?? item.id)} / ${String(item.sk ?? '')}`;
        bad.push(...findContamination(raw, [MARKER]).map((p) => `${where}: ${p}`));
        const pk = String(item.pk ?? '');
        const sk = String(item.sk ?? '');
        const [kind, id] = [pk.split('#')[0], pk.slice(pk.indexOf('#') + 1)];
        const text = JSON.stringify(item);
        const ours =
          (kind === 'CERT' && id.slice(2, 8) === REGION) ||
          ((kind === 'INST' || kind === 'EXPERT') && id.startsWith('FZ-')) ||
          (kind === 'NEED' && fuzzNeeds.has(id)) ||
          (kind === 'CASE' && text.includes(`:${REGION}`));
        if (!ours) continue;
        fuzzItems++;
        if (!allowed.has(id)) bad.push(`${where}: a fuzz-tenant item no valid request created`);
        const [child, childId] = [sk.split('#')[0], sk.slice(sk.indexOf('#') + 1)];
        if ((child === 'REC' || child === 'UPLOAD' || child === 'ATT') && !allowed.has(childId)) bad.push(`${where}: ${child} ${childId} was never reported created`);
        if (kind === 'NEED' && child !== '' && sk !== '#NEED') bad.push(`${where}: a fuzz need got ${sk}, which no request should have caused`);
      }
    }
    console.log(`tables: ${[...tables.values()].reduce((a, t) => a + t.length, 0)} items in ${tables.size} tables, ${fuzzItems} of the fuzzing tenants`);
    expect(fuzzItems).toBeGreaterThan(0);
    expect(bad.slice(0, 25), `${bad.length} items`).toEqual([]);
  }, 60_000);
});
