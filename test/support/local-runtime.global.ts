import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../infra/local/free-port';

/**
 * Starts the platform exactly as a developer does — `npm start -- --in-memory` — on a free
 * port with its own .local folder, waits for /public/health, and stops it afterwards.
 */
export default async function setup(project: TestProject) {
  const port = await freePort();
  const localDir = mkdtempSync(join(tmpdir(), 'tsp-e2e-'));
  // Workers inherit this, so tokens minted in tests are signed with the runtime's local key.
  process.env.TSP_LOCAL_DIR = localDir;
  const { localSigningKey, localPiiHashKey } = await import('../../infra/local/secrets');
  await localSigningKey();
  await localPiiHashKey();

  const child = spawn('npm', ['start', '--', '--in-memory'], {
    env: { ...process.env, PORT: String(port), TSP_LOCAL_DIR: localDir },
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
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    localDir: string;
    /** DynamoDB Local of the runtime under test ('' if its banner never named it). */
    dynamoEndpoint: string;
  }
}
