import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../infra/local/free-port';
import type { ResponseMismatch } from '../../shared/http/response-check';

/**
 * Starts the platform exactly as a developer does — `npm start -- --in-memory` — on a free
 * port with its own .local folder, waits for /public/health, and stops it afterwards.
 */
/** The anonymous lookup budget of the shared runtime: out of the way of every test but the budget's own. */
const SHARED_RUNTIME_ANONYMOUS_LOOKUPS = 1_000_000;

export default async function setup(project: TestProject) {
  const port = await freePort();
  const localDir = mkdtempSync(join(tmpdir(), 'tsp-e2e-'));
  // Workers inherit this, so tokens minted in tests are signed with the runtime's local key.
  process.env.TSP_LOCAL_DIR = localDir;
  const { localSigningKey, localPiiHashKey } = await import('../../infra/local/secrets');
  await localSigningKey();
  await localPiiHashKey();

  // Every answer is checked against its route's documented responses (issue 13 item 11): in this
  // runtime, and in any an e2e test starts (the e2e project's env in vitest.config.ts sets the flag
  // for its workers). Not in process.env here: the unit and integration workers, which run
  // handlers in-process with test routes of their own, would inherit it. A mismatch answers 500 at
  // once and is listed at /_local/response-mismatches, which the teardown below reads.
  const child = spawn('npm', ['start', '--', '--in-memory'], {
    // Every e2e and browser file shares this runtime and calls it from 127.0.0.1, one anonymous
    // client to the lookup budget: the load suite, fuzzing, the demo data check, the verification
    // pages and the certificate tests together look up far more than 600 certificates in 5
    // minutes. So the anonymous budget is raised here, for this runtime only (not in
    // process.env, which other runtimes started by tests inherit); test/e2e/verification-budget
    // starts a runtime of its own with the default 600 and tests the budget there.
    env: { ...process.env, PORT: String(port), TSP_LOCAL_DIR: localDir, TSP_VALIDATE_RESPONSES: 'true', LOOKUPS_PER_5_MIN_ANONYMOUS: String(SHARED_RUNTIME_ANONYMOUS_LOOKUPS) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/public/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`npm start was not healthy within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  // The banner (printed once the API listens) names DynamoDB Local: tests that check what the tables hold read it.
  while (!/DynamoDB\s+http:\/\/127\.0\.0\.1:\d+/.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  project.provide('baseUrl', baseUrl);
  project.provide('localDir', localDir);
  project.provide('dynamoEndpoint', /DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '');
  return async () => {
    const mismatches = await responseMismatches(baseUrl).catch((error: Error) => [`could not read the response mismatches: ${error.message}`]);
    // npm start runs in its own process group; SIGINT it like Ctrl-C and wait for a clean exit.
    try {
      process.kill(-child.pid!, 'SIGINT');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
        resolve();
      }, 10_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
    });
    rmSync(localDir, { recursive: true, force: true });
    if (mismatches.length) {
      const list = mismatches.map((m) => (typeof m === 'string' ? m : `${m.method} ${m.path} (${m.operationId}) → ${m.status} ${m.contentType ?? ''}\n    ${m.issues.join('\n    ')}`));
      console.error(`\n${mismatches.length} response(s) did not match their documented schema:\n  ${list.join('\n  ')}\n`);
      throw new Error(`${mismatches.length} response(s) of the e2e runtime did not match their route's documented responses (listed above)`);
    }
  };
}

/** What the shared runtime recorded in test mode: answers that are not what their routes document. */
async function responseMismatches(baseUrl: string): Promise<(ResponseMismatch | string)[]> {
  const { issueLocalToken } = await import('../../infra/local/tokens');
  const admin = await issueLocalToken({ group: 'admin' });
  const res = await fetch(`${baseUrl}/_local/response-mismatches`, { headers: { authorization: `Bearer ${admin}` } });
  if (res.status !== 200) return [`GET /_local/response-mismatches answered ${res.status}`];
  const { enabled, mismatches } = (await res.json()) as { enabled: boolean; mismatches: ResponseMismatch[] };
  return enabled ? mismatches : ['the runtime did not check its responses (TSP_VALIDATE_RESPONSES was not on)'];
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    localDir: string;
    /** DynamoDB Local of the runtime under test ('' if its banner never named it). */
    dynamoEndpoint: string;
  }
}
