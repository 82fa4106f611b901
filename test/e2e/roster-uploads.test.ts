import { beforeAll, describe, expect, it } from 'vitest';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';
import { api, tokenFor } from '../support/tokens';

const suffix = Date.now().toString(36).toUpperCase();
const INST = `E2E-R-${suffix}`;
const OTHER = `E2E-S-${suffix}`;
const TRAINEES = 2000;

const call = (method: string, path: string, token: string, body?: unknown) =>
  fetch(api(path), { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

/** A valid resident ID number for the i-th trainee: born on the i-th day after 1970-01-01 in Nanjing. */
function traineeIdNumber(i: number): string {
  const born = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const seventeen = `320102${born}${String(100 + (i % 800)).padStart(3, '0')}`;
  return `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
}

/** A roster as a Chinese spreadsheet exports it: BOM, Chinese headers, slash dates, category names in Chinese. */
function roster(): string {
  const header = '记录编号,身份证号,姓名,课程代码,课程名称,科目类别,学时,完成日期';
  const rows = Array.from({ length: TRAINEES }, (_, i) =>
    [`RST-${i}`, traineeIdNumber(i), '李四', 'CE-2026', '"新质生产力专题, 第一期"', i % 2 ? '专业科目' : '公需科目', '12', '2026/3/7'].join(','),
  );
  const bad = ['RST-BAD-1,110101199001011234,王五,CE-2026,专题,专业科目,12,2026/3/7', 'RST-BAD-2,' + traineeIdNumber(1) + ',王五,CE-2026,专题,专业科目,十二,2026/3/7'];
  return `\uFEFF${[header, ...rows, '', ...bad].join('\r\n')}\r\n`;
}

interface UploadView {
  status: string;
  totalRows?: number;
  processedRows: number;
  counts: Record<string, number>;
  encoding?: string;
  error?: string;
  resultUrl?: string;
}

async function upload(token: string, institution: string, body: string): Promise<string> {
  const res = await call('POST', `/institutions/${institution}/roster-uploads`, token);
  expect(res.status).toBe(201);
  const { uploadId, uploadUrl } = (await res.json()) as { uploadId: string; uploadUrl: string };
  const put = await fetch(uploadUrl, { method: 'PUT', body });
  expect(put.status).toBe(200);
  return uploadId;
}

async function finished(token: string, institution: string, uploadId: string): Promise<UploadView> {
  const deadline = Date.now() + 100_000;
  for (;;) {
    const view = (await (await call('GET', `/institutions/${institution}/roster-uploads/${uploadId}`, token)).json()) as UploadView;
    if (view.status === 'DONE' || view.status === 'FAILED' || Date.now() > deadline) return view;
    await new Promise((r) => setTimeout(r, 500));
  }
}

let admin: string;
let inst: string;
let other: string;

beforeAll(async () => {
  admin = await tokenFor({ group: 'admin' });
  inst = await tokenFor({ group: 'institution', tenant: INST });
  other = await tokenFor({ group: 'institution', tenant: OTHER });
  for (const id of [INST, OTHER]) {
    expect((await call('POST', '/institutions', admin, { id, name: `国家级继续教育基地 ${id}`, level: 'NATIONAL_BASE', region: '320000' })).status).toBe(201);
  }
});

describe('CSV roster uploads end to end (npm start)', () => {
  let uploadId: string;

  it(`ingests a ${TRAINEES}-row roster through a presigned URL, and the annual report shows ${TRAINEES} trainees`, async () => {
    uploadId = await upload(inst, INST, roster());
    const view = await finished(inst, INST, uploadId);
    expect(view).toMatchObject({ status: 'DONE', encoding: 'utf-8', totalRows: TRAINEES + 2, processedRows: TRAINEES + 2 });
    expect(view.counts).toEqual({ created: TRAINEES, duplicate: 0, conflict: 0, rejected: 2, failed: 0 });

    const report = (await (await call('GET', `/institutions/${INST}/annual-reports/2026`, inst)).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ distinctTrainees: TRAINEES, records: TRAINEES, quota: 2000, quotaMet: true });
  });

  it('offers a result file naming each row, its status and the column at fault', async () => {
    const view = await finished(inst, INST, uploadId);
    const result = await fetch(view.resultUrl!);
    expect(result.status).toBe(200);
    const lines = (await result.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(TRAINEES + 3);
    expect(lines[1]).toBe('2,RST-0,created,');
    const bad = lines.filter((l) => l.includes('rejected'));
    expect(bad).toHaveLength(2);
    // Line numbers as the spreadsheet shows them: the blank line before the bad rows counts.
    expect(bad[0]).toMatch(/^2003,RST-BAD-1,rejected,"?idNumber: /);
    expect(bad[1]).toMatch(/^2004,RST-BAD-2,rejected,"?hours: /);
  });

  it('reports a second upload of the same file as duplicates, storing nothing twice', async () => {
    const again = await finished(inst, INST, await upload(inst, INST, roster()));
    expect(again.counts).toEqual({ created: 0, duplicate: TRAINEES, conflict: 0, rejected: 2, failed: 0 });
    const report = (await (await call('GET', `/institutions/${INST}/annual-reports/2026`, inst)).json()) as Record<string, unknown>;
    expect(report).toMatchObject({ distinctTrainees: TRAINEES, records: TRAINEES });
  });

  it('refuses a file without the required columns, saying which are missing', async () => {
    const view = await finished(inst, INST, await upload(inst, INST, 'recordId,name\nA,张三\n'));
    expect(view.status).toBe('FAILED');
    expect(view.error).toMatch(/idNumber \/ 身份证号/);
    expect(view.resultUrl).toBeUndefined();
  });

  it("keeps an institution out of another's uploads", async () => {
    expect((await call('GET', `/institutions/${INST}/roster-uploads/${uploadId}`, other)).status).toBe(403);
    expect((await call('POST', `/institutions/${INST}/roster-uploads`, other)).status).toBe(403);
    expect((await call('GET', `/institutions/${OTHER}/roster-uploads/${uploadId}`, other)).status).toBe(404);
    expect((await call('GET', `/institutions/${INST}/roster-uploads/${uploadId}`, admin)).status).toBe(200);
  });

  it('refuses an upload URL to a suspended institution', async () => {
    expect((await call('PATCH', `/institutions/${OTHER}`, admin, { status: 'SUSPENDED', reason: '整改' })).status).toBe(200);
    expect((await call('POST', `/institutions/${OTHER}/roster-uploads`, other)).status).toBe(409);
  });
});
