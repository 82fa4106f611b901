import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/free-port';
import { mod11_2CheckCharacter } from '../../shared/ids/mod11-2';

/*
 * Fault suite (issue 7, item 6), part 3: killing the local runtime in the middle of a batch.
 *
 * A runtime of its own (`npm start`, NOT --in-memory) on its own port and data directory
 * (TSP_LOCAL_DIR), so DynamoDB Local keeps its tables on disk (-dbPath). An institution posts
 * large hour-record batches; while two batches are in flight the WHOLE process group is
 * SIGKILLed — npm, the node runtime, the sh guard and DynamoDB Local's Java process alike: no
 * handler, no shutdown hook, no DynamoDB flush gets to run. The runtime is started again on
 * the same data directory and the institution re-posts every batch, as a client that never got
 * its answers would. Then:
 *  - every answer after the restart is `created` or `duplicate` (nothing failed or conflicted:
 *    a record cut off mid-batch is either stored whole or not at all);
 *  - batches answered before the kill come back all `duplicate` (nothing accepted was lost);
 *  - the institution's partition holds every recordId exactly once (strongly consistent Query).
 *
 * The other fault tests: test/integration/fault-suite/*.test.ts (storage faults on write
 * routes, S3 failures, stream handler crashes, a roster ingest killed mid-file) and the
 * ones they list.
 */

const INSTITUTION = 'KILL-INST-01';
const BATCHES = 4;
const BATCH_SIZE = 500; // the route's maximum
const KILL_AFTER = 1; // batches answered before the kill; the next two are in flight when it comes

const idNumber = (seventeen: string) => `${seventeen}${mod11_2CheckCharacter(seventeen)}`;
const record = (b: number, n: number) => ({
  recordId: `K${b}-${n}`,
  person: { idNumber: idNumber(`32050119850101${String((b * BATCH_SIZE + n) % 1000).padStart(3, '0')}`), name: '王小明' },
  course: { code: `C-${b}`, title: '继续教育公需课', category: 'PROFESSIONAL' },
  hours: 1 + (n % 4),
  completedOn: '2025-05-10',
});
const batches = Array.from({ length: BATCHES }, (_, b) => Array.from({ length: BATCH_SIZE }, (_, n) => record(b, n)));

interface Runtime {
  child: ChildProcess;
  url: string;
  dynamo: string;
  output: () => string;
}

const dataDir = mkdtempSync(join(tmpdir(), 'tsp-fault-suite-'));
const started: ChildProcess[] = [];

async function startRuntime(): Promise<Runtime> {
  const port = await freePort();
  const child = spawn('npm', ['start'], { env: { ...process.env, PORT: String(port), TSP_LOCAL_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const banner = /DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/;
  const deadline = Date.now() + 90_000;
  while (!banner.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) throw new Error(`runtime did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url: `http://127.0.0.1:${port}`, dynamo: banner.exec(output)![1]!, output: () => output };
}

/** SIGKILL for the runtime's whole process group (npm, node, the Java guard and Java). */
async function kill(runtime: Runtime) {
  process.kill(-runtime.child.pid!, 'SIGKILL');
  const deadline = Date.now() + 15_000;
  while (runtime.child.exitCode === null && runtime.child.signalCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

async function tokens() {
  // The runtime's signing key lives in its data directory: read it from there.
  process.env.TSP_LOCAL_DIR = dataDir;
  const { issueLocalToken } = await import('../../infra/local/tokens');
  return { admin: await issueLocalToken({ group: 'admin' }), institution: await issueLocalToken({ group: 'institution', tenant: INSTITUTION }) };
}

type PostAnswer = { results: { recordId: string; status: string }[] };
const post = (runtime: Runtime, token: string, records: unknown[]) =>
  fetch(`${runtime.url}/institutions/${INSTITUTION}/hour-records`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ records }) });

/** The recordIds stored for the institution, read straight from the runtime's DynamoDB Local. */
async function storedRecordIds(runtime: Runtime): Promise<string[]> {
  const raw = new DynamoDBClient({ endpoint: runtime.dynamo, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(raw);
  const { TableNames } = await raw.send(new ListTablesCommand({}));
  const table = TableNames!.find((t) => t.includes('learning-hours'));
  if (!table) throw new Error(`no learning-hours table in ${TableNames!.join(', ')}`);
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rec)',
        ExpressionAttributeValues: { ':pk': `INST#${INSTITUTION}`, ':rec': 'REC#' },
        ProjectionExpression: 'recordId',
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    ids.push(...(page.Items ?? []).map((i) => String(i.recordId)));
    start = page.LastEvaluatedKey;
  } while (start);
  raw.destroy();
  return ids;
}

afterAll(() => {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('killing the local runtime mid-batch (persistent data directory)', () => {
  it('after a SIGKILL of the whole runtime and a restart, re-posted batches are created or duplicate, and every record is stored exactly once', { timeout: 300_000 }, async () => {
    const first = await startRuntime();
    const { admin, institution } = await tokens();
    const created = await fetch(`${first.url}/institutions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: INSTITUTION, name: '断电测试培训基地', level: 'PROVINCIAL_BASE', region: '320000' }),
    });
    expect(created.status).toBe(201);

    // Batches answered before the kill: every record accepted.
    for (let b = 0; b < KILL_AFTER; b++) {
      const res = await post(first, institution, batches[b]!);
      expect(res.status).toBe(200);
      const body = (await res.json()) as PostAnswer;
      expect(body.results.every((r) => r.status === 'created')).toBe(true);
    }
    // Two more in flight; the kill comes once part of them is stored.
    const answered = new Set<number>();
    const inFlight = [KILL_AFTER, KILL_AFTER + 1].map((b) =>
      post(first, institution, batches[b]!).then(
        (r) => (r.status === 200 ? answered.add(b) : undefined),
        () => undefined,
      ),
    );
    const acceptedBefore = KILL_AFTER * BATCH_SIZE;
    const deadline = Date.now() + 30_000;
    while ((await storedRecordIds(first)).length < acceptedBefore + 50 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await kill(first);
    await Promise.all(inFlight);
    // At least one in-flight request never got its answer: the connection died with the runtime.
    expect(answered.size).toBeLessThan(2);

    const second = await startRuntime();
    try {
      const survived = await storedRecordIds(second);
      // What the killed runtime had stored is all still there, and part of the in-flight batches with it.
      expect(new Set(survived).size).toBe(survived.length);
      expect(survived.length).toBeGreaterThanOrEqual(acceptedBefore + 50);
      expect(survived.length).toBeLessThan(BATCHES * BATCH_SIZE);
      console.log(`fault-suite: killed with ${survived.length - acceptedBefore} of ${2 * BATCH_SIZE} in-flight records stored (answered in-flight batches: ${[...answered].join(', ') || 'none'})`);

      const statuses: Record<string, number> = {};
      for (let b = 0; b < BATCHES; b++) {
        const res = await post(second, institution, batches[b]!);
        expect(res.status).toBe(200);
        const { results } = (await res.json()) as PostAnswer;
        expect(results.map((r) => r.recordId)).toEqual(batches[b]!.map((r) => r.recordId));
        for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        // Accepted before the kill: all duplicates now.
        if (b < KILL_AFTER || answered.has(b)) expect(results.every((r) => r.status === 'duplicate')).toBe(true);
        else expect(results.every((r) => r.status === 'created' || r.status === 'duplicate')).toBe(true);
      }
      expect(statuses.duplicate).toBe(survived.length);
      expect(statuses.created).toBe(BATCHES * BATCH_SIZE - survived.length);

      const stored = await storedRecordIds(second);
      expect(stored).toHaveLength(BATCHES * BATCH_SIZE);
      expect(new Set(stored)).toEqual(new Set(batches.flat().map((r) => r.recordId)));
    } finally {
      await kill(second);
    }
  });
});
